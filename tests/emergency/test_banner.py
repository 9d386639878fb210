"""The banner: on every page of the emergency's site and of the sites below it, while it is ongoing."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from emergency.models import EmergencyPage
from sitegroup.provisioning import provision_subsite
from tests.emergency.utils import add_emergency
from tests.factories import ArticlePageFactory, site_identity
from tests.home.pages import column, fetch

pytestmark = pytest.mark.django_db

TOWN_HOST = "town.county-a.localhost"


@pytest.fixture
def town(site_group):
    """A sub-site below county A, with a hostname of its own."""
    return provision_subsite(
        parent=site_group.county_a.home,
        name="甲县城关镇",
        slug="town",
        kind="topic",
        hostname=TOWN_HOST,
        identity=site_identity(4),
    )


@pytest.fixture
def rainstorm(site_group):
    return add_emergency(
        site_group.county_a.home,
        "暴雨红色预警",
        "rainstorm",
        updates=[("2024-06-01 20:00", "首报"), ("2024-06-01 22:30", "续报")],
    )


def banner(client, url, host, status=200):
    """The banner's emergencies as (link text, href), or None when the page has no banner."""
    soup = fetch(client, url, host=host, status=status)
    regions = soup.select(".emergency-banner")
    if not regions:
        return None
    assert len(regions) == 1
    region = regions[0]
    assert region["role"] == "region" and region["aria-label"] == "突发事件提示"
    return [(" ".join(link.get_text().split()), link["href"]) for link in region.find_all("a")]


def county_a_pages(site_group):
    news = column(site_group.county_a.home)
    ArticlePageFactory(parent=news, title="新闻", slug="news")
    return ["/", "/zwdt/", "/zwdt/news/", "/zwgk/tzgg/", "/tfsj/", "/search/?q=新闻"]


def test_shown_on_every_page_of_the_county_and_of_its_sub_sites(client, site_group, town, rainstorm):
    expected = [("暴雨红色预警", "/tfsj/rainstorm/")]
    for url in county_a_pages(site_group):
        assert banner(client, url, "county-a.localhost") == expected, url
    assert banner(client, "/no-such-page/", "county-a.localhost", status=404) == expected
    # A sub-site's pages, on its own hostname (the link then names the county's host) and through the county's.
    full = [("暴雨红色预警", "http://county-a.localhost/tfsj/rainstorm/")]
    assert banner(client, "/", TOWN_HOST) == full
    assert banner(client, "/zwdt/", TOWN_HOST) == full
    assert banner(client, "/town/zwdt/", "county-a.localhost") == expected


def test_not_shown_on_the_portal_the_sibling_county_or_other_sub_sites(client, site_group, town, rainstorm):
    assert banner(client, "/", "localhost") is None
    assert banner(client, "/zwdt/", "localhost") is None
    assert banner(client, "/", "county-b.localhost") is None
    assert banner(client, "/jyj/", "localhost") is None  # the department below the portal
    assert banner(client, "/no-such-page/", "county-b.localhost", status=404) is None


def test_a_portal_emergency_is_shown_across_the_site_group(client, site_group, town, rainstorm):
    add_emergency(site_group.portal.home, "寒潮蓝色预警", "cold", level=4, updates=[("2024-06-01 23:00", "首报")])

    assert banner(client, "/", "localhost") == [("寒潮蓝色预警", "/tfsj/cold/")]
    assert banner(client, "/", "county-b.localhost") == [("寒潮蓝色预警", "http://localhost/tfsj/cold/")]
    # The county sees both, the more serious first.
    assert banner(client, "/", TOWN_HOST) == [
        ("暴雨红色预警", "http://county-a.localhost/tfsj/rainstorm/"),
        ("寒潮蓝色预警", "http://localhost/tfsj/cold/"),
    ]


def test_the_banner_names_the_level_and_the_latest_update(client, site_group, rainstorm):
    soup = fetch(client, "/", host="county-a.localhost")
    item = soup.select_one(".emergency-banner__item")
    assert item.select_one(".emergency-level").get_text() == "红色（Ⅰ级）"
    latest = item.select_one("time")
    assert (latest.get_text(), latest["datetime"]) == ("2024-06-01 22:30", "2024-06-01T22:30+0800")
    # Right after the header, before the breadcrumb.
    assert soup.select_one("header.site-header").find_next_sibling()["class"] == ["emergency-banner"]


def test_not_repeated_on_the_emergency_itself(client, site_group, rainstorm):
    assert banner(client, "/tfsj/rainstorm/", "county-a.localhost") is None


def test_titles_are_escaped(client, site_group):
    add_emergency(site_group.county_a.home, '<script>alert("x")</script>', "escaped")

    html = client.get("/", HTTP_HOST="county-a.localhost").content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_gone_when_resolved(client, site_group, rainstorm):
    rainstorm.resolved = True
    rainstorm.save_revision().publish()

    assert banner(client, "/", "county-a.localhost") is None


def test_gone_when_unpublished(client, site_group, rainstorm):
    rainstorm.unpublish()

    assert banner(client, "/", "county-a.localhost") is None


def test_gone_as_soon_as_it_expires_and_after_scheduled_publishing_runs(client, site_group, rainstorm):
    soon = timezone.now() + timedelta(hours=1)
    EmergencyPage.objects.filter(pk=rainstorm.pk).update(expire_at=soon)
    assert banner(client, "/", "county-a.localhost") is not None

    # The clock passes expire_at; publish_scheduled has not run yet.
    EmergencyPage.objects.filter(pk=rainstorm.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    assert banner(client, "/", "county-a.localhost") is None

    call_command("publish_scheduled")
    rainstorm.refresh_from_db()
    assert (rainstorm.live, rainstorm.expired) == (False, True)
    assert banner(client, "/", "county-a.localhost") is None


def test_drafts_and_restricted_emergencies_are_not_announced(client, site_group):
    add_emergency(site_group.county_a.home, "草稿", "draft", publish=False)
    private = add_emergency(site_group.county_a.home, "内部通报", "internal")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    assert banner(client, "/", "county-a.localhost") is None


def count_queries(client, url, host):
    client.get(url, HTTP_HOST=host)  # warm the caches a running site keeps warm
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, HTTP_HOST=host).status_code == 200
    return len(queries)


def test_the_banner_costs_the_same_however_many_emergencies_and_sites_there_are(client, site_group, town):
    none = count_queries(client, "/zwdt/", TOWN_HOST)
    add_emergency(site_group.county_a.home, "暴雨红色预警", "rainstorm")
    one = count_queries(client, "/zwdt/", TOWN_HOST)
    add_emergency(site_group.portal.home, "寒潮蓝色预警", "cold", updates=[("2024-06-01 08:00", "首报")] * 5)
    add_emergency(town.home, "停水通知", "water")
    add_emergency(site_group.county_b.home, "乙县山火", "fire")
    for n in range(3):
        provision_subsite(parent=town.home, name=f"城关镇{n}村", slug=f"village-{n}", kind="topic")
    many = count_queries(client, "/zwdt/", TOWN_HOST)

    assert len(banner(client, "/zwdt/", TOWN_HOST)) == 3
    # One query finds the emergencies; when there are some, one more checks view restrictions.
    assert one == many == none + 1
