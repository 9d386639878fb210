"""信息报送统计: submissions, publications, rejections and median time, per site, department and officer."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from release.models import PlatformContentRules
from release.reports.statistics import BY_DEPARTMENT, BY_SITE, YEAR, Window, format_duration, statistics_rows
from tests.factories import ArticlePageFactory
from tests.release.workflow import act, submit

pytestmark = pytest.mark.django_db

REPORT_URL_NAME = "release_statistics_report"
APPROVED = (TaskState.STATUS_APPROVED, TaskState.STATUS_SKIPPED)


def local(*args):
    return timezone.make_aware(datetime.datetime(*args))


def article(provisioned, officer, title, slug):
    """A draft in the site's 政务动态 column, written by `officer`."""
    column = provisioned.home.get_children().get(slug="zwdt").specific
    page = ArticlePageFactory(parent=column, title=title, slug=slug, live=False, owner=officer)
    page.save_revision(user=officer)
    return page


def set_times(page, submitted, published=None, rejected=None):
    """Move the page's (only) workflow to known times: started, rejected and approved."""
    state = WorkflowState.objects.for_instance(page).get()
    WorkflowState.objects.filter(pk=state.pk).update(created_at=submitted)
    state.task_states.filter(status__in=APPROVED).update(finished_at=published or submitted)
    if rejected:
        state.task_states.filter(status=TaskState.STATUS_REJECTED).update(finished_at=rejected)


class Scenario:
    """Two officers' submissions, driven through the admin, then set to known times.

    甲县 officer 张三 (county A): A1 published after 27 hours; A2 rejected once,
    resubmitted and published 48 hours after its submission; A3 submitted in
    April and still in review. 教育局 officer 李四, who also reports to the city
    portal, has P1 published on the portal 3.5 hours after submission.
    """

    def __init__(self, client, site_group, make_user, capture):
        county, portal = site_group.county_a, site_group.portal
        self.officer_a = make_user(county.groups["信息员"], first_name="张三")
        self.officer_d = make_user(site_group.department.groups["信息员"], portal.groups["信息员"], first_name="李四")
        reviewer_a, approver_a = make_user(county.groups["审核"]), make_user(county.groups["签发"])
        reviewer_p, approver_p = make_user(portal.groups["审核"]), make_user(portal.groups["签发"])
        self.a1 = article(county, self.officer_a, "甲县春耕生产有序推进", "a1")
        self.a2 = article(county, self.officer_a, "甲县召开防汛工作会议", "a2")
        self.a3 = article(county, self.officer_a, "甲县开展安全生产检查", "a3")
        self.p1 = article(portal, self.officer_d, "市教育局部署中考工作", "p1")
        with capture(execute=True):
            for page, officer, reviewer, approver in (
                (self.a1, self.officer_a, reviewer_a, approver_a),
                (self.p1, self.officer_d, reviewer_p, approver_p),
            ):
                submit(client, officer, page)
                act(client, reviewer, page, "approve")
                act(client, approver, page, "approve")
            submit(client, self.officer_a, self.a2)
            act(client, reviewer_a, self.a2, "reject", comment="请补充会议时间")
            submit(client, self.officer_a, self.a2, title="甲县召开防汛工作会议（6月3日）")
            act(client, reviewer_a, self.a2, "approve")
            act(client, approver_a, self.a2, "approve")
            submit(client, self.officer_a, self.a3)
        client.logout()
        set_times(self.a1, local(2024, 3, 4, 9), published=local(2024, 3, 5, 12))
        set_times(self.a2, local(2024, 3, 10, 9), published=local(2024, 3, 12, 9), rejected=local(2024, 3, 11, 10))
        set_times(self.a3, local(2024, 4, 1, 10))
        set_times(self.p1, local(2024, 3, 20, 8), published=local(2024, 3, 20, 11, 30))


@pytest.fixture
def scenario(client, site_group, make_user, django_capture_on_commit_callbacks):
    return Scenario(client, site_group, make_user, django_capture_on_commit_callbacks)


@pytest.fixture
def platform_admin(make_user):
    return make_user(is_superuser=True)


def table(rows):
    return [
        (
            row.period,
            row.site,
            row.department,
            row.officer,
            row.submitted,
            row.published,
            row.rejected,
            row.median_display,
        )
        for row in rows
    ]


def test_the_scenario_went_through_the_real_workflow(scenario):
    for page in (scenario.a1, scenario.a2, scenario.p1):
        page.refresh_from_db()
        assert page.live
    assert WorkflowState.objects.for_instance(scenario.a3).get().status == WorkflowState.STATUS_IN_PROGRESS


def test_per_officer_and_month(scenario, platform_admin):
    assert table(statistics_rows(platform_admin, Window(2024))) == [
        ("2024年3月", "示例市人民政府", "示例市教育局", "李四", 1, 1, 0, "3小时30分钟"),
        # A1 took 27 hours, A2 48: the median of the two is 37.5 hours.
        ("2024年3月", "甲县人民政府", "甲县人民政府", "张三", 2, 2, 1, "1天13小时"),
        ("2024年4月", "甲县人民政府", "甲县人民政府", "张三", 1, 0, 0, ""),
        ("合计", "", "", "", 4, 3, 1, "1天3小时"),
    ]


