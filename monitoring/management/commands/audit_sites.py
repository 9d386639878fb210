"""manage.py audit_sites: today's scorecard of every site (or of one), run daily by the scheduler."""

from django.core.management.base import BaseCommand, CommandError

from monitoring.audit import assessed_homes, audit_sites
from monitoring.items import ITEMS_BY_KEY
from monitoring.models import Status


class Command(BaseCommand):
    help = "Audit every site (or one, --site with its home page id) and store today's snapshot."

    def add_arguments(self, parser):
        parser.add_argument("--site", type=int, help="the id of one site's home page")

    def handle(self, *args, site=None, **options):
        homes = assessed_homes()
        if site is not None:
            homes = homes.filter(pk=site)
            if not homes:
                raise CommandError(f"No site has the home page id {site}.")
        for audit in audit_sites(homes):
            failing = [ITEMS_BY_KEY[item["key"]].label for item in audit.items if item["status"] != Status.PASS]
            self.stdout.write(
                f"{audit.home.title}: {Status(audit.status).label} {audit.score} "
                + "、".join(str(label) for label in failing)
            )
