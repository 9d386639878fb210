"""年度考核报告 (issue 16 item 6): the figures of one site's year, the group table, the downloads and who sees what."""

import csv
import datetime
import io
import itertools
import zoneinfo

import openpyxl
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

from citizen_mailbox.models import MailboxPage, Message
from monitoring.annual import add_months, group_year, site_year
from monitoring.items import ITEMS
from monitoring.models import ErrorReport, LinkFinding, PageFeedback, SiteAudit
from tests.factories import ArticlePageFactory
from tests.policy.utils import add_interpretation, add_policy, interpretation_column_of, library_of

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
YEAR = 2025


def at(*args):
    return datetime.datetime(*args, tzinfo=SHANGHAI)


def travel(*args):
    return time_machine.travel(at(*args), tick=False)


def news_column(provisioned):
    return Page.objects.child_of(provisioned.home).get(slug="zwdt")


_slugs = itertools.count()


def publish_article(column, moment, title="文章"):
    with travel(*moment):
        article = ArticlePageFactory(parent=column, title=title, slug=f"annual-{next(_slugs)}", live=False)
        article.save_revision().publish()
    return article


def column_entry(report, column):
    return next(entry for entry in report.columns if entry.column.pk == column.pk)


# --- Update counts --------------------------------------------------------------------------------------


def test_a_page_counts_in_the_year_and_month_it_first_went_live(site_group):
    column = news_column(site_group.county_a)
    publish_article(column, (2024, 12, 31, 23, 30), "除夕发布")
    publish_article(column, (2025, 1, 1, 0, 30), "元旦发布")
    publish_article(column, (2025, 3, 10, 9, 0), "三月发布")
    with travel(2026, 2, 1, 9, 0):
        last_year, this_year = site_year(site_group.county_a.home, 2024), site_year(site_group.county_a.home, YEAR)
    assert column_entry(last_year, column).total == 1
    assert column_entry(last_year, column).months[12] == 1
    entry = column_entry(this_year, column)
    assert entry.total == 2 and entry.months[1] == 1 and entry.months[3] == 1
    assert this_year.updates_total == 2 and this_year.updates_by_month[0] == 1


def test_republishing_an_old_page_is_not_an_update(site_group):
    column = news_column(site_group.county_a)
    article = publish_article(column, (2024, 6, 1, 10, 0), "旧文")
    with travel(2025, 5, 1, 10, 0):
        article.title = "旧文（修订）"
        article.save_revision().publish()
    with travel(2026, 2, 1, 9, 0):
        assert column_entry(site_year(site_group.county_a.home, YEAR), column).total == 0
        assert column_entry(site_year(site_group.county_a.home, 2024), column).total == 1


def test_a_page_without_a_publication_record_counts_by_first_published_at(site_group):
    column = news_column(site_group.county_a)
    ArticlePageFactory(parent=column, title="导入文章", live=True, first_published_at=at(2025, 7, 1, 9, 0))
    with travel(2026, 2, 1, 9, 0):
        assert column_entry(site_year(site_group.county_a.home, YEAR), column).months[7] == 1


def test_a_sub_sites_pages_count_for_the_sub_site_only(site_group):
    publish_article(news_column(site_group.county_a), (2025, 4, 1, 9, 0), "县里的文章")
    with travel(2026, 2, 1, 9, 0):
        portal = site_year(site_group.portal.home, YEAR)
        county = site_year(site_group.county_a.home, YEAR)
    county_column_ids = {entry.column.pk for entry in county.columns}
    assert not county_column_ids & {entry.column.pk for entry in portal.columns}
    assert column_entry(county, news_column(site_group.county_a)).total == 1
    assert column_entry(portal, news_column(site_group.portal)).total == 0


def test_a_closed_column_stays_only_for_the_updates_it_had(site_group):
    county = site_group.county_a
    closed_empty, closed_updated = Page.objects.child_of(county.home).live().exclude(slug="zwdt")[:2]
    publish_article(closed_updated, (2025, 2, 1, 9, 0), "关闭前的文章")
    for column in (closed_empty, closed_updated):
        column.live = False
        column.save(update_fields=["live"])
    with travel(2026, 2, 1, 9, 0):
        report = site_year(county.home, YEAR)
    listed = {entry.column.pk for entry in report.columns}
    assert closed_updated.pk in listed and closed_empty.pk not in listed


