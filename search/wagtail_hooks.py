"""Admin integration: the 搜索词统计 report for staff."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.reports import QueryReportView, visible_sites


class QueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return visible_sites(request.user).exists()


@hooks.register("register_admin_urls")
def register_query_report_urls():
    return [
        path("reports/search-queries/", QueryReportView.as_view(), name="search_query_report"),
        path(
            "reports/search-queries/results/",
            QueryReportView.as_view(results_only=True),
            name="search_query_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_query_report_menu_item():
    return QueryReportMenuItem(
        _("搜索词统计"), reverse("search_query_report"), name="search-queries", icon_name="search", order=1100
    )
