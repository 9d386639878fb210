"""Translation memory (翻译记忆): segments translated before anywhere in the site group are pre-filled, marked,
and offered by the editor's "Machine translate" button."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from tests.translations.helpers import english_of, translate_every_segment, translator_group
from translations.checks import page_translation
from translations.memory import MEMORY_TOOL, memory_share
from translations.sync import open_foreign_version, site_pages

pytestmark = pytest.mark.django_db


def column(provisioned, slug):
    return site_pages(provisioned.home).get(slug=slug)


def title_translation(english_page):
    """The StringTranslation of `english_page`'s title segment, or None while untranslated."""
    translation = page_translation(english_page)
    segment = StringSegment.objects.get(source=translation.source, context__path="title")
    return StringTranslation.objects.filter(
        translation_of_id=segment.string_id, context_id=segment.context_id, locale_id=english_page.locale_id
    ).first()


def translate_on_portal(client, site_group, make_user, slug, english_title):
    """The portal's translator translates the portal's column `slug` in the editor."""
    client.force_login(make_user(translator_group(site_group.portal)))
    english_column = english_of(column(site_group.portal, slug))
    title = column(site_group.portal, slug).title
    responses = translate_every_segment(
        client, english_column, lambda text: english_title if text == title else f"EN {text}"
    )
    assert {response.status_code for response in responses} <= {200, 201}


def test_a_column_name_translated_on_the_portal_is_prefilled_for_a_countys_column_of_that_name(
    client, site_group, make_user
):
    open_foreign_version(site_group.portal.home, "en")
    translate_on_portal(client, site_group, make_user, "zwdt", "Government News")

    open_foreign_version(site_group.county_a.home, "en")

    prefilled = title_translation(english_of(column(site_group.county_a, "zwdt")))
    assert prefilled.data == "Government News"
    assert prefilled.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE
    assert prefilled.tool_name.startswith(f"{MEMORY_TOOL}（") and prefilled.last_translated_by is None
    # Not a manual translation: it counts towards the memory's share, not towards anyone's translating.
    county_translations = Translation.objects.filter(
        source__object_id__in=Page.objects.descendant_of(site_group.county_a.home, inclusive=True)
        .filter(locale__language_code="zh-hans")
        .values("translation_key"),
        target_locale__language_code="en",
    )
    filled, total = memory_share(county_translations)
    assert 1 <= filled < total
    assert (
        filled
        == StringTranslation.objects.filter(
            context__object_id__in=county_translations.values("source__object_id"), tool_name__startswith=MEMORY_TOOL
        ).count()
    )


def test_without_an_earlier_translation_nothing_is_prefilled(site_group):
    open_foreign_version(site_group.portal.home, "en")
    open_foreign_version(site_group.county_a.home, "en")
    assert title_translation(english_of(column(site_group.county_a, "zwdt"))) is None


def test_a_prefilled_segment_edited_by_a_translator_becomes_manual(client, site_group, make_user):
    open_foreign_version(site_group.portal.home, "en")
    translate_on_portal(client, site_group, make_user, "zwdt", "Government News")
    open_foreign_version(site_group.county_a.home, "en")
    english_column = english_of(column(site_group.county_a, "zwdt"))
    prefilled = title_translation(english_column)

    county_translator = make_user(translator_group(site_group.county_a))
    client.force_login(county_translator)
    translation = page_translation(english_column)
    segment = StringSegment.objects.get(source=translation.source, context__path="title")
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        urlencode({"value": "County News"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    prefilled.refresh_from_db()
    assert (prefilled.data, prefilled.translation_type, prefilled.tool_name, prefilled.last_translated_by) == (
        "County News",
        StringTranslation.TRANSLATION_TYPE_MANUAL,
        "",
        county_translator,
    )


def test_the_editors_machine_translate_button_fills_from_memory_only(client, site_group, make_user):
    open_foreign_version(site_group.portal.home, "en")
    open_foreign_version(site_group.county_a.home, "en")
    # Translated on the portal after county A's English version was opened: only the button brings it over.
    translate_on_portal(client, site_group, make_user, "tzgg", "Notices")
    english_column = english_of(column(site_group.county_a, "tzgg"))
    assert title_translation(english_column) is None

    client.force_login(make_user(translator_group(site_group.county_a)))
    translation = page_translation(english_column)
    response = client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
    assert response.status_code == 302

    filled = title_translation(english_column)
    assert (filled.data, filled.translation_type, filled.tool_name) == (
        "Notices",
        StringTranslation.TRANSLATION_TYPE_MACHINE,
        MEMORY_TOOL,
    )
    # Every string filled is one translated before (the portal's), by the memory: nothing invented, no other tool.
    portal_column = english_of(column(site_group.portal, "tzgg"))
    portal_strings = set(
        StringTranslation.objects.filter(
            context__object_id=portal_column.translation_key, locale_id=portal_column.locale_id
        ).values_list("data", flat=True)
    )
    county_rows = StringTranslation.objects.filter(
        context__object_id=english_column.translation_key, locale_id=english_column.locale_id
    )
    assert {row.tool_name for row in county_rows} == {MEMORY_TOOL}
    assert {row.data for row in county_rows} <= portal_strings