def test_the_queries_do_not_grow_with_the_articles_or_letters(site_group):
    home = site_group.county_a.home
    column = news_column(site_group.county_a)

    def count_queries():
        with travel(2026, 2, 1, 9, 0), CaptureQueriesContext(connection) as queries:
            report = site_year(home, YEAR)
        return len(queries), report

    for number in range(5):
        publish_article(column, (2025, 2, 1 + number, 9, 0), f"文章{number}")
    add_letter(site_group.county_a, at(2025, 3, 2, 9, 0), closed=at(2025, 3, 5, 9, 0))
    few, report = count_queries()
    assert report.updates_total == 5
    for number in range(45):
        publish_article(column, (2025, 5, 1 + number % 28, 9, number), f"更多文章{number}")
    for day in range(1, 10):
        add_letter(site_group.county_a, at(2025, 4, day, 9, 0), closed=at(2025, 4, day + 3, 9, 0))
    many, report = count_queries()
    assert report.updates_total == 50 and report.letters.received == 10
    assert few == many, (few, many)
    assert few <= 16


# --- Letters ---------------------------------------------------------------------------------------------


def add_letter(provisioned, received_at, closed=None, due_date=None, status="answered"):
    mailbox = MailboxPage.objects.descendant_of(provisioned.home).first()
    return Message.objects.create(
        mailbox=mailbox,
        site_home=provisioned.home,
        received_at=received_at,
        due_date=due_date or (received_at + datetime.timedelta(days=10)).date(),
        name="张三",
        subject="来信",
        content="请尽快维修路灯。",
        channel_name="咨询",
        password_hash="!",
        status=status if closed else "pending",
        closed_at=closed,
    )


def test_letters_on_time_late_open_and_over_three_months(site_group):
    county = site_group.county_a
    # Mon 3 Mar 2025 → Fri 7 Mar: 4 working days, on time (due 14 Mar).
    add_letter(county, at(2025, 3, 3, 9, 0), closed=at(2025, 3, 7, 9, 0), due_date=datetime.date(2025, 3, 14))
    # Due 14 Mar, closed Mon 17 Mar: late; 10 working days after Mon 3 Mar.
    add_letter(county, at(2025, 3, 3, 9, 0), closed=at(2025, 3, 17, 9, 0), due_date=datetime.date(2025, 3, 14))
    # Still open since 1 Sep: over three months by 5 Dec.
    add_letter(county, at(2025, 9, 1, 9, 0), due_date=datetime.date(2025, 9, 22))
    # Open, received in November: not yet three months.
    add_letter(county, at(2025, 11, 20, 9, 0), due_date=datetime.date(2025, 12, 10))
    # Last year's letter and another site's letter do not count.
    add_letter(county, at(2024, 12, 31, 9, 0), closed=at(2025, 1, 3, 9, 0))
    add_letter(site_group.county_b, at(2025, 3, 3, 9, 0), closed=at(2025, 3, 7, 9, 0))
    with travel(2025, 12, 5, 9, 0):
        letters = site_year(county.home, YEAR).letters
    assert (letters.received, letters.answered, letters.on_time) == (4, 2, 1)
    assert letters.average_working_days == 7.0
    assert letters.on_time_rate == 50.0
    assert (letters.still_open, letters.over_three_months) == (2, 1)


def test_add_months_clamps_to_the_months_last_day():
    assert add_months(datetime.date(2025, 1, 31), 1) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2025, 11, 30), 3) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2025, 12, 15), 1) == datetime.date(2026, 1, 15)


# --- Error reports, links, feedback, policies --------------------------------------------------------


def add_error_report(provisioned, received_at, due_date, answered_at=None):
    return ErrorReport.objects.create(
        site_home=provisioned.home,
        problem_type="typo",
        description="错别字",
        received_at=received_at,
        due_date=due_date,
        status="answered" if answered_at else "open",
        answered_at=answered_at,
    )


