"""The scorecard admin (issue 16, item 3): a site's latest snapshot with its evidence and trend, the site
list worst first, the dashboard panel, 立即监测, and who sees which site (monitoring.admin_views)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page

from monitoring.items import ITEMS
from monitoring.models import SiteAudit, Status
from monitoring.scorecard import TREND_LENGTH
from sitegroup.platform import AUDIT_ADMIN_GROUP, SYSTEM_ADMIN_GROUP
from tests.monitoring.factories import audit_item, days_before, evidence, make_audit

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)


def scorecard_url(home):
    return reverse("monitoring_scorecard", args=[home.pk])


def run_url(home):
    return reverse("monitoring_run_audit", args=[home.pk])


def refused(response):
    """403, 404, or Wagtail's answer to an admin user's PermissionDenied: a redirect to the dashboard."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def stale_column_audit(home, date=TODAY):
    news = Page.objects.child_of(home).get(slug="zwdt")
    stale = audit_item(
        "stale_columns",
        Status.FAIL,
        value=5,
        line=5,
        warning_at=3,
        deduction=10,
        since=days_before(date, 12),
        evidence=[
            evidence(
                "政务动态",
                reverse("wagtailadmin_explore", args=[news.pk]),
                "最后更新 2026-10-01，期限 14 天",
                datetime.date(2026, 10, 1),
            ),
            evidence("通知公告<script>", "javascript:alert(1)", "期限 6 个月"),
        ],
    )
    letters = audit_item("overdue_letters", Status.WARNING, value=1, deduction=2, since=days_before(date, 3))
    return make_audit(home, date, {"stale_columns": stale, "overdue_letters": letters}), news


@pytest.fixture
def admin_a(site_group, make_user):
    return make_user(site_group.county_a.groups["管理员"])


@pytest.fixture
def system_admin(make_user):
    return make_user(Group.objects.get(name=SYSTEM_ADMIN_GROUP))


def test_the_scorecard_shows_each_item_with_its_evidence(client, site_group, admin_a):
    home = site_group.county_a.home
    audit, news = stale_column_audit(home)
    client.force_login(admin_a)
    response = client.get(scorecard_url(home))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("[data-score]").get_text() == "88"
    assert soup.select_one(".monitoring-summary [data-status]")["data-status"] == "fail"
    rows = soup.select("tr[data-item]")
    assert [row["data-item"] for row in rows] == [item.key for item in ITEMS]
    for row, item in zip(rows, ITEMS, strict=True):
        assert str(item.label) in row.th.get_text()
    stale = soup.select_one("tr[data-item=stale_columns]")
    cells = [cell.get_text(" ", strip=True) for cell in stale.find_all("td")]
    assert cells[:5] == ["不合格", "5", "5", "3", "-10"]
    assert stale.select_one("time")["datetime"] == "2026-11-08"  # since when
    link = stale.select_one(".monitoring-evidence a")
    assert link.get_text() == "政务动态" and link["href"] == reverse("wagtailadmin_explore", args=[news.pk])
    assert "最后更新 2026-10-01，期限 14 天" in stale.get_text()
    # The site's administrator may merge or close the columns listed.
    assert stale.select_one(f'a[href="{reverse("monitoring_merge_column", args=[news.pk])}"]')
    assert stale.select_one(f'a[href="{reverse("monitoring_close_column", args=[news.pk])}"]')
    # Evidence is text: escaped, and an address that is not a path or http(s) is not linked.
    assert "<script>" not in response.content.decode() and "javascript:" not in response.content.decode()
    assert soup.select_one("tr[data-item=overdue_letters] [data-status]")["data-status"] == "warning"
    # The 立即监测 button posts, with the CSRF token.
    form = soup.select_one(f'form[action="{run_url(home)}"]')
    assert form["method"] == "post" and form.select_one("input[name=csrfmiddlewaretoken]")


