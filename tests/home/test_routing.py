"""Routing a public address in one query for the whole path (govcms.core.routing), answering as Wagtail's walk
down the tree would: sub-addresses of routable pages, sub-sites below the portal, drafts and wrong paths."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from home.models import ColumnPage
from tests.factories import ArticlePageFactory
from tests.home.pages import breadcrumb, column, fetch

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(site_group):
    return column(site_group.portal.home)


def page_queries(client, url, host="localhost"):
    """The queries of wagtailcore_page itself (the walk down the tree), on a second request."""
    client.get(url, HTTP_HOST=host)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200
    return [query["sql"] for query in queries if 'FROM "wagtailcore_page"' in query["sql"]]


def test_an_article_is_served_with_its_trail(client, news):
    ArticlePageFactory(parent=news, title="春耕通知", slug="spring")

    soup = fetch(client, "/zwdt/spring/")

    assert soup.h1.get_text() == "春耕通知"
    assert breadcrumb(soup) == ["首页", news.title, "春耕通知"]


def test_the_walk_costs_one_query_however_deep_the_page(client, news):
    """Wagtail reads each level's child then its specific row; the route reads the pages along the path at once,
    and the breadcrumb reuses them."""
    sub_column = ColumnPage(title="子栏目", slug="sub")
    news.add_child(instance=sub_column)
    ArticlePageFactory(parent=news, slug="shallow")
    ArticlePageFactory(parent=sub_column, slug="deep")

    shallow = page_queries(client, "/zwdt/shallow/")
    deep = page_queries(client, "/zwdt/sub/deep/")

    assert len(shallow) == len(deep)
    assert sum('"url_path" IN' in sql for sql in deep) == 1


def test_a_routable_pages_own_sub_address_is_answered_by_it(client, news):
    ArticlePageFactory(parent=news, slug="spring")

    feed = client.get("/zwdt/rss/")
    site_map = client.get("/sitemap/")

    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/rss+xml")
    assert site_map.status_code == 200 and "网站地图" in site_map.content.decode()


def test_a_child_named_like_a_sub_address_loses_to_it_as_in_wagtail(client, news):
    ArticlePageFactory(parent=news, title="名为rss的文章", slug="rss")

    assert client.get("/zwdt/rss/")["Content-Type"].startswith("application/rss+xml")


def test_a_sub_site_below_the_portal_is_walked_into(client, site_group):
    ArticlePageFactory(parent=column(site_group.department.home), title="招生公告", slug="enrolment")

    soup = fetch(client, "/jyj/zwdt/enrolment/")

    assert soup.h1.get_text() == "招生公告"
    assert breadcrumb(soup)[-1] == "招生公告"
    assert fetch(client, "/jyj/sitemap/").h1 is not None


def test_a_draft_a_wrong_path_and_another_sites_page_are_not_found(client, site_group, news):
    draft = ArticlePageFactory(parent=news, slug="draft")
    draft.unpublish()
    ArticlePageFactory(parent=column(site_group.county_a.home), slug="county-only")

    assert client.get("/zwdt/draft/").status_code == 404
    assert client.get("/zwdt/missing/").status_code == 404
    assert client.get("/county-only/").status_code == 404  # a page's slug alone, not its path
    assert client.get("/zwdt/county-only/").status_code == 404  # another column's child
    assert client.get("/county-a/zwdt/county-only/").status_code == 200  # its own path below the portal


def test_a_page_below_an_unpublished_column_is_still_served_as_in_wagtail(client, news):
    ArticlePageFactory(parent=news, slug="kept")
    Page.objects.filter(pk=news.pk).update(live=False)

    assert client.get("/zwdt/kept/").status_code == 200
    assert client.get("/zwdt/").status_code == 404


def test_a_path_deeper_than_any_page_is_refused_before_any_page_query(client, site_group):
    path = "/" + "a/" * 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)

    assert response.status_code == 404
    assert not [query for query in queries if '"url_path" IN' in query["sql"]]
