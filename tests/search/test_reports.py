"""搜索词统计 for staff: platform administrators see every site, site staff only theirs; CSV and XLSX export."""

import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.utils import timezone

from search.models import QueryLog
from sitegroup.platform import SYSTEM_ADMIN_GROUP
from tests.sitegroup.utils import assert_refused

URL = "/admin/reports/search-queries/"


@pytest.fixture
def logs(site_group):
    today = timezone.localdate()
    QueryLog.objects.create(site=site_group.portal.site, query_string="门户热词", date=today, hits=9)
    QueryLog.objects.create(site=site_group.county_a.site, query_string="甲县热词", date=today, hits=5)
    QueryLog.objects.create(
        site=site_group.county_a.site, query_string="甲县无果", date=today, hits=2, zero_result_hits=2
    )
    QueryLog.objects.create(site=site_group.county_b.site, query_string="乙县热词", date=today, hits=7)


def rows(response):
    """The first cell (the search term) of each row of the report's table."""
    soup = BeautifulSoup(response.content, "html.parser")
    return [row.select_one("td").get_text(strip=True) for row in soup.select("table.listing tbody tr")]


def test_platform_staff_see_every_site(client, make_user, logs):
    client.force_login(make_user(is_superuser=True))
    assert rows(client.get(URL)) == ["门户热词", "乙县热词", "甲县热词", "甲县无果"]
    assert rows(client.get(URL, {"kind": "zero"})) == ["甲县无果"]


def test_platform_administrators_who_are_not_superusers_see_every_site(client, make_user, logs):
    client.force_login(make_user(Group.objects.get(name=SYSTEM_ADMIN_GROUP)))
    assert rows(client.get(URL)) == ["门户热词", "乙县热词", "甲县热词", "甲县无果"]


def test_site_staff_see_their_site_and_are_refused_another(client, make_user, site_group, logs):
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    response = client.get(URL)
    assert rows(response) == ["甲县热词", "甲县无果"]
    # The site filter offers their own site only.
    choices = [
        option.get_text(strip=True)
        for option in BeautifulSoup(response.content, "html.parser").select("select[name=site] option")
    ]
    assert site_group.county_b.site.site_name not in choices
    assert_refused(client.get(URL, {"site": site_group.county_b.site.pk}))
    assert_refused(client.get(URL, {"site": "x"}))


def test_the_portals_staff_see_the_sites_below_and_can_narrow_to_one(client, make_user, site_group, logs):
    client.force_login(make_user(site_group.portal.groups["编辑"]))
    assert rows(client.get(URL)) == ["门户热词", "乙县热词", "甲县热词", "甲县无果"]
    assert rows(client.get(URL, {"site": site_group.county_a.site.pk})) == ["甲县热词", "甲县无果"]


def test_the_period_counts_searches_of_the_last_days_only(client, make_user, site_group, logs):
    QueryLog.objects.create(
        site=site_group.county_a.site,
        query_string="去年的词",
        date=timezone.localdate() - timezone.timedelta(days=100),
        hits=50,
    )
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    assert "去年的词" not in rows(client.get(URL))
    assert "去年的词" not in rows(client.get(URL, {"days": 7}))
    assert rows(client.get(URL, {"days": 365}))[0] == "去年的词"


def test_the_export_holds_what_the_user_may_see(client, make_user, site_group, logs):
    QueryLog.objects.create(site=site_group.county_a.site, query_string="=1+1", date=timezone.localdate(), hits=1)
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    response = client.get(URL, {"export": "csv"})
    csv_text = b"".join(response.streaming_content).decode("utf-8")
    assert csv_text.startswith("\ufeff搜索词,搜索次数,无结果次数")
    assert "甲县热词,5,0" in csv_text and "甲县无果,2,2" in csv_text and "'=1+1,1,0" in csv_text
    assert "乙县热词" not in csv_text and "门户热词" not in csv_text

    response = client.get(URL, {"export": "xlsx", "kind": "zero"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["搜索词", "搜索次数", "无结果次数"],
        ["甲县无果", 2, 2],
    ]


def test_the_report_is_in_the_reports_menu_for_staff_only(client, make_user, site_group, logs):
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    assert URL in client.get("/admin/").content.decode()
    # A user of no site (and no admin access) gets neither the menu item nor the report.
    client.force_login(make_user())
    response = client.get(URL)
    assert response.status_code == 302 and "门户热词" not in response.content.decode()
