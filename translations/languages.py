"""Which languages the platform and each site offer.

Content languages are `WAGTAIL_CONTENT_LANGUAGES`; the first entry of `LANGUAGE_CODE` (zh-hans) is the
original language, served unprefixed, and every other one is a *foreign language* a site may offer under
/<code>/ (`GOVCMS_FOREIGN_LANGUAGES`, English by default). A site offers a foreign language when it has a
SiteLanguage record (translations.sync.open_foreign_version makes it, with the translated tree).
"""

from django.conf import settings
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale

from govcms.core.tree import site_home_of


def foreign_languages():
    """(code, name) of every content language but the original one."""
    return [(code, name) for code, name in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE]


def foreign_language_codes():
    return [code for code, _name in foreign_languages()]


def language_name(code):
    """`code`'s name in the admin's active language, for interface text: 英文 in Chinese (as in 英文版, the way
    government sites name it: settings.CONTENT_LANGUAGE_CHINESE_NAMES), else Django's localized name (English).
    The public language switcher names each language in its own language (WAGTAIL_CONTENT_LANGUAGES) instead."""
    if (get_language() or "").startswith("zh"):
        chinese = settings.CONTENT_LANGUAGE_CHINESE_NAMES.get(code)
        if chinese:
            return chinese
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def is_original(page):
    return page.locale.language_code == settings.LANGUAGE_CODE


def offered_languages(home):
    """The foreign languages the site rooted at `home` (its original-language HomePage) offers."""
    from translations.models import SiteLanguage

    return set(SiteLanguage.objects.filter(home=home).values_list("language_code", flat=True))


def original_site_home(page):
    """The original-language home of the site `page` belongs to (a translated page's source site)."""
    home = site_home_of(page)
    if home is None or is_original(home):
        return home
    return home.get_translation_or_none(Locale.get_default())
