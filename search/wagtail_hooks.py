"""Admin integration: the 搜索词统计 report for staff."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.reports import query_report, visible_sites


class QueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(visible_sites(request.user))


@hooks.register("register_admin_urls")
def register_query_report_url():
    return [path("reports/search-queries/", query_report, name="search_query_report")]


@hooks.register("register_reports_menu_item")
def register_query_report_menu_item():
    return QueryReportMenuItem(
        _("搜索词统计"), reverse("search_query_report"), name="search-queries", icon_name="search", order=1100
    )
