"""The daily audit (monitoring.audit) against the national lines, with frozen clocks.

Pages are published the way editors publish them (a revision published at a moment, which Wagtail records in
its log), so "the publication record" is what the audit reads. Each line is tried the day before, on and after.
"""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from citizen_mailbox.models import MailboxPage, Status
from home.models import ArticlePage, ColumnPage, StandardPage
from monitoring.audit import audit_site, audit_sites
from monitoring.models import ErrorReport, MonitoringSettings, SiteAudit
from tests.citizen_mailbox.conftest import make_message
from tests.factories import UserFactory

NOON = datetime.time(12)


def moment(day):
    return timezone.make_aware(datetime.datetime.combine(day, NOON))


def column(result, slug):
    return ColumnPage.objects.descendant_of(result.home).get(slug=slug)


def publish_article(parent, day, title="文章", display_date=None):
    """An editor adds an article under `parent` and publishes it at noon on `day`."""
    with time_machine.travel(moment(day), tick=False):
        article = ArticlePage(title=title, date=display_date or day, source="办公室")
        parent.add_child(instance=article)
        article.save_revision().publish()
    return article


def audit_on(result, day):
    with time_machine.travel(moment(day), tick=False):
        return audit_site(result.home, today=day)


def item(audit, key):
    return audit.item(key)


def evidence_titles(audit, key):
    return [entry["title"] for entry in item(audit, key)["evidence"]]


@pytest.fixture
def quiet():
    """No alert mails unless a test asks for them."""
    settings = MonitoringSettings.load()
    settings.send_alerts = False
    settings.save()
    return settings


# --- column freshness --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_after", "stale"),
    [(13, False), (14, False), (15, True)],
    ids=["day before the line", "on the line", "after the line"],
)
def test_a_news_column_is_stale_more_than_two_weeks_after_its_last_article(site_group, quiet, days_after, stale):
    county = site_group.county_a
    published = datetime.date(2026, 3, 2)
    publish_article(column(county, "zwdt"), published)

    audit = audit_on(county, published + datetime.timedelta(days=days_after))

    stale_titles = [e["title"] for e in item(audit, "stale_columns")["evidence"] if "早于" in e["detail"]]
    assert ("政务动态" in stale_titles) is stale
    assert item(audit, "stale_columns")["value"] == (1 if stale else 0)


@pytest.mark.parametrize(
    ("audit_day", "stale"),
    [(datetime.date(2026, 7, 14), False), (datetime.date(2026, 7, 15), False), (datetime.date(2026, 7, 16), True)],
    ids=["day before the line", "on the line", "after the line"],
)
def test_a_notice_column_is_stale_more_than_six_calendar_months_after(site_group, quiet, audit_day, stale):
    county = site_group.county_a
    publish_article(column(county, "tzgg"), datetime.date(2026, 1, 15))

    audit = audit_on(county, audit_day)

    stale_titles = [e["title"] for e in item(audit, "stale_columns")["evidence"] if "早于" in e["detail"]]
    assert ("通知公告" in stale_titles) is stale


def test_a_column_near_its_limit_is_listed_as_due_soon(site_group, quiet):
    county = site_group.county_a
    publish_article(column(county, "zwdt"), datetime.date(2026, 3, 2))

    audit = audit_on(county, datetime.date(2026, 3, 13))  # 11 days: due within the 4-day warning

    entry = next(e for e in item(audit, "stale_columns")["evidence"] if e["title"] == "政务动态")
    assert entry["detail"] == "临期：2026-03-16 前须更新"


def test_a_back_dated_display_date_is_not_an_update(site_group, quiet):
    """The date an editor types is shown to readers; the audit reads when the page was really published."""
    county = site_group.county_a
    news = column(county, "zwdt")
    publish_article(news, datetime.date(2026, 3, 1), display_date=datetime.date(2026, 3, 20))

    audit = audit_on(county, datetime.date(2026, 3, 20))

    assert item(audit, "stale_columns")["value"] == 1
    assert "政务动态" in evidence_titles(audit, "stale_columns")


def test_a_forward_dated_old_display_date_still_counts_when_published_now(site_group, quiet):
    county = site_group.county_a
    publish_article(column(county, "zwdt"), datetime.date(2026, 3, 20), display_date=datetime.date(2024, 1, 1))

    audit = audit_on(county, datetime.date(2026, 3, 21))

    assert item(audit, "stale_columns")["value"] == 0