def test_the_trend_chart_and_table_hold_the_snapshots(client, site_group, admin_a):
    home = site_group.county_a.home
    audits = []
    for number in range(TREND_LENGTH + 5):
        date = days_before(TODAY, TREND_LENGTH + 4 - number)
        changed = {"blank_columns": Status.FAIL} if number % 7 == 0 else {}
        if number % 3 == 0:
            changed["broken_links"] = audit_item("broken_links", Status.WARNING, value=3, deduction=3, since=date)
        audits.append(make_audit(home, date, changed, score=40 + number % 60))
    shown = audits[-TREND_LENGTH:]
    client.force_login(admin_a)
    response = client.get(scorecard_url(home))
    points = response.context["points"]
    assert [(point.date, point.score) for point in points] == [(audit.date, audit.score) for audit in shown]
    assert [point.failing for point in points] == [
        sum(item["status"] == "fail" for item in audit.items) for audit in shown
    ]
    assert [point.warnings for point in points] == [
        sum(item["status"] == "warning" for item in audit.items) for audit in shown
    ]
    chart = response.context["chart"]
    assert [drawn["point"].score for drawn in chart["points"]] == [audit.score for audit in shown]
    # Higher scores are drawn higher (smaller y); the points run left to right in time.
    xs = [drawn["x"] for drawn in chart["points"]]
    assert xs == sorted(xs) and 0 < xs[0] < xs[-1] < chart["width"]
    by_score = {drawn["point"].score: drawn["y"] for drawn in chart["points"]}
    assert by_score[41] > by_score[98]
    soup = BeautifulSoup(response.content, "html.parser")
    svg = soup.select_one("figure.monitoring-chart svg")
    assert svg["role"] == "img" and svg["aria-labelledby"] == "trend-caption"
    assert [int(circle["data-score"]) for circle in svg.select("circle")] == [audit.score for audit in shown]
    # The accessible table: one row per snapshot, the latest first.
    table_rows = soup.select("table.monitoring-trend-table tbody tr")
    assert len(table_rows) == TREND_LENGTH
    first = [cell.get_text(strip=True) for cell in table_rows[0].find_all(["th", "td"])][2:]
    latest = shown[-1]
    assert first == [str(latest.score), str(points[-1].failing), str(points[-1].warnings)]
    assert table_rows[0].th.time["datetime"] == latest.date.isoformat()


def test_a_site_without_snapshots(client, site_group, admin_a):
    client.force_login(admin_a)
    response = client.get(scorecard_url(site_group.county_a.home))
    assert response.status_code == 200 and "本站尚未监测" in response.content.decode()


def listed_sites(client, **query):
    soup = BeautifulSoup(client.get(reverse("monitoring_sites"), query).content, "html.parser")
    return [int(row["data-site"]) for row in soup.select("tr[data-site]")]


def test_the_site_list_shows_the_worst_first_and_sorts(client, site_group, system_admin):
    portal, county_a, county_b, department = (
        site_group.portal.home,
        site_group.county_a.home,
        site_group.county_b.home,
        site_group.department.home,
    )
    make_audit(portal, TODAY)  # 合格, 100
    stale_column_audit(county_a)  # 不合格, 88
    make_audit(county_b, TODAY, {"broken_links": audit_item("broken_links", Status.WARNING, deduction=5)})  # 95
    # The department's older snapshot is not its latest.
    make_audit(department, days_before(TODAY, 1), {"home_update": Status.FAIL}, score=100)
    make_audit(department, TODAY, {"broken_links": audit_item("broken_links", Status.WARNING, deduction=2)})  # 98
    client.force_login(system_admin)
    assert listed_sites(client) == [county_a.pk, county_b.pk, department.pk, portal.pk]
    assert listed_sites(client, ordering="-status") == [portal.pk, department.pk, county_b.pk, county_a.pk]
    assert listed_sites(client, ordering="score") == [county_a.pk, county_b.pk, department.pk, portal.pk]
    assert listed_sites(client, ordering="-score") == [portal.pk, department.pk, county_b.pk, county_a.pk]
    titles = sorted([portal, county_a, county_b, department], key=lambda home: home.title)
    assert listed_sites(client, ordering="title") == [home.pk for home in titles]
    assert listed_sites(client, ordering="nonsense") == listed_sites(client)
    # A site never audited comes last.
    SiteAudit.objects.filter(home=county_a).delete()
    assert listed_sites(client) == [county_b.pk, department.pk, portal.pk, county_a.pk]


def test_site_administrators_see_their_own_site(client, site_group, admin_a, make_user):
    for result in (site_group.portal, site_group.county_a, site_group.county_b, site_group.department):
        make_audit(result.home, TODAY)
    client.force_login(admin_a)
    assert listed_sites(client) == [site_group.county_a.home.pk]
    # The portal's 管理员 sees the portal and the sites below it.
    client.force_login(make_user(site_group.portal.groups["管理员"]))
    assert len(listed_sites(client)) == 4


