"""The explorer's queries for a huge parent: a count without a sort, filter choices without a scan of every page."""

from collections import Counter

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def explore(client, parent):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("wagtailadmin_explore", args=[parent.pk]))
    assert response.status_code == 200
    return response, [query["sql"] for query in queries.captured_queries]


def test_the_capped_count_is_not_sorted_and_no_query_lists_every_pages_owner(site_group, admin_client, settings):
    settings.EXPLORER_MAX_ROWS = 2
    column = Page.objects.child_of(site_group.portal.home).get(slug="zwdt")
    for number in range(3):
        ArticlePageFactory(parent=column, title=f"计数文章{number}")
    response, queries = explore(admin_client, column)
    assert response.context["paginator"].capped
    counts = [sql for sql in queries if sql.startswith("SELECT COUNT(*)")]
    assert counts and not any("ORDER BY" in sql for sql in counts)
    assert not any('DISTINCT U0."owner_id"' in sql or 'DISTINCT U0."user_id"' in sql for sql in queries)


def test_the_owner_filter_offers_the_page_owners_of_the_viewers_sites_only(site_group, make_user):
    editors = site_group.county_a.groups["编辑"]
    county_owner, portal_owner, idle = make_user(editors), make_user(), make_user(editors)
    column = Page.objects.child_of(site_group.county_a.home).get(slug="zwdt")
    ArticlePageFactory(parent=column, title="甲县文章", owner=county_owner)
    ArticlePageFactory(parent=Page.objects.child_of(site_group.portal.home).get(slug="zwdt"), owner=portal_owner)
    client = Client()
    client.force_login(county_owner)
    response, _ = explore(client, column)
    owners = set(response.context["filters"].form.fields["owner"].queryset)
    assert county_owner in owners
    assert portal_owner not in owners  # another site's user is not named
    assert idle not in owners  # a colleague who owns no page is not offered


class ReadCountingCache(LocMemCache):
    """The local-memory cache, counting the reads of each key (each a Redis round trip in production)."""

    reads = Counter()

    def get(self, key, default=None, version=None):
        self.reads[key] += 1
        return super().get(key, default, version)


def test_the_site_root_paths_are_read_once_a_listing_whatever_its_rows(site_group, admin_client, settings):
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.ReadCountingCache", "LOCATION": "explorer-reads"}}
    column = Page.objects.child_of(site_group.portal.home).get(slug="zwdt")
    first = ArticlePageFactory(parent=column, title="第一篇")
    live_link = f'href="{first.url}"'.encode()

    def reads_of_a_listing():
        explore(admin_client, column)  # the first listing fills the cache
        ReadCountingCache.reads.clear()
        response, _ = explore(admin_client, column)
        assert live_link in response.content  # the row's 查看线上 link
        return len(response.context["object_list"]), ReadCountingCache.reads[SITE_ROOT_PATHS_CACHE_KEY]

    few_rows, reads_for_few = reads_of_a_listing()
    for number in range(6):
        ArticlePageFactory(parent=column, title=f"行{number}")
    many_rows, reads_for_many = reads_of_a_listing()
    assert many_rows == few_rows + 6
    assert reads_for_many == reads_for_few == 1
