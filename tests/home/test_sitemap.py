"""/sitemap.xml: Wagtail's sitemap of the requesting site (Django's view without its sitemaps argument was a 500),
without the pages another hostname lists or the public may not see (govcms.conventions)."""

import re

import pytest
from wagtail.models import PageViewRestriction

from sitegroup.models import SiteIdentity
from tests.factories import ArticlePageFactory
from tests.home.pages import column

pytestmark = pytest.mark.django_db


def test_a_county_hostname_has_a_sitemap_of_its_own_pages(client, site_group):
    response = client.get("/sitemap.xml", HTTP_HOST="county-a.localhost")

    assert response.status_code == 200
    body = response.content.decode()
    assert "<urlset" in body
    assert "http://county-a.localhost/" in body


def sitemap_locations(client, host="localhost"):
    response = client.get("/sitemap.xml", HTTP_HOST=host)
    assert response.status_code == 200
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def test_the_portal_lists_its_pages_and_those_of_sub_sites_without_a_hostname(client, site_group):
    locations = sitemap_locations(client)

    assert {"http://localhost/", "http://localhost/zwdt/", "http://localhost/jyj/", "http://localhost/lxwm/"} <= set(
        locations
    )
    assert not [url for url in locations if "county" in url]


def test_a_sub_site_on_its_own_hostname_lists_only_its_own_pages(client, site_group):
    ArticlePageFactory(parent=column(site_group.county_a.home), slug="fangxun")

    locations = sitemap_locations(client, host="county-a.localhost")

    assert "http://county-a.localhost/zwdt/fangxun/" in locations
    assert all(url.startswith("http://county-a.localhost/") for url in locations)


def test_pages_the_public_may_not_see_are_left_out(client, site_group):
    news = column(site_group.county_a.home)
    protected = ArticlePageFactory(parent=news, slug="protected")
    PageViewRestriction.objects.create(page=protected, restriction_type=PageViewRestriction.PASSWORD, password="x")
    ArticlePageFactory(parent=news, slug="draft", live=False)
    withdrawn = ArticlePageFactory(parent=news, slug="withdrawn")
    withdrawn.unpublish()

    locations = sitemap_locations(client, host="county-a.localhost")

    assert "http://county-a.localhost/zwdt/" in locations
    assert not [url for url in locations if url.rstrip("/").rsplit("/", 1)[-1] in {"protected", "draft", "withdrawn"}]


def test_a_site_not_yet_public_has_no_sitemap(client, site_group):
    SiteIdentity.objects.filter(site=site_group.county_b.site).update(sponsor="")

    assert client.get("/sitemap.xml", HTTP_HOST="county-b.localhost").status_code == 503
    assert not [url for url in sitemap_locations(client) if "county-b" in url]
