"""访谈列表: 正在直播, 访谈预告 and 往期回顾 of the site and the sites below, each at its own host."""

from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from interviews.models import Broadcast, InterviewIndexPage
from sitegroup.models import SiteIdentity
from tests.interviews.factories import make_interview

pytestmark = pytest.mark.django_db


def index_of(provisioned):
    """The site's own 在线访谈 column (provisioned under 互动交流)."""
    interaction = Page.objects.child_of(provisioned.home).get(slug="hdjl")
    return InterviewIndexPage.objects.child_of(interaction).get()


def at(hours):
    return timezone.now() + timedelta(hours=hours)


def sections(client, index, host, query=""):
    """{section heading: [(title, href, badge)]} of the index page."""
    response = client.get(index.url + query, HTTP_HOST=host)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        section.h2.get_text(strip=True): [
            (item.a.get_text(strip=True), item.a["href"], item.find(class_="badge").get_text(strip=True))
            for item in section.find_all("li", class_="article-list__item")
        ]
        for section in soup.find_all("section", class_="interview-list")
    }


def titles(rows):
    return [title for title, _href, _badge in rows]


def test_the_index_lists_live_upcoming_and_past_interviews_in_reading_order(client, site_group):
    index = index_of(site_group.county_a)
    make_interview(index, title="正在进行")
    make_interview(index, title="明天的访谈", start=at(24), end=at(25))
    make_interview(index, title="下周的访谈", start=at(24 * 7), end=at(24 * 7 + 1))
    make_interview(index, title="上周的访谈", start=at(-24 * 7), end=at(-24 * 7 + 1))
    make_interview(index, title="昨天的访谈", start=at(-24), end=at(-23))

    found = sections(client, index, "county-a.localhost")

    assert titles(found["正在直播"]) == ["正在进行"]
    assert titles(found["访谈预告"]) == ["明天的访谈", "下周的访谈"]
    assert titles(found["往期回顾"]) == ["昨天的访谈", "上周的访谈"]
    assert {badge for rows in found.values() for _title, _href, badge in rows} == {"直播中", "预告", "已结束"}
    assert [badge for _t, _h, badge in found["访谈预告"]] == ["预告", "预告"]


def test_the_hosts_overrides_move_an_interview_between_the_lists(client, site_group):
    index = index_of(site_group.county_a)
    early = make_interview(index, title="提前开始", start=at(1), end=at(2))
    ended = make_interview(index, title="提前结束")
    extended = make_interview(index, title="延长", start=at(-2), end=at(-1))
    Broadcast.objects.create(interview=early, started_at=timezone.now())
    Broadcast.objects.create(interview=ended, ended_at=timezone.now())
    Broadcast.objects.create(interview=extended, extended_until=at(1))

    found = sections(client, index, "county-a.localhost")

    assert titles(found["正在直播"]) == ["延长", "提前开始"]
    assert titles(found["往期回顾"]) == ["提前结束"]
    assert found["访谈预告"] == []


def test_the_schedule_shows_local_date_and_minutes(client, site_group):
    index = index_of(site_group.county_a)
    start = timezone.make_aware(timezone.datetime(2025, 3, 7, 9, 30))
    make_interview(index, title="三月访谈", start=start, end=start + timedelta(hours=1))

    html = client.get(index.url, HTTP_HOST="county-a.localhost").content.decode()

    assert ">2025-03-07 09:30</time>至<time" in html and ">10:30</time>" in html


def times_listed(client, index, host):
    """{title: [the datetimes of the row's <time> elements]} of the index page."""
    soup = BeautifulSoup(client.get(index.url, HTTP_HOST=host).content, "html.parser")
    return {
        item.a.get_text(strip=True): [datetime.fromisoformat(time["datetime"]) for time in item.find_all("time")]
        for item in soup.find_all("li", class_="article-list__item")
    }


