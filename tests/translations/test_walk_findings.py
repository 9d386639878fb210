"""Defects found walking the English demo in a browser (issue 15), kept as regression tests.

An English policy page (/en/…) must not show Chinese punctuation between translated values, and any Chinese
name it cannot translate must be marked lang="zh-Hans" rather than read as English; a translator's editor
must be able to load the images of the pages it translates.
"""

import re

from bs4 import BeautifulSoup
from wagtail_factories import ImageFactory

from disclosure.metadata import DisclosureCategory
from tests.translations.helpers import translator_group
from tests.translations.test_synchronised import capture, en, publish_in_english, publish_policy  # noqa: F401

CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def english_policy_meta(english, en, capture, client):  # noqa: F811
    policy = publish_policy(english.portal, capture, disclosure_category=DisclosureCategory.DECISION)
    english_policy = publish_in_english(policy, en, capture)
    page = BeautifulSoup(client.get(english_policy.url, HTTP_HOST="localhost").content, "html.parser")
    return {item.dt.get_text(): item.dd for item in page.select(".policy-meta__item")}


def test_the_english_disclosure_category_joins_method_and_category_without_an_ideographic_space(
    english,
    en,  # noqa: F811
    capture,  # noqa: F811
    client,
):
    text = english_policy_meta(english, en, capture, client)["Disclosure category"].get_text()
    assert not CHINESE.search(text), f"Chinese punctuation on the English page: {text!r}"


def test_chinese_issuing_body_and_topic_names_on_an_english_policy_are_marked_chinese(
    english,
    en,  # noqa: F811
    capture,  # noqa: F811
    client,
):
    meta = english_policy_meta(english, en, capture, client)
    for label in ("Issuing body", "Topic"):
        dd = meta[label]
        if CHINESE.search(dd.get_text()):
            marked = [node for node in dd.find_all(lang=True) if node["lang"].startswith("zh")]
            assert dd.get("lang", "").startswith("zh") or marked, f"{label}: {dd!s} is Chinese labelled English"


def test_a_translator_can_load_the_images_of_their_sites_pages_in_the_translation_editor(english, make_user, client):
    """wagtail-localize's editor fetches each image of the page's body from the admin API
    (/admin/api/main/images/<id>/); a 404 leaves the editor blank (TypeError reading 'url'), so a translator
    cannot translate any page with an image block (demo: qingshan /admin/pages/174/edit/, 168, portal 148)."""
    county = english.county_a
    image = ImageFactory(title="会场", collection=county.collection)
    client.force_login(make_user(translator_group(county)))
    response = client.get(f"/admin/api/main/images/{image.pk}/")
    assert response.status_code == 200, response.content[:200]
