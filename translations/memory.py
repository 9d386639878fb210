"""Translation memory (翻译记忆): a segment whose source text was translated before, anywhere in the site group,
is pre-filled from that translation and marked as such.

wagtail-localize stores each distinct source string once (`String`) and its translations per context (the field
of one page). A new page's segment with a string already translated for another page would start empty; this
fills it from the latest manual translation of that string into the same language, as a translation of type
"machine" whose tool name says where it came from, so the editor shows "Translated with 翻译记忆（…）" beside it
until a translator confirms or changes it (which makes it a manual translation).

`MemoryMachineTranslator` offers the same memory through wagtail-localize's "Machine translate" button
(WAGTAILLOCALIZE_MACHINE_TRANSLATOR): it fills the segments whose strings were translated since the
page's translation was made, and leaves the others empty. Nothing leaves the server.
"""

from wagtail.models import Page
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.models import String, StringSegment, StringTranslation
from wagtail_localize.strings import StringValue

MEMORY_TOOL = "翻译记忆"


def memory_tool_name(title):
    return f"{MEMORY_TOOL}（{title}）"[:255]


def prefill_from_memory(translation):
    """Fill `translation`'s untranslated segments from earlier manual translations; return how many were filled."""
    locale_id = translation.target_locale_id
    segments = list(StringSegment.objects.filter(source=translation.source).only("string_id", "context_id"))
    if not segments:
        return 0
    translated = set(
        StringTranslation.objects.filter(
            locale_id=locale_id, context_id__in={segment.context_id for segment in segments}
        ).values_list("translation_of_id", "context_id")
    )
    missing = [segment for segment in segments if (segment.string_id, segment.context_id) not in translated]
    remembered = _latest_manual_translations(locale_id, {segment.string_id for segment in missing})
    titles = _page_titles(locale_id, {found.context.object_id for found in remembered.values()})
    filled = [
        StringTranslation(
            translation_of_id=segment.string_id,
            locale_id=locale_id,
            context_id=segment.context_id,
            data=remembered[segment.string_id].data,
            translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
            tool_name=memory_tool_name(titles.get(remembered[segment.string_id].context.object_id, "")),
        )
        for segment in missing
        if segment.string_id in remembered
    ]
    for string_translation in filled:
        # save(), not bulk_create: wagtail-localize's post_save keeps a translated page's draft title in step.
        string_translation.save()
    return len(filled)


def _latest_manual_translations(locale_id, string_ids):
    """{string id: its latest error-free manual translation into the locale} for the strings that have one."""
    if not string_ids:
        return {}
    found = (
        StringTranslation.objects.filter(
            locale_id=locale_id,
            translation_of_id__in=string_ids,
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            has_error=False,
        )
        .select_related("context")
        .order_by("updated_at")
    )
    return {string_translation.translation_of_id: string_translation for string_translation in found}


def _page_titles(locale_id, translation_keys):
    """Titles of the translated pages the remembered translations were made for (what the editor names)."""
    pages = Page.objects.filter(translation_key__in=translation_keys, locale_id=locale_id)
    return dict(pages.values_list("translation_key", "title"))


class MemoryMachineTranslator(BaseMachineTranslator):
    """wagtail-localize's machine translator, answered from the translation memory only."""

    display_name = MEMORY_TOOL

    def translate(self, source_locale, target_locale, strings):
        by_hash = {String._get_data_hash(string.data): string for string in strings}
        string_ids = dict(
            String.objects.filter(locale_id=source_locale.pk, data_hash__in=by_hash).values_list("pk", "data_hash")
        )
        remembered = _latest_manual_translations(target_locale.pk, set(string_ids))
        return {by_hash[string_ids[string_id]]: StringValue(found.data) for string_id, found in remembered.items()}

    def can_translate(self, source_locale, target_locale):
        return source_locale.pk != target_locale.pk


def memory_share(translations):
    """(segments pre-filled from memory, all segments) over `translations`: the memory's share of the work."""
    filled = total = 0
    for translation in translations:
        total += StringSegment.objects.filter(source_id=translation.source_id).count()
        filled += StringTranslation.objects.filter(
            locale_id=translation.target_locale_id,
            context__object_id=translation.source.object_id,
            tool_name__startswith=MEMORY_TOOL,
        ).count()
    return filled, total