def test_the_rows_show_the_hosts_times_where_the_host_changed_the_schedule(client, site_group):
    index = index_of(site_group.county_a)
    early = make_interview(index, title="提前开始", start=at(24), end=at(25))
    ended = make_interview(index, title="提前结束")
    extended = make_interview(index, title="延长", start=at(-2), end=at(-1))
    as_planned = make_interview(index, title="按时", start=at(48), end=at(49))
    Broadcast.objects.create(interview=early, started_at=at(-0.1))
    Broadcast.objects.create(interview=ended, ended_at=at(-0.1))
    Broadcast.objects.create(interview=extended, extended_until=at(1))

    listed = times_listed(client, index, "county-a.localhost")

    assert listed["提前开始"] == [early.broadcast().started_at, early.scheduled_end]
    assert listed["提前结束"] == [ended.scheduled_start, ended.broadcast().ended_at]
    assert listed["延长"] == [extended.scheduled_start, extended.broadcast().extended_until]
    assert listed["按时"] == [as_planned.scheduled_start, as_planned.scheduled_end]


def test_the_portals_list_includes_the_sub_sites_interviews_at_their_own_hosts(client, site_group):
    make_interview(index_of(site_group.portal), title="市里的访谈")
    county = make_interview(index_of(site_group.county_a), title="甲县的访谈")
    department = make_interview(index_of(site_group.department), title="部门的访谈")

    found = sections(client, index_of(site_group.portal), "localhost")["正在直播"]
    live = {title: href for title, href, _badge in found}

    assert set(live) == {"市里的访谈", "甲县的访谈", "部门的访谈"}
    assert live["甲县的访谈"] == county.full_url == "http://county-a.localhost/hdjl/zxft/" + county.slug + "/"
    # The department has no host of its own: it is served under the portal's.
    assert live["部门的访谈"] == department.url


def test_a_countys_list_does_not_include_the_portals_or_another_countys(client, site_group):
    make_interview(index_of(site_group.portal), title="市里的访谈")
    make_interview(index_of(site_group.county_b), title="乙县的访谈")
    make_interview(index_of(site_group.county_a), title="甲县的访谈")

    found = sections(client, index_of(site_group.county_a), "county-a.localhost")

    assert titles(found["正在直播"]) == ["甲县的访谈"]


def test_the_portals_list_leaves_out_held_sites_protected_sections_and_drafts(client, site_group):
    make_interview(index_of(site_group.county_a), title="甲县已开站")
    make_interview(index_of(site_group.county_b), title="乙县开站前")
    protected = make_interview(index_of(site_group.department), title="部门内部访谈")
    make_interview(index_of(site_group.portal), title="市里的草稿", live=False)
    SiteIdentity.objects.filter(site=site_group.county_b.site).update(icp_number="")
    PageViewRestriction.objects.create(page=Page.objects.get(pk=protected.pk), restriction_type="login")

    found = sections(client, index_of(site_group.portal), "localhost")

    assert titles(found["正在直播"]) == ["甲县已开站"]


def test_past_interviews_are_paginated_newest_first(client, site_group):
    index = index_of(site_group.county_a)
    for day in range(1, 23):
        make_interview(index, title=f"第{day}天前", start=at(-24 * day), end=at(-24 * day + 1))

    first = sections(client, index, "county-a.localhost")
    second = sections(client, index, "county-a.localhost", "?page=2")

    assert titles(first["往期回顾"])[0] == "第1天前"
    assert "第22天前" in titles(second["往期回顾"])
    assert not set(titles(first["往期回顾"])) & set(titles(second["往期回顾"]))
    # Later pages are about the past only.
    assert set(second) == {"往期回顾"}


def count_queries(client, url, host):
    client.get(url, HTTP_HOST=host)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, HTTP_HOST=host).status_code == 200
    return len(queries)


def some_of_each(index, count, prefix):
    for n in range(count):
        make_interview(index, title=f"{prefix}直播{n}")
        make_interview(index, title=f"{prefix}预告{n}", start=at(n + 1), end=at(n + 2))
        make_interview(index, title=f"{prefix}往期{n}", start=at(-n - 3), end=at(-n - 2))


