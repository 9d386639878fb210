"""The English versions as people meet them: a foreign reader on the portal's English site and on a county that
has none, and a county translator opening their work (issue 15)."""

import pytest
from playwright.sync_api import expect

from tests.browser.citizen import look_at
from tests.browser.pages import page_at

pytestmark = pytest.mark.browser

PORTAL = "localhost"
WITHOUT_ENGLISH = "yunxi.localhost"
IN_PROGRESS = "qingshan.localhost"


def test_a_foreign_reader_browses_the_english_portal_and_switches_to_chinese(person, demo_server, screenshot):
    reader = person(None)
    reader.goto(demo_server.url(PORTAL, "/en/"))
    expect(reader.locator("html")).to_have_attribute("lang", "en")
    look_at(reader, screenshot, "english-home")
    with reader.expect_navigation():
        reader.locator("nav.column-nav").get_by_role("link", name="Government Information").click()
    expect(reader.locator("html")).to_have_attribute("lang", "en")
    look_at(reader, screenshot, "english-column")
    with reader.expect_navigation():
        reader.locator(".language-links").get_by_role("link", name="简体中文").click()
    expect(reader.locator("html")).to_have_attribute("lang", "zh-Hans")


def test_a_county_without_english_answers_a_bilingual_notice_leading_to_chinese(citizen, demo_server, screenshot):
    response = citizen.goto(demo_server.url(WITHOUT_ENGLISH, "/en/"))
    assert response.status == 404
    expect(citizen.get_by_role("heading", level=1)).to_contain_text("not available in English")
    look_at(citizen, screenshot, "english-notice")
    with citizen.expect_navigation():
        citizen.get_by_role("link", name="查看中文页面").click()
    assert citizen.url.rstrip("/") == page_at(WITHOUT_ENGLISH, "").full_url.rstrip("/")


def test_a_county_translator_finds_their_work_and_opens_the_translation_editor(person, screenshot):
    translator = person("qingshan_translator", host=IN_PROGRESS)
    translator.get_by_role("button", name="报告").click()
    with translator.expect_navigation():
        translator.get_by_role("link", name="翻译任务", exact=True).click()
    expect(translator.get_by_role("heading", level=1)).to_contain_text("翻译任务")
    waiting = translator.locator("table tbody tr", has_text="待翻译").first
    with translator.expect_navigation():
        waiting.get_by_role("link").first.click()
    # wagtail-localize's editor is a script: it shows the page's segments once it has loaded them.
    expect(translator.locator(".js-translation-editor textarea, .js-translation-editor li").first).to_be_visible()
    expect(translator.get_by_role("button", name="提交审校")).to_be_visible()
