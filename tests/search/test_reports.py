"""搜索词统计 for staff: platform administrators see every site, site staff only theirs."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from search.models import QueryLog
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


def rows(response, css):
    soup = BeautifulSoup(response.content, "html.parser")
    return [row.select_one("td").get_text() for row in soup.select(css)]


def test_platform_staff_see_every_site(client, make_user, logs):
    client.force_login(make_user(is_superuser=True))
    response = client.get(URL)
    assert rows(response, "tr.popular-query") == ["门户热词", "乙县热词", "甲县热词", "甲县无果"]
    assert rows(response, "tr.zero-result-query") == ["甲县无果"]


def test_site_staff_see_their_site_and_are_refused_another(client, make_user, site_group, logs):
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    response = client.get(URL)
    assert rows(response, "tr.popular-query") == ["甲县热词", "甲县无果"]
    assert_refused(client.get(URL, {"site": site_group.county_b.site.pk}))
    assert_refused(client.get(URL, {"site": "x"}))


def test_the_report_is_in_the_reports_menu_for_staff_only(client, make_user, site_group, logs):
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    assert URL in client.get("/admin/").content.decode()
    # A user of no site (and no admin access) gets neither the menu item nor the report.
    client.force_login(make_user())
    response = client.get(URL)
    assert response.status_code == 302 and "门户热词" not in response.content.decode()
