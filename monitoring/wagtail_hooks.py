"""Admin integration of the monitoring app: provisioning, URLs, the 监测考核 menu, the dashboard panel, log
actions and the column buttons. Each part registers in its own section below."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from govcms.core.provisioning import PROVISION_SITE_HOOK, SITE_ROLE_PERMISSIONS_HOOK
from govcms.core.tree import site_home_of
from home.models import ColumnPage
from monitoring import admin_urls as scorecard_urls
from monitoring import admin_views as scorecard_views
from monitoring import columns as column_lifecycle
from monitoring import error_reports, link_views
from monitoring.annual_views import GroupAnnualReportView, SiteAnnualReportView, may_view_annual_reports
from monitoring.provisioning import provision_monitoring, site_role_permissions
from monitoring.scorecard import may_view_scorecards

# --- Provisioning: the site's 管理员 and 编辑 get their monitoring rights, which the 安全管理员 may staff -----

hooks.register(PROVISION_SITE_HOOK, provision_monitoring)
hooks.register(SITE_ROLE_PERMISSIONS_HOOK, site_role_permissions)


# --- The 监测考核 menu: each entry is shown to those its view lets in; the menu only when one is ---------------

MONITORING_MENU_HOOK = "register_monitoring_menu_item"


@hooks.register("register_admin_menu_item")
def register_monitoring_menu():
    return SubmenuMenuItem(
        _("监测考核"), Menu(register_hook_name=MONITORING_MENU_HOOK), name="monitoring", icon_name="warning", order=260
    )


class ScorecardMenuItem(MenuItem):
    """站点监测: for holders of monitoring.view_scorecard (a site's 管理员, the 系统管理员 and 审计管理员)."""

    def is_shown(self, request):
        return may_view_scorecards(request.user)


@hooks.register(MONITORING_MENU_HOOK)
def register_scorecard_menu_item():
    return ScorecardMenuItem(
        _("站点监测"), reverse("monitoring_sites"), name="scorecards", icon_name="warning", order=10
    )


hooks.register(MONITORING_MENU_HOOK, error_reports.error_reports_menu_item)
hooks.register(MONITORING_MENU_HOOK, error_reports.page_feedback_menu_item)
hooks.register(MONITORING_MENU_HOOK, link_views.broken_links_menu_item)


class AnnualReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view_annual_reports(request.user)


@hooks.register(MONITORING_MENU_HOOK)
def register_annual_report_menu_item():
    return AnnualReportMenuItem(
        _("年度考核报告"), reverse("monitoring_annual_report"), name="annual-report", icon_name="table", order=60
    )


# --- URLs, log actions and the dashboard panel ----------------------------------------------------------------

hooks.register("register_admin_urls", scorecard_urls.register_admin_urls)
hooks.register("register_admin_urls", error_reports.register_urls)
hooks.register("register_admin_urls", link_views.register_urls)
hooks.register("register_log_actions", column_lifecycle.register_log_actions)
hooks.register("register_log_actions", error_reports.register_log_actions)
hooks.register("construct_homepage_panels", scorecard_views.scorecard_panel)


@hooks.register("register_admin_urls")
def register_annual_report_urls():
    return [
        path("monitoring/annual/", GroupAnnualReportView.as_view(), name="monitoring_annual_report"),
        path("monitoring/annual/<int:site_id>/", SiteAnnualReportView.as_view(), name="monitoring_annual_site_report"),
    ]


# --- 合并栏目 / 关闭栏目 in a live column's header menu, for the administrators of its site -------------------


class ColumnLifecycleButton(PageMenuItem):
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
