"""Admin integration of the release app.

Each registration is its own function; other parts of the release app add theirs here.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from govcms.core.provisioning import PROVISION_SITE_HOOK, PROVISIONED_SITE_WARNINGS_HOOK
from govcms.core.scope import SiteScope
from release.reports import AuditLogReportView, StatisticsReportView
from release.workflows import provision_release_workflow, understaffed_warnings

# --- Reports: 发布审核记录 and 信息报送统计 (release.reports) ---------------------------------


@hooks.register("register_admin_urls")
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


class ReleaseReportMenuItem(MenuItem):
    def is_shown(self, request):
        return SiteScope.of(request.user).sees_any_site


@hooks.register("register_reports_menu_item")
def register_audit_report_menu_item():
    return ReleaseReportMenuItem(
        _("发布审核记录"), reverse("release_audit_report"), name="release-audit", icon_name="history", order=1010
    )


@hooks.register("register_reports_menu_item")
def register_statistics_report_menu_item():
    return ReleaseReportMenuItem(
        _("信息报送统计"),
        reverse("release_statistics_report"),
        name="release-statistics",
        icon_name="table",
        order=1020,
    )


# --- Provisioning: every site's 三审 workflow (release.workflows) --------------------------------

hooks.register(PROVISION_SITE_HOOK, provision_release_workflow)
hooks.register(PROVISIONED_SITE_WARNINGS_HOOK, understaffed_warnings)
