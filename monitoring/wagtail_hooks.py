"""Admin integration of the monitoring app. Each part registers in its own section below."""

from wagtail import hooks

from govcms.core.provisioning import PROVISION_SITE_HOOK, SITE_ROLE_PERMISSIONS_HOOK
from monitoring.provisioning import provision_monitoring, site_role_permissions

# Provisioning: the site's 管理员 and 编辑 get their monitoring rights, which the 安全管理员 may staff.
hooks.register(PROVISION_SITE_HOOK, provision_monitoring)
hooks.register(SITE_ROLE_PERMISSIONS_HOOK, site_role_permissions)


# --- 年度考核报告 (issue 16 item 6): the annual report per site and for the site group ----------------------

from django.urls import path, reverse  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402
from wagtail.admin.menu import MenuItem  # noqa: E402

from monitoring.annual_views import (  # noqa: E402
    GroupAnnualReportView,
    SiteAnnualReportView,
    may_view_annual_reports,
)


@hooks.register("register_admin_urls")
def register_annual_report_urls():
    return [
        path("monitoring/annual/", GroupAnnualReportView.as_view(), name="monitoring_annual_report"),
        path(
            "monitoring/annual/<int:site_id>/",
            SiteAnnualReportView.as_view(),
            name="monitoring_annual_site_report",
        ),
    ]


class AnnualReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view_annual_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_annual_report_menu_item():
    return AnnualReportMenuItem(
        _("年度考核报告"), reverse("monitoring_annual_report"), name="annual-report", icon_name="table", order=1060
    )


# --- 网站找错 and 页面评价 (monitoring.error_reports; public forms in monitoring.public_views) ------------
from monitoring import error_reports  # noqa: E402

hooks.register("register_admin_urls", error_reports.register_urls)
hooks.register("register_log_actions", error_reports.register_log_actions)
# 网站找错 and 页面评价 in the Reports menu (the 监测考核 menu may gather them later).
hooks.register("register_reports_menu_item", error_reports.error_reports_menu_item)
hooks.register("register_reports_menu_item", error_reports.page_feedback_menu_item)


# --- 监测考核 (issue 16 items 3 and 4): site list, scorecards, dashboard panel, merging and closing columns --
from wagtail.admin.ui.menus.pages import PageMenuItem  # noqa: E402

from govcms.core.tree import site_home_of  # noqa: E402
from home.models import ColumnPage  # noqa: E402
from monitoring import admin_urls as scorecard_urls  # noqa: E402
from monitoring import admin_views as scorecard_views  # noqa: E402
from monitoring import columns as column_lifecycle  # noqa: E402
from monitoring.scorecard import may_view_scorecards  # noqa: E402

hooks.register("register_admin_urls", scorecard_urls.register_admin_urls)
hooks.register("register_log_actions", column_lifecycle.register_log_actions)
hooks.register("construct_homepage_panels", scorecard_views.scorecard_panel)


class ScorecardMenuItem(MenuItem):
    """监测考核: for holders of monitoring.view_scorecard (a site's 管理员, the 系统管理员 and 审计管理员)."""

    def is_shown(self, request):
        return may_view_scorecards(request.user)


@hooks.register("register_admin_menu_item")
def register_scorecard_menu_item():
    return ScorecardMenuItem(
        scorecard_views.SITE_LIST_TITLE, reverse("monitoring_sites"), name="monitoring", icon_name="warning", order=260
    )


class ColumnLifecycleButton(PageMenuItem):
    """合并栏目 / 关闭栏目 in a live column's header menu, for the administrators of its site."""

    def is_shown(self, user):
        # specific_class comes from the content type cache: other pages cost no query.
        return (
            issubclass(self.page.specific_class or object, ColumnPage)
            and self.page.live
            and column_lifecycle.may_manage_columns(user, site_home_of(self.page))
        )


class MergeColumnButton(ColumnLifecycleButton):
    label = _("合并栏目")
    icon_name = "folder-inverse"
    url_name = "monitoring_merge_column"


class CloseColumnButton(ColumnLifecycleButton):
    label = _("关闭栏目")
    icon_name = "cross"
    url_name = "monitoring_close_column"


@hooks.register("register_page_header_buttons")
def column_lifecycle_header_buttons(page, user, view_name, next_url=None):
    yield MergeColumnButton(page=page, priority=80)
    yield CloseColumnButton(page=page, priority=81)


# --- 失效链接 (issue 16 item 2): the broken-link report under Reports ------------------------------------
from monitoring import link_views  # noqa: E402

hooks.register("register_admin_urls", link_views.register_urls)
hooks.register("register_reports_menu_item", link_views.broken_links_menu_item)