def test_the_index_costs_the_same_with_2_or_10_interviews_of_each_state(client, site_group):
    some_of_each(index_of(site_group.county_a), 2, "甲")
    some_of_each(index_of(site_group.county_b), 10, "乙")
    # Some with a Broadcast row (the host acted), some without.
    on_air = Page.objects.descendant_of(site_group.county_b.home).filter(title__startswith="乙直播")
    Broadcast.objects.bulk_create([Broadcast(interview_id=page.pk, announcement="置顶") for page in on_air])

    few = count_queries(client, index_of(site_group.county_a).url, "county-a.localhost")
    many = count_queries(client, index_of(site_group.county_b).url, "county-b.localhost")

    assert few == many


# --- The home page's 正在直播 strip ---------------------------------------------------------------


def on_air(client, host):
    """The titles in the home page's 正在直播 strip."""
    soup = BeautifulSoup(client.get("/", HTTP_HOST=host).content, "html.parser")
    strip = soup.find("section", class_="home-highlight")
    if strip is None:
        return []
    assert strip.h2.get_text(strip=True) == "正在直播"
    return [link.get_text(strip=True) for link in strip.find_all("a")]


def test_the_home_page_shows_its_sites_interview_while_it_runs(client, site_group):
    index = index_of(site_group.county_a)
    running = make_interview(index, title="正在直播的访谈")
    make_interview(index, title="明天的访谈", start=at(24), end=at(25))
    make_interview(index, title="昨天的访谈", start=at(-24), end=at(-23))

    assert on_air(client, "county-a.localhost") == ["正在直播的访谈"]
    soup = BeautifulSoup(client.get("/", HTTP_HOST="county-a.localhost").content, "html.parser")
    assert soup.find("section", class_="home-highlight").a["href"] == running.full_url

    Broadcast.objects.create(interview=running, ended_at=timezone.now())
    assert on_air(client, "county-a.localhost") == []


def test_an_interview_started_early_is_shown_and_one_of_another_site_is_not(client, site_group):
    early = make_interview(index_of(site_group.county_a), title="提前开始", start=at(1), end=at(2))
    Broadcast.objects.create(interview=early, started_at=timezone.now())

    assert on_air(client, "county-a.localhost") == ["提前开始"]
    assert on_air(client, "county-b.localhost") == []
    # Nor on the portal's: the portal's 访谈列表 lists it, its home page shows the portal's own.
    assert on_air(client, "localhost") == []


def test_a_protected_or_draft_interview_is_not_shown(client, site_group):
    index = index_of(site_group.county_a)
    protected = make_interview(index, title="内部访谈")
    PageViewRestriction.objects.create(page=Page.objects.get(pk=protected.pk), restriction_type="login")
    make_interview(index, title="草稿访谈", live=False)

    assert on_air(client, "county-a.localhost") == []


def test_a_home_block_naming_the_interview_column_lists_live_and_upcoming_first(client, site_group):
    index = index_of(site_group.county_a)
    make_interview(index, title="上周的访谈", start=at(-24 * 7), end=at(-24 * 7 + 1))
    make_interview(index, title="下周的访谈", start=at(24 * 7), end=at(24 * 7 + 1))
    make_interview(index, title="昨天的访谈", start=at(-24), end=at(-23))
    make_interview(index, title="明天的访谈", start=at(24), end=at(25))
    make_interview(index, title="正在进行")
    home = site_group.county_a.home
    home.body = [{"type": "latest", "value": {"column": index.pk, "count": 4, "title": "访谈"}}]
    home.save_revision().publish()

    soup = BeautifulSoup(client.get("/", HTTP_HOST="county-a.localhost").content, "html.parser")
    block = soup.find("h2", string="访谈").find_parent("section")

    assert [link.get_text(strip=True) for link in block.select("li a")] == [
        "正在进行",
        "明天的访谈",
        "下周的访谈",
        "昨天的访谈",
    ]
