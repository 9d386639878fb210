"""/sitemap.xml: Wagtail's sitemap of the requesting site (Django's view without its sitemaps argument was a 500)."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_county_hostname_has_a_sitemap_of_its_own_pages(client, site_group):
    response = client.get("/sitemap.xml", HTTP_HOST="county-a.localhost")

    assert response.status_code == 200
    body = response.content.decode()
    assert "<urlset" in body
    assert "http://county-a.localhost/" in body