def test_error_report_deductions(site_group):
    county = site_group.county_a
    due = datetime.date(2025, 3, 6)
    add_error_report(county, at(2025, 3, 3, 9, 0), due, answered_at=at(2025, 3, 5, 9, 0))  # on time
    add_error_report(county, at(2025, 3, 3, 9, 0), due, answered_at=at(2025, 3, 20, 9, 0))  # late, within a month
    add_error_report(county, at(2025, 3, 3, 9, 0), due, answered_at=at(2025, 4, 3, 9, 0))  # exactly a month: late
    add_error_report(county, at(2025, 3, 3, 9, 0), due, answered_at=at(2025, 4, 4, 9, 0))  # after a month: -2
    add_error_report(county, at(2025, 3, 3, 9, 0), due, answered_at=at(2025, 6, 1, 9, 0))  # after a month: -2
    add_error_report(county, at(2025, 5, 5, 9, 0), datetime.date(2025, 5, 8))  # unanswered: -3
    add_error_report(county, at(2025, 12, 4, 9, 0), datetime.date(2025, 12, 9))  # open, within its deadline
    add_error_report(site_group.county_b, at(2025, 5, 5, 9, 0), datetime.date(2025, 5, 8))  # another site's
    with travel(2025, 12, 5, 9, 0):
        errors = site_year(county.home, YEAR).errors
    assert errors.received == 7
    assert (errors.answered_on_time, errors.answered_late, errors.answered_after_a_month) == (1, 2, 2)
    assert (errors.unanswered, errors.open_within_deadline) == (1, 1)
    assert errors.deduction == 2 * 2 + 3 * 1


def test_broken_links_found_and_fixed_and_feedback(site_group):
    county = site_group.county_a
    page = news_column(county)
    for found, fixed in (
        (at(2025, 2, 1, 9, 0), at(2025, 2, 3, 9, 0)),
        (at(2025, 6, 1, 9, 0), None),
        (at(2024, 11, 1, 9, 0), at(2025, 1, 5, 9, 0)),  # found last year, fixed this year
        (at(2024, 10, 1, 9, 0), at(2024, 10, 9, 9, 0)),  # last year's
    ):
        LinkFinding.objects.create(
            page=page,
            site_home=county.home,
            kind="external",
            target="http://x.invalid/",
            problem="404",
            first_found_at=found,
            fixed_at=fixed,
        )
    for helpful, moment in (
        (True, at(2025, 1, 2, 9, 0)),
        (True, at(2025, 8, 2, 9, 0)),
        (False, at(2025, 8, 3, 9, 0)),
        (True, at(2024, 8, 3, 9, 0)),
    ):
        PageFeedback.objects.create(page=page, site_home=county.home, helpful=helpful, created_at=moment)
    with travel(2025, 12, 5, 9, 0):
        report = site_year(county.home, YEAR)
    assert (report.links_found, report.links_fixed, report.links_open) == (2, 2, 1)
    assert (report.feedback_yes, report.feedback_no) == (2, 1)


def test_interpretation_coverage_of_major_policies(site_group):
    county = site_group.county_a
    library = library_of(county)
    with travel(2025, 3, 1, 9, 0):
        interpreted = add_policy(library, "已解读的重大政策", is_major=True)
        add_policy(library, "未解读的重大政策", is_major=True)
        add_policy(library, "一般政策", is_major=False)
        add_interpretation(interpretation_column_of(county), "解读", policies=[interpreted])
    with travel(2024, 3, 1, 9, 0):
        add_policy(library, "去年的重大政策", is_major=True)
    with travel(2025, 12, 5, 9, 0):
        report = site_year(county.home, YEAR)
    assert (report.major_policies, report.interpreted_policies) == (2, 1)
    assert report.interpretation_share == 50.0


# --- Veto items from the snapshots ---------------------------------------------------------------------


def snapshot(home, day, score, failing=(), warning=()):
    items = []
    for item in ITEMS:
        status = "fail" if item.key in failing else "warning" if item.key in warning else "pass"
        items.append(
            {
                "key": item.key,
                "status": status,
                "value": 0,
                "line": None,
                "warning_at": None,
                "deduction": 0,
                "since": day.isoformat(),
                "evidence": [],
            }
        )
    overall = "fail" if failing else "warning" if warning else "pass"
    return SiteAudit.objects.create(home=home, date=day, status=overall, score=score, items=items)


