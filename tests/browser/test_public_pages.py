"""The key public pages of a county site, checked with axe-core and captured on a phone and a desktop screen."""

import pytest
from playwright.sync_api import expect

from tests.browser.citizen import look_at
from tests.browser.pages import page_at

pytestmark = pytest.mark.browser

COUNTY = "yunxi.localhost"


def first_live_child(path):
    return page_at(COUNTY, path).get_children().live().order_by("path").first().specific


KEY_PAGES = {
    "home": lambda: page_at(COUNTY, "").full_url,
    "column": lambda: page_at(COUNTY, "zwgk/tzgg/").full_url,
    "article": lambda: first_live_child("zwgk/tzgg/").full_url,
    "policy": lambda: first_live_child("zwgk/zcwj/").full_url,
    "mailbox": lambda: page_at(COUNTY, "hdjl/zmhdxx/").full_url,
    "letter-form": lambda: page_at(COUNTY, "hdjl/zmhdxx/").full_url + "write/",
}


@pytest.mark.parametrize("name", KEY_PAGES)
def test_key_page(name, citizen, screenshot):
    citizen.goto(KEY_PAGES[name]())
    look_at(citizen, screenshot, name)


def test_search_results_page(citizen, demo_server, public_search_index, screenshot):
    citizen.goto(demo_server.url(COUNTY, "/search/?q=农村"))
    expect(citizen.locator(".search-results li").first).to_be_visible()
    look_at(citizen, screenshot, "search-results")


def test_the_site_map_from_the_footer_leads_to_the_mailbox(citizen, screenshot):
    citizen.goto(page_at(COUNTY, "").full_url)
    with citizen.expect_navigation():
        citizen.get_by_role("contentinfo").get_by_role("link", name="网站地图").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("网站地图")
    look_at(citizen, screenshot, "site-map")
    with citizen.expect_navigation():
        citizen.locator("main").get_by_role("link", name="政民互动信箱").click()
    expect(citizen.get_by_role("heading", level=1)).to_contain_text("信箱")