def test_isolation_between_counties(client, site_group, admin_a, settings):
    """County A's 管理员 is refused county B's scorecard and 立即监测, with county A's as the positive control;
    nothing is written for county B."""
    county_a, county_b = site_group.county_a.home, site_group.county_b.home
    make_audit(county_b, TODAY)
    client.force_login(admin_a)
    assert client.get(scorecard_url(county_a)).status_code == 200
    assert client.get(scorecard_url(county_b)).status_code == 404
    assert client.post(run_url(county_b)).status_code == 404
    assert list(SiteAudit.objects.filter(home=county_b).values_list("date", flat=True)) == [TODAY]
    # Ids that are not sites at all.
    column = Page.objects.child_of(county_a).get(slug="zwdt")
    assert client.get(reverse("monitoring_scorecard", args=[column.pk])).status_code == 404
    assert client.get(reverse("monitoring_scorecard", args=[999999])).status_code == 404


def test_an_editor_without_the_right_is_refused(client, site_group, make_user):
    home = site_group.county_a.home
    make_audit(home, TODAY)
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    for response in (
        client.get(reverse("monitoring_sites")),
        client.get(scorecard_url(home)),
        client.post(run_url(home)),
    ):
        assert refused(response)
    assert SiteAudit.objects.filter(home=home).count() == 1
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("monitoring_sites") not in dashboard and "monitoring-panel-heading" not in dashboard


def test_the_menu_item_is_shown_to_holders_of_the_right(client, site_group, admin_a, make_user):
    client.force_login(admin_a)
    assert f'"{reverse("monitoring_sites")}"' in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(make_user(Group.objects.get(name=AUDIT_ADMIN_GROUP)))
    assert f'"{reverse("monitoring_sites")}"' in client.get(reverse("wagtailadmin_home")).content.decode()


def test_run_now_audits_the_site(client, site_group, admin_a):
    home = site_group.county_a.home
    client.force_login(admin_a)
    assert client.get(run_url(home)).status_code == 405  # a button, never a link
    response = client.post(run_url(home))
    assert response.status_code == 302 and response["Location"] == scorecard_url(home)
    audit = SiteAudit.objects.get(home=home)
    assert {item["key"] for item in audit.items} == {item.key for item in ITEMS}
    page = client.get(scorecard_url(home))
    assert page.context["audit"] == audit
    assert "已完成“甲县人民政府”的监测" in page.content.decode()
    # Again the same day: today's snapshot is replaced, not added.
    client.post(run_url(home))
    assert SiteAudit.objects.filter(home=home).count() == 1


def test_the_audit_administrator_reads_every_scorecard_but_runs_no_audit(client, site_group, make_user):
    auditor = make_user(Group.objects.get(name=AUDIT_ADMIN_GROUP))
    home = site_group.county_b.home
    client.force_login(auditor)

    page = client.get(scorecard_url(home))
    assert page.status_code == 200 and run_url(home) not in page.content.decode()
    assert refused(client.post(run_url(home)))
    assert not SiteAudit.objects.filter(home=home).exists()


def test_the_dashboard_panel_of_a_site_administrator(client, site_group, admin_a):
    home = site_group.county_a.home
    stale_column_audit(home)
    make_audit(site_group.county_b.home, TODAY, {"home_update": Status.FAIL})
    client.force_login(admin_a)
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = soup.select_one("#monitoring-panel-heading").parent
    assert [int(entry["data-site"]) for entry in panel.select("li[data-site]")] == [home.pk]
    text = panel.get_text(" ", strip=True)
    assert "不合格" in text and "88分" in text
    items = [link.get_text() for link in panel.select("li[data-site] ul a")]
    assert items == ["栏目更新（动态要闻、通知公告、政策文件）", "来信超期未答复"]
    assert panel.select_one("li[data-site] ul a")["href"] == scorecard_url(home) + "#item-stale_columns"


def test_the_dashboard_panel_of_a_platform_administrator(client, site_group, system_admin, make_user):
    # Four sites, all shown (the panel shows at most five), the lowest score first.
    homes = [site_group.portal.home, site_group.county_a.home, site_group.county_b.home, site_group.department.home]
    for score, home in zip((90, 60, 80, 70), homes, strict=True):
        make_audit(home, TODAY, {"broken_links": audit_item("broken_links", Status.WARNING, deduction=100 - score)})
    client.force_login(system_admin)
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = soup.select_one("#monitoring-panel-heading").parent
    shown = [int(entry["data-site"]) for entry in panel.select("li[data-site]")]
    assert shown == [homes[1].pk, homes[3].pk, homes[2].pk, homes[0].pk]
    assert panel.select_one(f'a[href="{reverse("monitoring_sites")}"]')
