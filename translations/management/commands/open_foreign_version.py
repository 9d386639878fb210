"""Give a site a foreign-language version: `open_foreign_version <site home slug or id> <language code>`."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from govcms.core.tree import site_home_model
from translations.languages import foreign_language_codes
from translations.sync import open_foreign_version


class Command(BaseCommand):
    help = "Open a foreign-language version (e.g. en) of a site: drafts to translate, its translators and workflow."

    def add_arguments(self, parser):
        parser.add_argument("site", help="the slug or id of the site's (Chinese) home page")
        parser.add_argument("language", choices=foreign_language_codes())

    def handle(self, *args, site, language, **options):
        homes = site_home_model().objects.filter(locale=Locale.get_default())
        home = homes.filter(pk=int(site)).first() if site.isdigit() else None
        if home is None:
            matches = list(homes.filter(slug=site)[:2])
            if len(matches) != 1:
                raise CommandError(f"No single site home with slug or id {site!r}.")
            home = matches[0]
        try:
            created = open_foreign_version(home, language)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if created:
            self.stdout.write(f"{home.title} ({language}): " + ", ".join(created))
        else:
            self.stdout.write(f"{home.title} already offers {language}.")
