"""Each kind of change renews exactly the sites that show it: visible on the next request, siblings untouched."""

import pytest

from emergency.models import EmergencyPage
from home.models import ColumnPage
from sitegroup.models import SiteIdentity
from tests.emergency.utils import add_emergency
from tests.factories import ArticlePageFactory
from tests.home.pages import column
from tests.pagecache.utils import cache_state, get
from tests.release.workflow import act, submit

COUNTY_A = "county-a.localhost"
COUNTY_B = "county-b.localhost"


@pytest.fixture
def warm(visitor, site_group, county_article):
    """Stores the pages of the group once, and tells for each whether the next request is a hit.

    The pages: county A's article, column and home, the portal's home and the department's (in the portal's
    hostname, a site of its own below the portal), county B's home and column.
    """
    pages = {
        "article": (county_article.get_url(), COUNTY_A),
        "column": (column(site_group.county_a.home).url, COUNTY_A),
        "county_a": ("/", COUNTY_A),
        "portal": ("/", "localhost"),
        "department": ("/jyj/", "localhost"),
        "county_b": ("/", COUNTY_B),
        "county_b_column": (column(site_group.county_b.home).url, COUNTY_B),
    }
    for url, host in pages.values():
        assert cache_state(get(visitor, url, host)) == "miss", url

    def states(*names):
        return {name: cache_state(visitor.get(pages[name][0], HTTP_HOST=pages[name][1])) for name in names or pages}

    return states


def test_publishing_a_county_article_renews_its_column_its_home_and_the_portal_only(
    visitor, site_group, warm, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticlePageFactory(parent=column(site_group.county_a.home), title="甲县新发布的消息", slug="new")
        article.save_revision().publish()
    assert "甲县新发布的消息" in get(visitor, column(site_group.county_a.home).url, COUNTY_A).content.decode()
    assert "甲县新发布的消息" in get(visitor, "/", COUNTY_A).content.decode()
    with django_assert_num_queries(0):
        assert warm("county_b", "county_b_column", "department") == dict.fromkeys(
            ["county_b", "county_b_column", "department"], "hit"
        )
    assert warm("portal", "article") == {"portal": "miss", "article": "miss"}


def test_unpublishing_takes_the_article_off_at_once(visitor, county_article, warm, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        county_article.unpublish()
    assert visitor.get(county_article.get_url(), HTTP_HOST=COUNTY_A).status_code == 404
    assert "甲县旧闻" not in get(visitor, county_article.get_parent().url, COUNTY_A).content.decode()
    assert warm("county_b")["county_b"] == "hit"


def test_deleting_takes_the_article_off_at_once(visitor, county_article, warm, django_capture_on_commit_callbacks):
    url = county_article.get_url()
    listing = county_article.get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        county_article.delete()
    assert visitor.get(url, HTTP_HOST=COUNTY_A).status_code == 404
    assert "甲县旧闻" not in get(visitor, listing.url, COUNTY_A).content.decode()
    assert warm("county_b")["county_b"] == "hit"


def test_moving_renews_the_old_and_the_new_place(
    visitor, site_group, county_article, warm, django_capture_on_commit_callbacks
):
    target = ColumnPage.objects.child_of(site_group.county_b.home).exclude(pk=column(site_group.county_b.home).pk)
    target = target.first() or column(site_group.county_b.home)
    with django_capture_on_commit_callbacks(execute=True):
        county_article.move(target, pos="last-child")
    assert "甲县旧闻" not in get(visitor, column(site_group.county_a.home).url, COUNTY_A).content.decode()
    assert "甲县旧闻" in get(visitor, target.url, COUNTY_B).content.decode()
    assert warm("county_a", "county_b")["county_b"] == "miss"


def test_a_workflow_approval_through_the_admin_shows_the_article(
    client, visitor, draft, county_article, county_a_staff, warm, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, county_a_staff.officer, draft)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, county_a_staff.reviewer, draft, "approve")
    assert warm("column")["column"] == "hit"  # still in review: nothing live changed
    with django_capture_on_commit_callbacks(execute=True):
        act(client, county_a_staff.approver, draft, "approve")
    assert draft.title in get(visitor, draft.get_parent().url, COUNTY_A).content.decode()
    assert warm("county_b")["county_b"] == "hit"


def test_an_emergency_of_the_portal_shows_on_every_site_below_and_its_resolution_too(
    visitor, site_group, warm, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        emergency = add_emergency(site_group.portal.home, "特大暴雨", "rainstorm")
    for host in (COUNTY_A, COUNTY_B):
        assert "特大暴雨" in get(visitor, "/", host).content.decode(), host
    with django_capture_on_commit_callbacks(execute=True):
        emergency = EmergencyPage.objects.get(pk=emergency.pk)
        emergency.resolved = True
        emergency.save_revision().publish()
    assert "特大暴雨" not in get(visitor, "/", COUNTY_B).content.decode()


def test_an_emergency_of_a_county_leaves_its_siblings_cached(
    visitor, site_group, warm, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add_emergency(site_group.county_a.home, "甲县山洪", "flood")
    assert "甲县山洪" in get(visitor, "/", COUNTY_A).content.decode()
    assert warm("county_b", "portal") == {"county_b": "hit", "portal": "miss"}


def test_a_site_setting_renews_its_site_and_the_sites_below(
    visitor, site_group, warm, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        identity = SiteIdentity.for_site(site_group.county_a.site)
        identity.sponsor = "甲县新主办单位"
        identity.save()
    assert "甲县新主办单位" in get(visitor, "/", COUNTY_A).content.decode()
    assert warm("county_b", "portal") == {"county_b": "hit", "portal": "hit"}


def test_a_language_prefix_never_shares_an_entry(visitor, site_group):
    chinese = get(visitor, "/")
    english = visitor.get("/en/", HTTP_HOST="localhost")
    assert cache_state(english) != "hit" and english.content != chinese.content
    assert cache_state(get(visitor, "/")) == "hit"


def test_a_department_without_a_hostname_is_a_site_of_its_own_under_the_portals(
    visitor, site_group, warm, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        listing = column(site_group.department.home)
        ArticlePageFactory(parent=listing, title="教育局新消息", slug="edu").save_revision().publish()
    assert "教育局新消息" in get(visitor, listing.url, "localhost").content.decode()
    assert warm("department", "portal", "county_a", "column") == {
        "department": "miss",
        "portal": "miss",
        "county_a": "hit",
        "column": "hit",
    }


def test_a_site_home_given_a_new_address_is_its_own_site_there_at_once(
    visitor, site_group, django_capture_on_commit_callbacks
):
    """Each process remembers the routing table; a slug change draws a new version, which the next request reads:
    the department's home at its new address is renewed by the department's changes, not by the portal's."""
    department = site_group.department.home
    with django_capture_on_commit_callbacks(execute=True):
        department.slug = "jiaoyu"
        department.save_revision().publish()
    assert cache_state(get(visitor, "/jiaoyu/")) == "miss"

    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=column(site_group.portal.home), title="市政府新闻").save_revision().publish()
    assert cache_state(get(visitor, "/jiaoyu/")) == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=column(department), title="教育局新闻").save_revision().publish()
    assert "教育局新闻" in get(visitor, "/jiaoyu/").content.decode()
