"""wagtail-localize's 翻译此页 / 同步翻译的页面 buttons of the explorer's rows, without queries per row.

wagtail-localize's `page_listing_more_buttons` asks the database twice for every row it shows (are there
locales without a translation; is the page a source with translations to sync): 2 × 50 queries on a full
explorer page. Here the explorer's queryset carries both answers (`annotate_translation_state`, Wagtail's
construct_explorer_page_queryset hook), and the buttons read them; the same buttons, for the same rows and
users, with wagtail-localize's own logic as the fallback for a page that comes without them (a search result).
"""

from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

SUBMIT_PERMISSION = "wagtail_localize.submit_translation"


def untranslated_locale_exists():
    """A locale in which the page has neither a translation nor its original (aliases do not count)."""
    versions = Page.objects.filter(translation_key=OuterRef(OuterRef("translation_key")), alias_of__isnull=True)
    return Exists(Locale.objects.exclude(id__in=versions.values("locale_id")))


def synced_source():
    """The id of the TranslationSource the page is, if it has translations still in step with it."""
    sources = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"),
        object__content_type=ContentType.objects.get_for_model(Page),
        locale_id=OuterRef("locale_id"),
        translations__enabled=True,
    )
    return Subquery(sources.values("pk")[:1])


def annotate_translation_state(parent_page, pages, request):
    """Both answers on every row of the explorer, for users who are shown the buttons."""
    if not request.user.has_perm(SUBMIT_PERMISSION):
        return pages
    return pages.annotate(_localize_untranslated=untranslated_locale_exists(), _localize_source=synced_source())


def _translation_state(page):
    """(a locale left to translate into?, id of its source with synced translations) from the row, else asked."""
    if hasattr(page, "_localize_untranslated"):
        return page._localize_untranslated, page._localize_source
    state = Page.objects.filter(pk=page.pk).annotate(untranslated=untranslated_locale_exists(), source=synced_source())
    return state.values_list("untranslated", "source").get()


def translation_listing_buttons(page, user, next_url=None):
    if page.is_root() or not user.has_perm(SUBMIT_PERMISSION):
        return
    untranslated, source_id = _translation_state(page)
    if untranslated:
        # An alias is translated from the page it mirrors (as wagtail-localize does).
        url = reverse("wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.id])
        yield Button(_("翻译此页"), url, priority=60, icon_name="wagtail-localize-language")
    if source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield Button(_("同步翻译的页面"), url, priority=60, icon_name="resubmit")
