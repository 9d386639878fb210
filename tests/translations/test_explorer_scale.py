"""The explorer at scale (issue 18, item 4): rows cost no queries of their own."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize import wagtail_hooks as localize_hooks

from tests.factories import ArticlePageFactory
from tests.translations.helpers import english_of, publish_new_article, translator_group
from translations.listing_buttons import translation_listing_buttons

pytestmark = pytest.mark.django_db


def column_with(provisioned, count):
    column = Page.objects.child_of(provisioned.home).get(slug="zwdt")
    for number in range(column.get_children().count(), count):
        ArticlePageFactory(parent=column, title=f"栏目文章{number}")
    return column


def explore(client, column):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("wagtailadmin_explore", args=[column.pk]))
    assert response.status_code == 200
    return response, [query["sql"] for query in queries.captured_queries if "SAVEPOINT" not in query["sql"]]


@pytest.fixture
def translator(english, make_user):
    client = Client()
    client.force_login(make_user(translator_group(english.portal)))
    client.english_site = english.portal
    return client


def test_the_explorer_costs_the_same_queries_for_5_and_25_rows(english, admin_client):
    column = column_with(english.portal, 5)
    explore(admin_client, column)  # caches (content types, permissions) warmed by a first visit
    _response, few = explore(admin_client, column)
    column_with(english.portal, 25)
    response, many = explore(admin_client, column)
    assert len(response.context["pages"]) >= 25
    assert len(many) == len(few), "\n".join(sorted(set(many) - set(few)))


def english_column_with(provisioned, count, django_capture_on_commit_callbacks):
    """The English news column with `count` drafts more: the versions of newly published Chinese articles."""
    column = Page.objects.child_of(provisioned.home).get(slug="zwdt")
    for number in range(count):
        title = f"译文栏目文章{column.get_children().count()}-{number}"
        publish_new_article(provisioned, title, "正文。", django_capture_on_commit_callbacks)
    return english_of(column)


def test_a_translators_explorer_costs_the_same_queries_for_2_and_6_rows(translator, django_capture_on_commit_callbacks):
    """Translators (no submit_translation permission) are offered no translation buttons and pay for none."""
    site = translator.english_site
    column = english_column_with(site, 2, django_capture_on_commit_callbacks)
    explore(translator, column)
    _response, few = explore(translator, column)
    english_column_with(site, 4, django_capture_on_commit_callbacks)
    response, many = explore(translator, column)
    assert len(response.context["pages"]) >= 6
    # Only the translation buttons' queries: release's guards still ask about live pages below each draft row.
    assert len(translation_queries(many)) == len(translation_queries(few))


def translation_queries(queries):
    return [sql for sql in queries if "wagtail_localize_" in sql or "wagtailcore_locale" in sql]


def button_urls(buttons):
    return sorted(button.url for button in buttons)


def test_the_rows_offer_wagtail_localizes_buttons(english, admin_client, django_capture_on_commit_callbacks):
    client = admin_client
    column = column_with(english.portal, 3)
    synced = column.get_children().first().specific
    with django_capture_on_commit_callbacks(execute=True):
        synced.save_revision().publish()  # its English version follows it: 同步翻译的页面
    response, _queries = explore(client, column)
    user = response.wsgi_request.user
    offered = set()
    for page in response.context["pages"]:
        ours = button_urls(translation_listing_buttons(page, user, next_url="/next/"))
        theirs = button_urls(localize_hooks.page_listing_more_buttons(page, user, next_url="/next/"))
        assert ours == theirs, page
        offered.update(ours)
    assert any("/update/" in url for url in offered) and offered
    html = response.content.decode()
    for url in offered:
        assert url.split("?")[0] in html
