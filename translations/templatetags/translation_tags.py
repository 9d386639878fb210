"""Language links of a public page: hreflang alternates, the language switcher and the out-of-date notice.

A page links only to its translations that are live, in languages its site offers (translations.SiteLanguage;
the original language always is). A page without one shows no switcher: a link to a notice saying there is no
translation would only cost the reader a click. One query per page, whatever the number of languages.
"""

from django import template
from django.conf import settings
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.translation import get_language
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from translations.models import SiteLanguage

register = template.Library()


@register.simple_tag
def get_translations(page=None, site_home=None):
    """Live versions of `page` in the other languages its site (rooted at `site_home`) offers, as (page, language
    code, name). The original-language version carries `source_updated_at`: when its text was last taken for
    translation (wagtail-localize's TranslationSource), which the out-of-date notice compares."""
    if not page:
        return []
    offered = Q(locale__language_code=settings.LANGUAGE_CODE)
    if site_home is not None:
        offered |= Q(
            Exists(
                SiteLanguage.objects.filter(
                    home__translation_key=site_home.translation_key, language_code=OuterRef("locale__language_code")
                )
            )
        )
    source_updated_at = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id")
    ).values("last_updated_at")[:1]
    translations = (
        Page.objects.live()
        .filter(offered, translation_key=page.translation_key)
        .exclude(locale_id=page.locale_id)
        .annotate(source_updated_at=Subquery(source_updated_at))
        .select_related("locale")
        .order_by("locale__language_code")
    )
    names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    return [
        (translation, translation.locale.language_code, names.get(translation.locale.language_code))
        for translation in translations
    ]


@register.simple_tag
def original_version(translations):
    """The original-language version among `translations` (the x-default alternate), or None."""
    return next((page for page, code, _name in translations if code == settings.LANGUAGE_CODE), None)


@register.simple_tag
def outdated_original(page, original):
    """`original` when the translated `page` is out of date: its original's text was taken for translation again
    (translations.sync.follow_source, on publishing the original) after `page` was last published."""
    if not page or original is None or get_language() == settings.LANGUAGE_CODE:
        return None
    updated_at = original.source_updated_at
    if updated_at is None or page.last_published_at is None or updated_at <= page.last_published_at:
        return None
    return original
