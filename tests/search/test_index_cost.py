"""Saving and publishing cost the same whatever the size of the search indexes (issue 18, item 3).

Wagtail's database index (the admin's page search) weighed titles by measuring the average title length over
the whole index and rewriting rows after every save; here a save writes and weighs its own rows only, and
`refresh_search_norms` (the scheduler, daily) measures the average again. The public index (SearchDocument)
is written page by page too.
"""

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models.functions import Length
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.search.models import IndexEntry

from search.database_backend.segmented import SegmentedIndexMixin
from search.management.commands.refresh_search_norms import weighted_indexes
from search.models import SearchDocument
from tests.search.conftest import add_article
from tests.search.test_view import result_titles, search

pytestmark = pytest.mark.django_db

INDEX_TABLES = (IndexEntry._meta.db_table, SearchDocument._meta.db_table)
TITLE = "2026年冬季供暖保障工作通知"


@pytest.fixture(autouse=True)
def segmented_admin_index(settings):
    """Index with this project's backend, as production does without Elasticsearch."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.database_backend"}}


@pytest.fixture
def indexed_site(site_group):
    """A few pages already indexed, so that a statement over the whole index has other rows to touch."""
    for title in ("通知", "已发布的旧文章", "关于做好全市政府网站年度报表工作的通知"):
        add_article(site_group.portal.home, title)
    return site_group


def statements_over_the_whole_index(queries):
    """Statements that read or write an index table without keeping to given rows.

    A write (UPDATE, DELETE) must name its rows (WHERE); an aggregate (AVG, COUNT) over the index must
    read a bounded number of them (LIMIT)."""
    found = []
    for query in queries:
        sql = query["sql"]
        if not any(table in sql for table in INDEX_TABLES):
            continue
        writes = re.match(r"\s*(UPDATE|DELETE)\b", sql, re.IGNORECASE)
        if writes and " WHERE " not in sql.upper():
            found.append(sql)
        if re.search(r"\b(AVG|COUNT)\(", sql, re.IGNORECASE) and " LIMIT " not in sql.upper():
            found.append(sql)
    return found


def index_updates(queries):
    return [q["sql"] for q in queries if re.match(r"\s*UPDATE\b", q["sql"]) and IndexEntry._meta.db_table in q["sql"]]


def save_and_publish(page, django_capture_on_commit_callbacks):
    with CaptureQueriesContext(connection) as draft, django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
    with CaptureQueriesContext(connection) as published, django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().publish()
    return draft.captured_queries, published.captured_queries


@pytest.mark.parametrize("stored_average", [True, False], ids=["after-a-refresh", "fresh-cache"])
def test_a_draft_save_and_a_publish_touch_only_their_own_index_rows(
    indexed_site, django_capture_on_commit_callbacks, stored_average
):
    call_command("refresh_search_norms", verbosity=0)
    if not stored_average:
        cache.clear()  # a restarted cache: the average is estimated from the newest rows, never measured
    page = add_article(indexed_site.portal.home, TITLE, live=False)
    draft, published = save_and_publish(page, django_capture_on_commit_callbacks)
    assert statements_over_the_whole_index(draft + published) == []
    # Wagtail's index is written on each save, and the title weight set for the page's own row.
    assert index_updates(published), "the publish did not weigh its row"
    for sql in index_updates(draft + published):
        assert "object_id" in sql, sql


def test_the_check_itself_sees_modelsearchs_own_refresh(indexed_site):
    """Without this project's index, modelsearch's per-save refresh is what the check above reports."""
    index = weighted_indexes()[0]
    with CaptureQueriesContext(connection) as queries:
        super(SegmentedIndexMixin, index)._refresh_title_norms()
    assert statements_over_the_whole_index(queries.captured_queries)


def titled_rows():
    return IndexEntry.objects.annotate(title_length=Length("title")).filter(title_length__gt=0)


def test_refresh_search_norms_weighs_every_row_against_the_measured_average(indexed_site):
    rows = titled_rows()
    assert rows.count() >= 3
    rows.update(title_norm=1.0)
    call_command("refresh_search_norms", verbosity=0)
    lengths = list(rows.values_list("title_length", "title_norm"))
    average = sum(length for length, _ in lengths) / len(lengths)
    assert len({length for length, _ in lengths}) > 1, "titles of one length would not show the weighing"
    for length, norm in lengths:
        assert norm == pytest.approx(average / length)


def test_a_saved_row_is_weighed_against_the_stored_average(indexed_site):
    """Between refreshes a new row's weight is the stored average over its own title length (as a refresh's)."""
    stored = weighted_indexes()[0].refresh_title_norms()
    page = add_article(indexed_site.portal.home, TITLE)
    row = titled_rows().get(object_id=str(page.pk), content_type_id=page.content_type_id)
    assert row.title_norm == pytest.approx(stored / row.title_length)


def test_the_command_has_nothing_to_do_without_title_weights(settings, indexed_site):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "modelsearch.backends.database.fallback"}}
    assert weighted_indexes() == []
    call_command("refresh_search_norms", verbosity=0)


def test_a_page_published_after_the_last_refresh_is_found_by_both_searches(
    indexed_site, django_capture_on_commit_callbacks, admin_client, client
):
    call_command("refresh_search_norms", verbosity=0)
    page = add_article(indexed_site.portal.home, TITLE, live=False)
    save_and_publish(page, django_capture_on_commit_callbacks)
    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "冬季供暖"})
    assert page.pk in {result.pk for result in response.context["pages"]}
    assert result_titles(search(client, q="冬季供暖")) == [TITLE]
