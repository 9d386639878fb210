"""Admin hook functions of the release reports: their URLs and menu entries; registered in release/wagtail_hooks.py."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from release.reports.views import AuditLogReportView, ReleaseReportMenuItem, StatisticsReportView


def register_report_urls():
    return [
        path("reports/release-audit/", AuditLogReportView.as_view(), name="release_audit_report"),
        path(
            "reports/release-audit/results/",
            AuditLogReportView.as_view(results_only=True),
            name="release_audit_report_results",
        ),
        path("reports/release-statistics/", StatisticsReportView.as_view(), name="release_statistics_report"),
        path(
            "reports/release-statistics/results/",
            StatisticsReportView.as_view(results_only=True),
            name="release_statistics_report_results",
        ),
    ]


def register_audit_report_menu_item():
    return ReleaseReportMenuItem(
        _("发布审核记录"), reverse("release_audit_report"), name="release-audit", icon_name="history", order=1010
    )


def register_statistics_report_menu_item():
    return ReleaseReportMenuItem(
        _("信息报送统计"),
        reverse("release_statistics_report"),
        name="release-statistics",
        icon_name="table",
        order=1020,
    )
