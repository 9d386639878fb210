"""Article listings that do not grow with the site: newest first through one index, a bounded count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from govcms.core import tree
from govcms.core.tree import LISTING_PAGE_SIZE, BoundedPaginator
from home.blocks import listing
from home.feeds import ColumnFeed
from home.models import ARTICLE_LISTING_ORDER, ArticlePage
from tests.factories import ArticlePageFactory
from tests.home.pages import add_articles, column, fetch, listing_titles

pytestmark = pytest.mark.django_db

INDEX = "home_article_newest_first"
SAME_DAY = datetime.date(2024, 3, 1)


@pytest.fixture
def same_day_articles(site_group):
    """Three articles of one date under the portal's 政务动态, in the order they were written."""
    news = column(site_group.portal.home)
    return news, [
        ArticlePageFactory(parent=news, title=title, slug=f"same-day-{n}", date=SAME_DAY)
        for n, title in enumerate(["先写", "其次", "后写"])
    ]


def test_articles_of_one_date_are_listed_newest_written_first_everywhere(rf, same_day_articles):
    news, articles = same_day_articles
    newest_first = [article.title for article in reversed(articles)]

    assert [article.title for article in news.listed_articles()] == newest_first
    assert [item.title for item in listing(news, 3, {})] == newest_first
    assert [article.title for article in ColumnFeed().items(news)] == newest_first


def test_the_listing_order_is_exactly_the_keys_of_the_index():
    """Both keys are columns of home_articlepage, in the index's order and direction: the database reads the
    newest rows from the index and stops at the LIMIT (the EXPLAIN in docs/performance.md)."""
    index = connection.introspection.get_constraints(connection.cursor(), ArticlePage._meta.db_table)[INDEX]
    sql = str(ArticlePage.objects.live().newest_first()[:6].query)

    assert index["index"]
    assert index["columns"] == ["date", "page_ptr_id"]
    assert index["orders"] == ["DESC", "DESC"]
    assert [key.lstrip("-") for key in ARTICLE_LISTING_ORDER] == index["columns"]
    order_by = sql[sql.index(" ORDER BY ") + len(" ORDER BY ") : sql.index(" LIMIT ")]
    table = connection.ops.quote_name(ArticlePage._meta.db_table)
    assert order_by == ", ".join(f"{table}.{connection.ops.quote_name(column)} DESC" for column in index["columns"])


def test_the_children_of_a_page_are_read_through_an_index_on_depth_then_path():
    """Treebeard's children query (depth = d AND path BETWEEN …): the site navigation reads only a home's
    children, not every page of the site."""
    constraints = connection.introspection.get_constraints(connection.cursor(), "wagtailcore_page")

    assert constraints["home_page_children"]["columns"] == ["depth", "path"]


def test_the_column_listing_and_its_count_are_bounded_queries(rf, site_group):
    news = column(site_group.portal.home)
    add_articles(news, 2)

    with CaptureQueriesContext(connection) as queries:
        page = tree.paginate(rf.get("/zwdt/"), news.listed_articles())
        list(page)

    count, rows = [query["sql"] for query in queries.captured_queries if "home_articlepage" in query["sql"]]
    assert "COUNT(" in count.upper() and f"LIMIT {tree.LISTING_COUNT_LIMIT + 1}" in count
    assert " ORDER BY " not in count  # the order does not change how many rows there are
    assert rows.endswith(" LIMIT 2")  # the page's rows, not the column's


@pytest.mark.parametrize(
    ("items", "count", "capped", "pages"), [(25, 25, False, 3), (26, 25, True, 3), (9, 9, False, 1)]
)
def test_the_paginator_counts_at_most_the_limit(monkeypatch, items, count, capped, pages):
    monkeypatch.setattr(BoundedPaginator, "count_limit", 25)
    paginator = BoundedPaginator(list(range(items)), 10)

    assert (paginator.count, paginator.capped, paginator.num_pages) == (count, capped, pages)


@pytest.fixture
def capped_column(site_group, monkeypatch):
    """政务动态 with more articles than a lowered limit of LISTING_PAGE_SIZE + 5 (文章0 … 文章{+6}, oldest first)."""
    monkeypatch.setattr(BoundedPaginator, "count_limit", LISTING_PAGE_SIZE + 5)
    add_articles(column(site_group.portal.home), LISTING_PAGE_SIZE + 7)


def test_a_capped_listing_says_there_are_more_than_the_limit(client, capped_column):
    soup = fetch(client, "/zwdt/")

    assert soup.select_one(".pagination__status").get_text() == f"第 1 页，共超过 {LISTING_PAGE_SIZE + 5} 条"
    assert [link.get_text() for link in soup.select(".pagination__pages a")] == ["第2页"]
    assert listing_titles(soup)[0] == f"文章{LISTING_PAGE_SIZE + 6}"


def test_a_page_beyond_the_cap_falls_back_to_the_last_bounded_page(client, capped_column):
    soup = fetch(client, "/zwdt/?page=3")

    # The bounded count's last page: the 21st to 25th newest of 27 articles, and no way further.
    assert listing_titles(soup) == [f"文章{n}" for n in range(6, 1, -1)]
    assert soup.select_one('.pagination__pages [aria-current="page"]').get_text() == "第2页"
    assert soup.select('.pagination a[rel="next"]') == []


def test_an_uncapped_listing_still_counts_its_pages(client, site_group, monkeypatch):
    monkeypatch.setattr(BoundedPaginator, "count_limit", LISTING_PAGE_SIZE + 5)
    add_articles(column(site_group.portal.home), LISTING_PAGE_SIZE + 5)

    soup = fetch(client, "/zwdt/?page=2")

    assert soup.select_one(".pagination__status").get_text() == "第 2 页，共 2 页"
