"""长者模式 (elder mode): the header switch on every public page, its no-JavaScript view and the class it renders."""

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.urls import reverse

from govcms.views import ELDER_MODE_COOKIE
from sitegroup.provisioning import provision_subsite
from tests.govcms.test_content_security_policy import public_urls

pytestmark = pytest.mark.django_db

SWITCH_URL = reverse("elder_mode")


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def loads_the_script(page):
    return page.head.find("script", src=lambda src: src and src.endswith("js/elder-mode.js")) is not None


def switch(page):
    """(no-JavaScript link, toggle button) of the header switch."""
    box = page.select_one(".site-header [data-elder-switch]")
    assert box is not None, "no 长者模式 switch in the header"
    return box.find("a"), box.find("button")


def test_every_public_page_has_the_switch_and_loads_the_script_from_head(client, site_group):
    extra = [("localhost", "/search/?q=政府"), ("localhost", "/no-such-page/")]
    for host, path in [*public_urls(site_group), *extra]:
        response = client.get(path, HTTP_HOST=host)
        page = soup(response)
        link, button = switch(page)
        assert link["href"].startswith(f"{SWITCH_URL}?on=1&next="), (host, path)
        assert link.get_text(strip=True) == "长者模式"
        # The button stays hidden (and out of the accessibility tree) until the script takes over.
        assert button["type"] == "button" and button["aria-pressed"] == "false" and button.has_attr("hidden")
        assert loads_the_script(page), (host, path)
        assert "elder-mode" not in page.html.get("class", [])
        assert "Cookie" in response.headers["Vary"], (host, path)


def test_the_cookie_renders_the_class_and_the_switch_off_link(client, site_group):
    client.cookies[ELDER_MODE_COOKIE] = "1"
    page = soup(client.get("/", HTTP_HOST="localhost"))

    assert page.html["class"] == ["elder-mode"]
    link, _button = switch(page)
    assert link["href"] == f"{SWITCH_URL}?on=0&next=/"
    assert link.get_text(strip=True) == "退出长者模式"


def test_the_switch_link_carries_the_current_path_and_query(client, site_group):
    link, _button = switch(soup(client.get("/search/", {"q": "政府", "page": "2"}, HTTP_HOST="localhost")))

    assert link["href"] == f"{SWITCH_URL}?on=1&next=/search/%3Fq%3D%25E6%2594%25BF%25E5%25BA%259C%26page%3D2"


def test_the_view_sets_the_cookie_and_goes_back(client, site_group):
    response = client.get(SWITCH_URL, {"on": "1", "next": "/search/?q=政府"}, HTTP_HOST="localhost")

    assert response.status_code == 302
    assert response["Location"] == "/search/?q=%E6%94%BF%E5%BA%9C"
    cookie = response.cookies[ELDER_MODE_COOKIE]
    assert cookie.value == "1" and cookie["max-age"] == 365 * 24 * 60 * 60 and cookie["samesite"] == "Lax"
    # The script reads the same cookie.
    assert not cookie["httponly"]
    assert "no-cache" in response["Cache-Control"]

    page = soup(client.get("/", HTTP_HOST="localhost"))
    assert page.html["class"] == ["elder-mode"]


def test_the_view_turns_the_mode_off(client, site_group):
    client.cookies[ELDER_MODE_COOKIE] = "1"

    response = client.get(SWITCH_URL, {"on": "0", "next": "/"}, HTTP_HOST="localhost")

    assert response["Location"] == "/"
    assert response.cookies[ELDER_MODE_COOKIE].value == ""
    assert "elder-mode" not in soup(client.get("/", HTTP_HOST="localhost")).html.get("class", [])


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "https:evil.example", "/\\evil.example", "javascript:alert(1)", ""],
)
def test_the_view_refuses_an_off_site_next(client, site_group, next_url):
    response = client.get(SWITCH_URL, {"on": "1", "next": next_url}, HTTP_HOST="county-a.localhost")

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[ELDER_MODE_COOKIE].value == "1"


def test_the_view_goes_back_to_the_same_host_by_absolute_url(client, site_group):
    response = client.get(
        SWITCH_URL, {"on": "1", "next": "http://county-a.localhost/x/"}, HTTP_HOST="county-a.localhost"
    )

    assert response["Location"] == "http://county-a.localhost/x/"


def test_the_view_cannot_be_made_to_add_a_header(client, site_group):
    response = client.get(SWITCH_URL, {"on": "1", "next": "/a\r\nSet-Cookie: admin=1"}, HTTP_HOST="localhost")

    assert response["Location"] == "/a%0D%0ASet-Cookie:%20admin=1"
    assert "admin" not in response.cookies


def test_the_view_refuses_to_change_state_on_post(client, site_group):
    response = client.post(SWITCH_URL, {"on": "1"}, HTTP_HOST="localhost")

    assert response.status_code == 405


def test_the_print_details_carry_the_site_name_and_the_page_url(client, site_group):
    page = soup(client.get("/", HTTP_HOST="county-a.localhost"))

    info = page.select_one("[data-print-info]")
    assert info.has_attr("hidden")
    assert info.select_one(".print-info__site").get_text(strip=True) == "甲县人民政府"
    assert info.select_one(".print-info__url")["data-url"] == "http://county-a.localhost/"


def test_the_holding_and_server_error_pages_honour_the_mode(client, site_group):
    # A site without its identity answers the holding page (sitegroup.holding), outside base.html.
    home = site_group.portal.home
    provision_subsite(parent=home, name="丙县人民政府", slug="county-c", kind="county", hostname="county-c.localhost")
    client.cookies[ELDER_MODE_COOKIE] = "1"
    held = soup(client.get("/", HTTP_HOST="county-c.localhost"))
    assert held.html["class"] == ["elder-mode"] and loads_the_script(held)

    # The 500 page has no request: the script alone applies the mode.
    assert loads_the_script(BeautifulSoup(render_to_string("500.html"), "html.parser"))
