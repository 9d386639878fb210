"""The demo's monitoring states (demo.monitoring): a healthy portal, a site at warning, a failing site, and two
months of snapshots for the trend charts. The demo is loaded once for the module (tests.demo.test_load_demo)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from wagtail.models import PageLogEntry

from demo.monitoring import BLANK_COLUMN, HISTORY_DAYS
from home.models import ArticlePage, HomePage
from monitoring.models import (
    AuditAlert,
    ErrorReport,
    ErrorReportStatus,
    LinkFinding,
    MonitoringSettings,
    PageFeedback,
    SiteAudit,
    Status,
)
from tests.demo import test_load_demo

pytestmark = pytest.mark.django_db

# The demo loaded once for this module, and the cache cleared around each test, as in test_load_demo.
demo = test_load_demo.demo
fresh_cache = test_load_demo.fresh_cache

PORTAL, WARNING_SITE, FAILING_SITE = "示例市人民政府", "青山区人民政府", "云溪县人民政府"


def today_audit(title):
    home = HomePage.objects.get(title=title, locale__language_code=settings.LANGUAGE_CODE)
    return SiteAudit.objects.get(home=home, date=timezone.localdate())


def evidence_titles(audit, key):
    return [entry["title"] for entry in audit.item(key)["evidence"]]


def test_demo_pages_are_logged_as_published_on_their_own_day(demo):
    old = ArticlePage.objects.filter(first_published_at__lt=timezone.now() - timedelta(days=30))
    assert old.exists()
    first_logged = dict(
        PageLogEntry.objects.filter(page__in=old, action="wagtail.publish")
        .values_list("page_id")
        .annotate(first=Min("timestamp"))
    )
    for page in old:
        assert first_logged[page.pk] == page.first_published_at, page.url_path


def test_the_portal_is_healthy(demo):
    audit = today_audit(PORTAL)
    assert audit.status == Status.PASS
    assert audit.score >= 95


def test_the_warning_site_is_at_warning_ahead_of_the_lines(demo):
    audit = today_audit(WARNING_SITE)
    assert audit.status == Status.WARNING
    home = audit.item("home_update")
    assert home["status"] == Status.WARNING and 10 <= home["value"] < 14
    assert "政务动态" in evidence_titles(audit, "stale_columns")  # due within days
    assert audit.item("stale_columns")["value"] == 0
    assert audit.item("overdue_letters")["status"] == Status.WARNING


def test_the_failing_site_shows_each_problem_in_its_evidence(demo):
    audit = today_audit(FAILING_SITE)
    assert audit.status == Status.FAIL
    assert audit.score < 95
    assert "政务动态" in evidence_titles(audit, "stale_columns")
    assert audit.item("stale_columns")["value"] == 1
    assert BLANK_COLUMN["title"] in evidence_titles(audit, "blank_columns")
    assert audit.item("overdue_letters")["value"] >= 1
    assert audit.item("letters_over_three_months")["status"] == Status.FAIL
    assert audit.item("error_reports")["value"] == 1
    assert audit.item("broken_links")["value"] == 1  # found by the internal link check: a deleted page
    assert "页面已删除" in audit.item("broken_links")["evidence"][0]["detail"]


def test_the_department_and_topic_sites_are_healthy_with_their_unused_columns_blank(demo):
    for title in ("示例市教育局", "示例市优化营商环境专题"):
        audit = today_audit(title)
        assert audit.status == Status.PASS, title
        assert set(evidence_titles(audit, "blank_columns")) == {"在线访谈", "网上调查"}, title


def test_the_portals_closed_consultation_has_its_feedback(demo):
    audit = today_audit(PORTAL)
    assert audit.item("consultation_feedback")["value"] == 0
    assert audit.item("blank_columns")["value"] == 0


def test_feedback_answered_reports_and_fixed_links_are_there_too(demo):
    assert ErrorReport.objects.filter(status=ErrorReportStatus.ANSWERED, site_home__title=PORTAL).exists()
    assert ErrorReport.objects.filter(status=ErrorReportStatus.OPEN, site_home__title=FAILING_SITE).exists()
    assert PageFeedback.objects.filter(helpful=True).exists() and PageFeedback.objects.filter(helpful=False).exists()
    assert LinkFinding.objects.filter(fixed_at__isnull=False).exists()
    assert LinkFinding.objects.filter(fixed_at__isnull=True).exists()


def test_every_site_has_two_months_of_snapshots_made_without_mail(demo):
    homes = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE, live=True)
    today = timezone.localdate()
    for home in homes:
        dates = set(SiteAudit.objects.filter(home=home).values_list("date", flat=True))
        assert len(dates) >= 30, home.title
        assert {today - timedelta(days=n) for n in range(HISTORY_DAYS + 1)} <= dates, home.title
    assert not AuditAlert.objects.exclude(date=today).exists()
    assert MonitoringSettings.load().send_alerts


def test_the_summary_prints_each_sites_status_and_score(demo):
    for title, status in ((PORTAL, "合格"), (WARNING_SITE, "预警"), (FAILING_SITE, "不合格")):
        score = today_audit(title).score
        assert f"  {title}：{status}，{score} 分" in demo
