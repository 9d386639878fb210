"""manage.py check_links [--site <home id>] [--external]: find the broken links of the live pages.

Pages, documents and images are checked in the database every time; external http(s) links only with
--external (over HTTP, through the cache of recent results). Run by the scheduler, never in a web request.
"""

from django.core.management.base import BaseCommand, CommandError

from govcms.core.tree import site_home_model
from monitoring.links import check_all_links, check_site_links


class Command(BaseCommand):
    help = "Check the links of live pages and record the broken ones (失效链接)."

    def add_arguments(self, parser):
        parser.add_argument("--site", type=int, help="the id of a site's home page: check that site only")
        parser.add_argument("--external", action="store_true", help="also check external links over HTTP")

    def handle(self, *args, site=None, external=False, **options):
        if site is None:
            count = check_all_links(external=external)
        else:
            home = site_home_model().objects.filter(pk=site).first()
            if home is None:
                raise CommandError(f"No site home with id {site}.")
            count = check_site_links(home, external=external)
        self.stdout.write(f"{count} broken link(s) open.")
