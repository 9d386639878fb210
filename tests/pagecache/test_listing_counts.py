"""A column's bounded count and where its pages start, kept per site generation (pagecache.wagtail_hooks,
govcms.core.tree.paginate): read once, renewed by what renews the site's pages, and never different from a
listing computed afresh."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from govcms.core import tree
from home.models import ArticlePage
from tests.factories import ArticlePageFactory
from tests.home.pages import add_articles, column, fetch, listing_titles
from tests.release.workflow import act, submit

pytestmark = pytest.mark.django_db

COUNTY_A = "county-a.localhost"
SAME_DAY = datetime.date(2024, 6, 1)


@pytest.fixture(autouse=True)
def fragment_cache_only(settings, monkeypatch):
    """Every request renders (no page cache); pages after the first are read from where they start."""
    settings.FRAGMENT_CACHE_ENABLED = True
    settings.PAGE_CACHE_ENABLED = False
    monkeypatch.setattr(tree, "SEEK_FROM_PAGE", 1)


@pytest.fixture
def news(site_group):
    """County A's 政务动态 with 47 articles, six of them on one day (the order's second key decides there)."""
    news = column(site_group.county_a.home)
    add_articles(news, 41)
    for n in range(6):
        ArticlePageFactory(parent=news, title=f"同日{n}", slug=f"same-day-{n}", date=SAME_DAY)
    return news


def listing_queries(visitor, url):
    with CaptureQueriesContext(connection) as queries:
        soup = fetch(visitor, url, host=COUNTY_A)
    counts = [query for query in queries if "COUNT(" in query["sql"].upper()]
    starts = [query for query in queries if "home_articlepage" in query["sql"] and " LIMIT 10000" in query["sql"]]
    return soup, counts, starts


def offset_titles(visitor, url, monkeypatch):
    """The listing as Django's paginator reads it: every page through an OFFSET."""
    monkeypatch.setattr(tree, "SEEK_FROM_PAGE", 10_000)
    titles = listing_titles(fetch(visitor, url, host=COUNTY_A))
    monkeypatch.setattr(tree, "SEEK_FROM_PAGE", 1)
    return titles


def test_pages_read_from_their_start_list_what_offsets_list(visitor, news, monkeypatch):
    for number in (2, 3):
        url = f"{news.url}?page={number}"

        assert listing_titles(fetch(visitor, url, host=COUNTY_A)) == offset_titles(visitor, url, monkeypatch)


def test_the_count_and_page_starts_are_read_once_per_site_generation(visitor, news):
    _soup, counts, starts = listing_queries(visitor, f"{news.url}?page=2")
    assert (len(counts), len(starts)) == (1, 1)

    soup, counts, starts = listing_queries(visitor, f"{news.url}?page=3")

    assert (len(counts), len(starts)) == (0, 0)
    assert soup.select_one(".pagination__status").get_text() == "第 3 页，共 3 页"


def test_a_publish_through_the_workflow_renews_them(
    client, visitor, news, draft, county_a_staff, django_capture_on_commit_callbacks, monkeypatch
):
    """The draft fixture is county A's officer's article in 政务动态: once approved, 48 articles are listed."""
    url = f"{news.url}?page=3"
    assert len(listing_titles(fetch(visitor, url, host=COUNTY_A))) == 7
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, county_a_staff.officer, draft)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, county_a_staff.reviewer, draft, "approve")
    with django_capture_on_commit_callbacks(execute=True):
        act(client, county_a_staff.approver, draft, "approve")

    soup, counts, starts = listing_queries(visitor, url)

    assert (len(counts), len(starts)) == (1, 1)
    assert len(listing_titles(soup)) == 8
    assert listing_titles(soup) == offset_titles(visitor, url, monkeypatch)


def test_a_signed_in_editor_never_uses_nor_stores_them(client, visitor, news, county_a_staff):
    client.force_login(county_a_staff.officer)
    _soup, counts, _starts = listing_queries(client, f"{news.url}?page=2")
    _soup, again, _starts = listing_queries(client, f"{news.url}?page=2")
    _soup, anonymous, _starts = listing_queries(visitor, f"{news.url}?page=2")

    assert (len(counts), len(again), len(anonymous)) == (1, 1, 1)


def test_a_count_left_stale_by_a_change_that_renewed_nothing_still_serves_the_page(visitor, news):
    """A raw update renews no generation: the count remembered before it disagrees with the page starts read
    after it (fewer pages); the page is read through an OFFSET instead of failing."""
    fetch(visitor, news.url, host=COUNTY_A)  # page 1: remembers the count (47 articles, 3 pages) only
    oldest = ArticlePage.objects.child_of(news).order_by("date", "pk").values_list("pk", flat=True)[:20]
    ArticlePage.objects.filter(pk__in=list(oldest)).update(live=False)

    soup = fetch(visitor, f"{news.url}?page=3", host=COUNTY_A)

    assert soup.select_one(".pagination__status").get_text() == "第 3 页，共 3 页"