def test_a_page_scheduled_for_the_future_is_not_an_update(site_group, quiet):
    county = site_group.county_a
    news = column(county, "zwdt")
    publish_article(news, datetime.date(2026, 3, 1))
    with time_machine.travel(moment(datetime.date(2026, 3, 20)), tick=False):
        go_live_at = moment(datetime.date(2026, 3, 25))
        scheduled = ArticlePage(title="预约发布", source="办公室", live=False, go_live_at=go_live_at)
        news.add_child(instance=scheduled)
        scheduled.save_revision().publish()

    audit = audit_on(county, datetime.date(2026, 3, 20))

    assert not ArticlePage.objects.get(pk=scheduled.pk).live
    assert item(audit, "stale_columns")["value"] == 1


def test_republishing_an_old_article_is_an_edit_not_an_update(site_group, quiet):
    county = site_group.county_a
    article = publish_article(column(county, "zwdt"), datetime.date(2026, 3, 1))
    with time_machine.travel(moment(datetime.date(2026, 3, 19)), tick=False):
        article.title = "修改后的标题"
        article.save_revision().publish()

    audit = audit_on(county, datetime.date(2026, 3, 20))

    assert item(audit, "stale_columns")["value"] == 1


def test_an_earlier_days_audit_ignores_later_publications(site_group, quiet):
    county = site_group.county_a
    news = column(county, "zwdt")
    publish_article(news, datetime.date(2026, 3, 1))
    publish_article(news, datetime.date(2026, 3, 19))

    audit = audit_on(county, datetime.date(2026, 3, 16))

    assert item(audit, "stale_columns")["value"] == 1


def test_five_stale_columns_fail_the_site_and_three_warn(site_group, quiet):
    county = site_group.county_a
    news = column(county, "zwdt")
    subcolumns = []
    for number in range(5):
        sub = ColumnPage(title=f"动态{number}", slug=f"dt{number}", update_category="news")
        news.add_child(instance=sub)
        sub.save_revision().publish()
        subcolumns.append(sub)
        publish_article(sub, datetime.date(2026, 3, 1))

    failing = audit_on(county, datetime.date(2026, 3, 20))
    assert (item(failing, "stale_columns")["value"], item(failing, "stale_columns")["status"]) == (5, "fail")
    assert failing.status == "fail"

    for sub in subcolumns[:2]:
        publish_article(sub, datetime.date(2026, 3, 19))
    warned = audit_on(county, datetime.date(2026, 3, 20))
    assert (item(warned, "stale_columns")["value"], item(warned, "stale_columns")["status"]) == (3, "warning")


def test_a_column_that_only_groups_sub_columns_is_assessed_through_them(site_group, quiet):
    """政务公开 holds the policy library, 通知公告…: it is neither blank nor stale itself."""
    county = site_group.county_a
    audit = audit_on(county, datetime.date(2026, 3, 20))

    assert "政务公开" not in evidence_titles(audit, "blank_columns")
    assert "通知公告" in evidence_titles(audit, "blank_columns")


# --- blank columns ------------------------------------------------------------------------------------------


def test_blank_columns_warn_at_three_and_fail_at_five(site_group, quiet):
    county = site_group.county_a
    baseline = item(audit_on(county, datetime.date(2026, 3, 20)), "blank_columns")["value"]
    for number in range(5):
        sub = ColumnPage(title=f"空栏目{number}", slug=f"kong{number}")
        county.home.add_child(instance=sub)
        sub.save_revision().publish()
        count = baseline + number + 1
        audit = audit_on(county, datetime.date(2026, 3, 20))
        expected = "fail" if count >= 5 else "warning" if count >= 3 else "pass"
        assert (item(audit, "blank_columns")["value"], item(audit, "blank_columns")["status"]) == (count, expected)


def test_a_closed_column_stops_counting(site_group, quiet):
    county = site_group.county_a
    notices = column(county, "tzgg")
    before = audit_on(county, datetime.date(2026, 3, 20))
    assert "通知公告" in evidence_titles(before, "blank_columns")

    notices.unpublish()

    after = audit_on(county, datetime.date(2026, 3, 20))
    assert "通知公告" not in evidence_titles(after, "blank_columns")
    assert item(after, "blank_columns")["value"] == item(before, "blank_columns")["value"] - 1


