"""The fragment cache (pagecache.fragments): the site-wide chrome of a page rendered once per site and language.

Each test compares with a render without the fragment cache: the cache may save queries, never change a byte.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from emergency.models import EmergencyPage
from tests.emergency.utils import add_emergency
from tests.home.pages import column
from tests.pagecache.utils import get
from tests.translations.conftest import english  # noqa: F401
from tests.translations.test_public import english_portal  # noqa: F401

COUNTY_A = "county-a.localhost"
COUNTY_B = "county-b.localhost"


@pytest.fixture(autouse=True)
def fragment_cache(settings):
    settings.FRAGMENT_CACHE_ENABLED = True
    settings.PAGE_CACHE_ENABLED = False  # every request renders: what is reused is the fragments only


def render(client, url, host="localhost", **headers):
    """The page's HTML and the number of queries its render cost."""
    with CaptureQueriesContext(connection) as queries:
        response = get(client, url, host, **headers)
    return response.content.decode(), len(queries)


def uncached(settings, url, host="localhost", **headers):
    settings.FRAGMENT_CACHE_ENABLED = False
    html, _count = render(Client(), url, host, **headers)
    settings.FRAGMENT_CACHE_ENABLED = True
    return html


def test_the_second_render_of_an_article_costs_fewer_queries_and_gives_the_same_bytes(
    settings, visitor, county_article
):
    url = county_article.get_url()
    first, first_queries = render(visitor, url, COUNTY_A)
    second, second_queries = render(visitor, url, COUNTY_A)
    assert second == first == uncached(settings, url, COUNTY_A)
    assert second_queries < first_queries


def test_another_page_of_the_site_reuses_the_chrome_with_its_own_active_column(settings, visitor, site_group):
    home = site_group.county_a.home
    render(visitor, "/", COUNTY_A)
    for url in (column(home).url, "/"):
        html, _count = render(visitor, url, COUNTY_A)
        assert html == uncached(settings, url, COUNTY_A), url
    assert 'aria-current="page"' in render(visitor, column(home).url, COUNTY_A)[0]


def test_a_new_column_shows_in_the_menu_on_the_next_request(
    settings, visitor, site_group, county_article, django_capture_on_commit_callbacks
):
    url = county_article.get_url()
    render(visitor, url, COUNTY_A)
    with django_capture_on_commit_callbacks(execute=True):
        from home.models import ColumnPage

        new_column = ColumnPage(title="甲县新栏目", slug="new-column", show_in_menus=True)
        site_group.county_a.home.add_child(instance=new_column)
        new_column.save_revision().publish()
    html, _count = render(visitor, url, COUNTY_A)
    assert "甲县新栏目" in html and html == uncached(settings, url, COUNTY_A)


def test_an_emergency_shows_on_the_next_request_and_leaves_its_own_page_out(
    settings, visitor, site_group, county_article, django_capture_on_commit_callbacks
):
    url = county_article.get_url()
    render(visitor, url, COUNTY_A)
    with django_capture_on_commit_callbacks(execute=True):
        emergency = add_emergency(site_group.county_a.home, "甲县山洪", "flood")
    assert "emergency-banner" in render(visitor, url, COUNTY_A)[0]
    own = EmergencyPage.objects.get(pk=emergency.pk).get_url()
    html, _count = render(visitor, own, COUNTY_A)
    assert html == uncached(settings, own, COUNTY_A) and "emergency-banner__link" not in html


def test_a_signed_in_editor_neither_reads_nor_fills_the_fragment_cache(
    client, visitor, site_group, county_article, make_user
):
    url = county_article.get_url()
    client.force_login(make_user(site_group.county_a.groups["编辑"], username="editor-wang"))
    for _warm in range(2):  # the editor's own per-process caches (permissions, session) settle first
        render(client, url, COUNTY_A)
    editor_queries = render(client, url, COUNTY_A)[1]
    # Nothing was stored for a visitor: the visitor's first render pays for the chrome, the second does not.
    assert render(visitor, url, COUNTY_A)[1] > render(visitor, url, COUNTY_A)[1]
    # The visitor's entries are not served to the editor: the editor's render costs what it did.
    assert render(client, url, COUNTY_A)[1] == editor_queries


def test_two_sites_never_share_a_fragment(settings, visitor, site_group):
    render(visitor, "/", COUNTY_A)
    html, _count = render(visitor, "/", COUNTY_B)
    assert html == uncached(settings, "/", COUNTY_B)
    assert site_group.county_b.home.title in html


def test_a_site_on_the_portals_hostname_has_fragments_of_its_own(settings, visitor, site_group):
    render(visitor, "/", "localhost")
    html, _count = render(visitor, "/jyj/", "localhost")  # the department: a site of its own below the portal
    assert html == uncached(settings, "/jyj/", "localhost")
    assert '<a href="/jyj/" aria-current="page">' in html


def test_language_variants_never_share(settings, visitor, english_portal):  # noqa: F811
    chinese_html, _count = render(visitor, "/")
    english_html, _count = render(visitor, "/en/")
    assert english_html == uncached(settings, "/en/") and chinese_html == uncached(settings, "/")
    assert "Government News" in english_html and "Government News" not in chinese_html