def test_per_year_department_and_site(scenario, platform_admin):
    by_year = statistics_rows(platform_admin, Window(2024), granularity=YEAR)
    assert table(by_year)[1] == ("2024年", "甲县人民政府", "甲县人民政府", "张三", 3, 2, 1, "1天13小时")
    assert by_year[1].median_hours == 37.5

    by_department = statistics_rows(platform_admin, Window(2024), granularity=YEAR, dimension=BY_DEPARTMENT)
    assert [(row.period, row.department, row.submitted, row.published, row.rejected) for row in by_department] == [
        ("2024年", "甲县人民政府", 3, 2, 1),
        ("2024年", "示例市教育局", 1, 1, 0),
        ("合计", "", 4, 3, 1),
    ]
    by_site = statistics_rows(platform_admin, Window(2024, 3), dimension=BY_SITE)
    assert [(row.period, row.site, row.submitted, row.published) for row in by_site] == [
        ("2024年3月", "示例市人民政府", 1, 1),
        ("2024年3月", "甲县人民政府", 2, 2),
        ("合计", "", 3, 3),
    ]


def test_each_event_counts_in_its_own_month(scenario, platform_admin):
    # A1 submitted in February, published in March: 48 hours, 2024 being a leap year.
    set_times(scenario.a1, local(2024, 2, 28, 9), published=local(2024, 3, 1, 9))
    february, march = (table(statistics_rows(platform_admin, Window(2024, month))) for month in (2, 3))
    assert february[0][3:7] == ("张三", 1, 0, 0)
    # March: A2 submitted and rejected; A1 and A2 published, both after 48 hours.
    assert march[1][3:] == ("张三", 1, 2, 1, "2天")


def test_a_failed_content_check_is_not_a_rejection(client, site_group, make_user, django_capture_on_commit_callbacks):
    rules = PlatformContentRules.load()
    rules.sensitive_words = "违禁词"
    rules.save()
    officer = make_user(site_group.county_a.groups["信息员"])
    page = article(site_group.county_a, officer, "含有违禁词的稿件", "bad")
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, officer, page)
    assert WorkflowState.objects.for_instance(page).get().status == WorkflowState.STATUS_NEEDS_CHANGES
    rows = statistics_rows(make_user(is_superuser=True), Window(timezone.localdate().year))
    assert (rows[-1].submitted, rows[-1].published, rows[-1].rejected) == (1, 0, 0)


def report(client, viewer, **params):
    client.force_login(viewer)
    response = client.get(reverse(REPORT_URL_NAME), params)
    assert response.status_code == 200
    return response


def test_the_report_shows_the_statistics_and_the_definitions(client, scenario, platform_admin):
    response = report(client, platform_admin, year=2024)
    assert table(response.context["object_list"]) == table(statistics_rows(platform_admin, Window(2024)))
    html = response.content.decode()
    assert "1天13小时" in html
    assert "统计期间：2024年" in html


def test_county_staff_see_only_their_county_whatever_they_ask_for(client, scenario, site_group, make_user):
    reviewer_a = make_user(site_group.county_a.groups["审核"])
    for params in (
        {"year": 2024},
        {"year": 2024, "site": site_group.portal.home.pk},
        {"year": 2024, "dimension": "site"},
    ):
        rows = report(client, reviewer_a, **params).context["object_list"]
        assert {row.site for row in rows} == {"甲县人民政府", ""}, params
        assert rows[-1].submitted == 3
        assert "李四" not in report(client, reviewer_a, **params).content.decode()
    reviewer_b = make_user(site_group.county_b.groups["审核"])
    assert list(report(client, reviewer_b, year=2024).context["object_list"]) == []
    export = report(client, reviewer_b, year=2024, export="csv")
    assert b"".join(export.streaming_content).decode("utf-8").count("\n") == 1  # the headings only


def test_portal_staff_see_the_sites_below_the_portal(client, scenario, site_group, make_user):
    portal_reviewer = make_user(site_group.portal.groups["审核"])
    rows = report(client, portal_reviewer, year=2024, site=site_group.county_a.home.pk).context["object_list"]
    assert [(row.site, row.submitted) for row in rows] == [("甲县人民政府", 2), ("甲县人民政府", 1), ("", 3)]


def test_csv_export(client, scenario, platform_admin):
    response = report(client, platform_admin, year=2024, granularity="year", dimension="department", export="csv")
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(content.removeprefix("\ufeff")))) == [
        ["期间", "部门", "报送", "采用", "退回", "采用中位时长", "采用中位时长（小时）", "上级采用", "上级退回"],
        ["2024年", "甲县人民政府", "3", "2", "1", "1天13小时", "37.5", "0", "0"],
        ["2024年", "示例市教育局", "1", "1", "0", "3小时30分钟", "3.5", "0", "0"],
        ["合计", "", "4", "3", "1", "1天3小时", "27.0", "0", "0"],
    ]


@pytest.mark.parametrize(
    ("duration", "text"),
    [
        (datetime.timedelta(minutes=45), "45分钟"),
        (datetime.timedelta(hours=5), "5小时"),
        (datetime.timedelta(hours=5, minutes=20), "5小时20分钟"),
        (datetime.timedelta(days=1, hours=3), "1天3小时"),
        (datetime.timedelta(days=2, minutes=10), "2天"),
        (None, ""),
    ],
)
def test_durations_read_as_people_say_them(duration, text):
    assert format_duration(duration) == text
