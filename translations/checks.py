"""The content check's part for translated pages (govcms_content_checks): nothing goes live half translated."""

from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail_localize.models import Translation

from release.workflow.checks import Problem
from translations.languages import is_original

UNTRANSLATED = "untranslated"
ORIGINAL_OFFLINE = "original_offline"


def page_translation(page):
    """The wagtail-localize Translation that `page` (a translated page) is the target of, or None."""
    return (
        Translation.objects.filter(source__object_id=page.translation_key, target_locale_id=page.locale_id)
        .select_related("source")
        .first()
    )


def find_untranslated_segments(page):
    if is_original(page):
        return []
    translation = page_translation(page)
    if translation is None:
        return []
    total, translated = translation.get_progress()
    if translated >= total:
        return []
    return [
        Problem(
            UNTRANSLATED,
            _("尚有 %(missing)d 段未翻译（共 %(total)d 段），请译完后再提交。")
            % {"missing": total - translated, "total": total},
        )
    ]


def find_offline_original(page):
    """A translation goes live only with its original: never for a page withdrawn or not yet published."""
    if is_original(page):
        return []
    original = page.get_translation_or_none(Locale.get_default())
    if original is not None and original.live:
        return []
    return [Problem(ORIGINAL_OFFLINE, _("中文原文未发布或已撤稿，外文版不能发布。"))]