def test_veto_days_ranges_and_scores_from_the_snapshots(site_group):
    home = site_group.county_a.home
    day = datetime.date
    snapshot(home, day(2024, 12, 31), 10, failing={"home_update"})  # last year's
    snapshot(home, day(2025, 1, 1), 90, warning={"home_update"})
    snapshot(home, day(2025, 1, 2), 80, failing={"home_update"})
    snapshot(home, day(2025, 1, 3), 70, failing={"home_update", "blank_columns"})
    snapshot(home, day(2025, 1, 5), 60, failing={"home_update"})
    snapshot(home, day(2025, 1, 6), 100)
    snapshot(site_group.county_b.home, day(2025, 1, 6), 0, failing={"channels"})
    with travel(2025, 12, 5, 9, 0):
        report = site_year(home, YEAR)
    vetoes = {veto.item.key: veto for veto in report.vetoes}
    assert set(vetoes) == {item.key for item in ITEMS if item.veto}
    assert (vetoes["home_update"].fail_days, vetoes["home_update"].warning_days) == (3, 1)
    assert vetoes["home_update"].fail_ranges == [(day(2025, 1, 2), day(2025, 1, 3)), (day(2025, 1, 5), day(2025, 1, 5))]
    assert vetoes["blank_columns"].fail_days == 1 and vetoes["channels"].fail_days == 0
    assert (report.audit_days, report.score_min, report.score_average, report.score_last) == (5, 60, 80.0, 100)


# --- The admin views --------------------------------------------------------------------------------------