def test_an_undated_page_makes_a_column_not_blank_but_is_no_update(site_group, quiet):
    county = site_group.county_a
    services = column(county, "bsfw")
    with time_machine.travel(moment(datetime.date(2026, 3, 19)), tick=False):
        guide = StandardPage(title="办事指南")
        services.add_child(instance=guide)
        guide.save_revision().publish()

    audit = audit_on(county, datetime.date(2026, 3, 20))

    assert "办事服务" not in evidence_titles(audit, "blank_columns")
    assert item(audit, "home_update")["status"] == "fail"  # undated: the home counts as never updated
    assert item(audit, "channels")["status"] == "pass"


# --- the home page ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_after", "status"),
    [(9, "pass"), (10, "warning"), (13, "warning"), (14, "warning"), (15, "fail")],
)
def test_the_home_page_warns_at_ten_days_and_fails_after_two_weeks(site_group, quiet, days_after, status):
    county = site_group.county_a
    published = datetime.date(2026, 3, 2)
    publish_article(column(county, "zwdt"), published)

    audit = audit_on(county, published + datetime.timedelta(days=days_after))

    assert (item(audit, "home_update")["value"], item(audit, "home_update")["status"]) == (days_after, status)


def test_a_sub_sites_articles_are_not_its_parents_updates_unless_aggregated(site_group, quiet):
    portal, county = site_group.portal, site_group.county_a
    publish_article(column(county, "zwdt"), datetime.date(2026, 3, 19))

    assert item(audit_on(portal, datetime.date(2026, 3, 20)), "home_update")["status"] == "fail"

    aggregated = ColumnPage(title="区县动态", slug="qxdt", update_category="news", aggregate_subsites=True)
    portal.home.add_child(instance=aggregated)
    aggregated.save_revision().publish()
    audit = audit_on(portal, datetime.date(2026, 3, 20))
    assert (item(audit, "home_update")["status"], item(audit, "home_update")["value"]) == ("pass", 1)
    assert "区县动态" not in evidence_titles(audit, "blank_columns") + evidence_titles(audit, "stale_columns")


# --- interaction --------------------------------------------------------------------------------------------


def mailbox(result):
    return MailboxPage.objects.descendant_of(result.home).get()


@pytest.mark.parametrize(
    ("received", "status"),
    [
        (datetime.date(2025, 12, 19), "fail"),  # 3 months and a day before 2026-03-20
        (datetime.date(2025, 12, 20), "warning"),  # exactly 3 months: on the line, not over it
        (datetime.date(2026, 1, 19), "warning"),  # 60 days: heading there
        (datetime.date(2026, 1, 20), "pass"),
    ],
)
def test_an_open_letter_over_three_months_fails_the_site(site_group, quiet, received, status):
    county = site_group.county_a
    make_message(mailbox(county), received_at=moment(received))

    audit = audit_on(county, datetime.date(2026, 3, 20))

    assert item(audit, "letters_over_three_months")["status"] == status


def test_a_letter_answered_after_more_than_three_months_in_the_past_year_fails_the_site(site_group, quiet):
    county = site_group.county_a
    late = make_message(mailbox(county), received_at=moment(datetime.date(2025, 6, 1)))
    late.status, late.closed_at = Status.ANSWERED, moment(datetime.date(2025, 9, 2))
    late.save()
    long_ago = make_message(mailbox(county), received_at=moment(datetime.date(2024, 6, 1)))
    long_ago.status, long_ago.closed_at = Status.ANSWERED, moment(datetime.date(2024, 10, 1))
    long_ago.save()

    audit = audit_on(county, datetime.date(2026, 3, 20))

    letters = item(audit, "letters_over_three_months")
    assert (letters["status"], letters["value"]) == ("fail", 1)
    assert letters["evidence"][0]["title"] == str(late)


def test_overdue_letters_cost_two_points_each(site_group, quiet):
    county = site_group.county_a
    for _number in range(3):
        make_message(mailbox(county), received_at=moment(datetime.date(2026, 3, 2)))  # due 2026-03-11
    make_message(mailbox(county), received_at=moment(datetime.date(2026, 3, 19)))

    audit = audit_on(county, datetime.date(2026, 3, 20))

    letters = item(audit, "overdue_letters")
    assert (letters["status"], letters["value"], letters["deduction"]) == ("warning", 3, 6)


