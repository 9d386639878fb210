"""404 in the site's chrome, 500 without touching the database."""

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory

from govcms.views import server_error
from tests.home.pages import breadcrumb, column_nav_links, fetch, site_group_nav_links

pytestmark = pytest.mark.django_db


def test_unknown_url_answers_404_in_the_sites_chrome(client, site_group):
    soup = fetch(client, "/no-such-page/", status=404)

    assert soup.h1.get_text() == "页面不存在"
    assert soup.title.get_text() == "页面不存在 - 示例市人民政府"
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
    assert column_nav_links(soup)[:2] == ["/", "/zwgk/"]
    assert breadcrumb(soup) == ["首页", "页面不存在"]
    assert "甲县人民政府" in site_group_nav_links(soup)
    assert soup.select('link[rel="canonical"]') == []


def test_404_on_a_county_shows_the_countys_chrome(client, site_group):
    soup = fetch(client, "/zwdt/no-such-article/", host="county-a.localhost", status=404)

    assert soup.select_one(".site-brand").get_text() == "甲县人民政府"
    assert soup.title.get_text() == "页面不存在 - 甲县人民政府"
    assert soup.select_one(".site-footer") is not None


def test_500_page_renders_without_any_database_query(django_assert_num_queries):
    request = RequestFactory().get("/zwdt/", HTTP_HOST="localhost")

    with django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "zh-Hans"
    assert soup.h1.get_text() == "服务暂时不可用"
    assert soup.select_one('link[rel="stylesheet"]')["href"] == "/static/css/govcms.css"
    assert soup.select_one("main#main") is not None