def site_url(provisioned, **query):
    url = reverse("monitoring_annual_site_report", args=[provisioned.home.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def read_csv(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def read_xlsx(response):
    content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def county_a_year(site_group):
    county = site_group.county_a
    publish_article(news_column(county), (2025, 4, 1, 9, 0), "甲县文章")
    add_error_report(county, at(2025, 5, 5, 9, 0), datetime.date(2025, 5, 8))
    snapshot(county.home, datetime.date(2025, 4, 1), 88)
    return county


def test_site_report_page_is_printable_with_year_selector(client, county_a_year, county_a_staff):
    client.force_login(county_a_staff.administrator)
    with travel(2026, 1, 10, 9, 0):
        response = client.get(site_url(county_a_year, year=YEAR))
    assert response.status_code == 200
    html = response.content.decode()
    assert "@media print" in html and "size: A4" in html and "break-before: page" in html
    assert '<option value="2025" selected>' in html
    assert "甲县人民政府2025年度考核报告" in html
    for heading in ("单项否决指标", "栏目更新", "互动交流", "政策解读", "网站找错", "失效链接"):
        assert heading in html
    assert "data-deduction>3<" in html


def test_an_unknown_year_falls_back_to_the_current_year(client, county_a_year, county_a_staff):
    client.force_login(county_a_staff.administrator)
    with travel(2026, 1, 10, 9, 0):
        response = client.get(site_url(county_a_year, year="1999"))
    assert response.context["year"] == 2026


def test_site_report_csv_and_xlsx(client, county_a_year, county_a_staff):
    client.force_login(county_a_staff.administrator)
    with travel(2026, 1, 10, 9, 0):
        csv_rows = read_csv(client.get(site_url(county_a_year, year=YEAR, export="csv")))
        xlsx_rows = read_xlsx(client.get(site_url(county_a_year, year=YEAR, export="xlsx")))
    assert csv_rows[0] == ["类别", "项目", "数值", "说明"]
    assert ["栏目更新", "政务动态", "1", "4月 1"] in csv_rows or any(
        row[0] == "栏目更新" and row[2] == "1" and row[3] == "4月 1" for row in csv_rows
    )
    assert ["网站找错", "年度扣分", "3", ""] in csv_rows
    assert ["单项否决指标", "最近得分", "88", "合格"] in csv_rows
    assert xlsx_rows[0] == ["类别", "项目", "数值", "说明"]
    assert ["网站找错", "年度扣分", 3, None] in xlsx_rows


def test_group_report_lists_every_site_for_the_platform_with_totals_and_downloads(
    client, county_a_year, make_user, django_user_model
):
    superuser = django_user_model.objects.create_superuser("annual-root", "root@example.com", "x")
    client.force_login(superuser)
    with travel(2026, 1, 10, 9, 0):
        response = client.get(reverse("monitoring_annual_report"), {"year": YEAR})
        csv_rows = read_csv(client.get(reverse("monitoring_annual_report"), {"year": YEAR, "export": "csv"}))
        xlsx_rows = read_xlsx(client.get(reverse("monitoring_annual_report"), {"year": YEAR, "export": "xlsx"}))
    assert response.status_code == 200
    titles = [report.home.title for report, _row in response.context["lines"]]
    assert titles[0] == "示例市人民政府"
    assert {"甲县人民政府", "乙县人民政府", "示例市教育局"} <= set(titles)
    assert site_url(county_a_year) + f"?year={YEAR}" in response.content.decode()
    assert csv_rows[0][:3] == ["站点", "最近结论", "最近得分"]
    assert csv_rows[-1][0] == "合计"
    county_row = next(row for row in csv_rows if row[0] == "甲县人民政府")
    assert county_row[5] == "1"  # 栏目更新
    assert county_row[15] == "3"  # 找错扣分
    assert [row[0] for row in xlsx_rows] == [row[0] for row in csv_rows]


def test_group_report_detail_prints_every_sites_report_on_its_own_page(
    client, site_group, county_a_year, county_a_staff
):
    client.force_login(county_a_staff.administrator)
    with travel(2026, 1, 10, 9, 0):
        plain = client.get(reverse("monitoring_annual_report"), {"year": YEAR}).content.decode()
        detail = client.get(reverse("monitoring_annual_report"), {"year": YEAR, "detail": "1"}).content.decode()
    assert 'class="annual-page"' not in plain and "detail=1" in plain
    assert detail.count('class="annual-page"') == 1 and "甲县人民政府2025年度考核报告" in detail


def test_group_report_ordering_puts_the_portal_first(site_group):
    homes = [site_group.department.home, site_group.county_b.home, site_group.portal.home, site_group.county_a.home]
    with travel(2026, 1, 10, 9, 0):
        reports = group_year(homes, YEAR)
    assert [report.home.pk for report in reports][0] == site_group.portal.home.pk
    assert [report.home.path for report in reports[1:]] == sorted(report.home.path for report in reports[1:])


def test_a_county_administrator_sees_their_own_report_only(client, site_group, county_a_year, county_a_staff):
    client.force_login(county_a_staff.administrator)
    with travel(2026, 1, 10, 9, 0):
        assert client.get(site_url(site_group.county_a)).status_code == 200  # positive control
        refused = client.get(site_url(site_group.county_b))
        refused_export = client.get(site_url(site_group.county_b, export="csv"))
        refused_portal = client.get(site_url(site_group.portal))
        group = client.get(reverse("monitoring_annual_report"), {"year": YEAR})
        group_csv = read_csv(client.get(reverse("monitoring_annual_report"), {"year": YEAR, "export": "csv"}))
    assert refused.status_code == 404 and refused_export.status_code == 404 and refused_portal.status_code == 404
    assert [report.home.pk for report, _row in group.context["lines"]] == [site_group.county_a.home.pk]
    assert [row[0] for row in csv_rows_without_header(group_csv)] == ["甲县人民政府", "合计"]


def csv_rows_without_header(rows):
    return rows[1:]


def test_staff_without_the_scorecard_permission_are_refused(client, site_group, county_a_staff):
    client.force_login(county_a_staff.officer)
    for url in (site_url(site_group.county_a), reverse("monitoring_annual_report")):
        response = client.get(url)
        assert response.status_code != 200
    menu = client.get(reverse("wagtailadmin_account")).content.decode()
    assert reverse("monitoring_annual_report") not in menu


def test_the_reports_menu_offers_the_annual_report(client, county_a_staff):
    client.force_login(county_a_staff.administrator)
    menu = client.get(reverse("wagtailadmin_account")).content.decode()
    assert f'"{reverse("monitoring_annual_report")}"' in menu