def test_an_error_report_overdue_across_a_holiday(site_group, quiet):
    """Received on 30 September 2026: the National Day holiday (1–7 October) is not counted, and Saturday
    10 October is a working day (调休)."""
    county = site_group.county_a
    with time_machine.travel(moment(datetime.date(2026, 9, 30)), tick=False):
        report = ErrorReport.objects.create(site_home=county.home, problem_type="typo", description="错别字")
    assert report.due_date == datetime.date(2026, 10, 10)

    on_time = audit_on(county, datetime.date(2026, 10, 10))
    late = audit_on(county, datetime.date(2026, 10, 11))

    assert item(on_time, "error_reports")["value"] == 0
    assert (item(late, "error_reports")["value"], item(late, "error_reports")["deduction"]) == (1, 3)


# --- score, since, snapshots and alerts ---------------------------------------------------------------------


def test_the_score_is_100_less_capped_deductions_and_under_60_fails(site_group, quiet):
    county = site_group.county_a
    with time_machine.travel(moment(datetime.date(2026, 3, 1)), tick=False):
        for _number in range(12):
            ErrorReport.objects.create(site_home=county.home, problem_type="typo", description="错别字")
        for _number in range(11):
            make_message(mailbox(county))

    audit = audit_on(county, datetime.date(2026, 3, 20))

    deductions = {entry["key"]: entry["deduction"] for entry in audit.items}
    assert deductions["error_reports"] == 30  # 12 × 3, capped at 30
    assert deductions["overdue_letters"] == 20  # 11 × 2, capped at 20
    assert audit.score == 100 - sum(deductions.values())
    assert audit.score < 60 and audit.status == "fail"


def test_since_is_kept_while_an_item_keeps_its_status(site_group, quiet):
    county = site_group.county_a
    publish_article(column(county, "zwdt"), datetime.date(2026, 3, 2))
    audit_on(county, datetime.date(2026, 3, 12))  # warning from day 10
    audit_on(county, datetime.date(2026, 3, 13))
    failing = audit_on(county, datetime.date(2026, 3, 17))

    second = SiteAudit.objects.get(home=county.home, date=datetime.date(2026, 3, 13))
    assert item(second, "home_update")["since"] == "2026-03-12"
    assert item(failing, "home_update")["since"] == "2026-03-17"


def test_running_twice_a_day_keeps_one_snapshot(site_group, quiet):
    county = site_group.county_a
    audit_on(county, datetime.date(2026, 3, 20))
    audit_on(county, datetime.date(2026, 3, 20))

    assert SiteAudit.objects.filter(home=county.home, date=datetime.date(2026, 3, 20)).count() == 1


def test_a_worsened_item_is_mailed_to_the_sites_administrators_once_a_day(site_group):
    county = site_group.county_a
    administrator = UserFactory(groups=[county.groups["管理员"]], email="admin@county-a.example.gov.cn")
    UserFactory(groups=[county.groups["编辑"]], email="editor@county-a.example.gov.cn")
    UserFactory(groups=[site_group.county_b.groups["管理员"]], email="admin@county-b.example.gov.cn")
    publish_article(column(county, "zwdt"), datetime.date(2026, 3, 2))
    audit_on(county, datetime.date(2026, 3, 5))
    mail.outbox.clear()

    audit_on(county, datetime.date(2026, 3, 12))  # the home page turns to warning
    audit_on(county, datetime.date(2026, 3, 12))  # 立即监测 again the same day
    audit_on(county, datetime.date(2026, 3, 13))  # still a warning: nothing new

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [administrator.email]
    assert "甲县人民政府" in message.subject
    assert "首页更新：预警（10）" in message.body


def test_the_audit_of_every_site_costs_the_same_queries_for_more_pages(site_group, quiet):
    news = column(site_group.county_a, "zwdt")
    publish_article(news, datetime.date(2026, 3, 2))
    with time_machine.travel(moment(datetime.date(2026, 3, 20)), tick=False), CaptureQueriesContext(connection) as few:
        audit_sites(today=datetime.date(2026, 3, 20))
    for number in range(10):
        publish_article(news, datetime.date(2026, 3, 3), title=f"更多{number}")
    with time_machine.travel(moment(datetime.date(2026, 3, 20)), tick=False), CaptureQueriesContext(connection) as many:
        audit_sites(today=datetime.date(2026, 3, 20))

    assert len(many.captured_queries) == len(few.captured_queries)
