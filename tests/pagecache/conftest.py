"""The page cache on for tests/pagecache (test settings turn it off for the rest of the suite)."""

import pytest

from tests.home.pages import add_articles, column


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def county_article(site_group):
    """A live article in county A's first column."""
    return add_articles(column(site_group.county_a.home), 1, title="甲县旧闻", slug="old")[0]


@pytest.fixture
def visitor():
    """An anonymous browser of its own, whatever the test's `client` logs in as."""
    from django.test import Client

    return Client()
