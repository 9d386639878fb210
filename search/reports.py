"""搜索词统计: what the public searched for (热词) and what found nothing (零结果), for staff.

A Wagtail report view, with its filter drawer and XLSX/CSV export. Platform-wide
users see every site; site staff the sites inside the subtrees they work in
(`govcms.core.scope.SiteScope`).
"""

from datetime import timedelta

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Site

from govcms.core.scope import SiteScope
from govcms.core.spreadsheets import ChineseSpreadsheetMixin
from search.models import QueryLog

DEFAULT_DAYS = 30
OTHER_PERIODS = (7, 365)
ZERO_RESULTS = "zero"


def visible_sites(user):
    """The sites whose home lies in the user's scope."""
    return Site.objects.filter(SiteScope.of(user).pages_q("root_page__path")).order_by("root_page__path")


class QueryFilterSet(WagtailFilterSet):
    """The site narrows the search log; the period and the kind of list are read by the view (`options`)."""

    site = django_filters.ModelChoiceFilter(
        label=_("站点"), empty_label=_("全部可见站点"), queryset=lambda request: visible_sites(request.user)
    )
    days = django_filters.ChoiceFilter(
        label=_("时间范围"),
        empty_label=_("最近 %(days)d 天") % {"days": DEFAULT_DAYS},
        choices=[(days, _("最近 %(days)d 天") % {"days": days}) for days in OTHER_PERIODS],
        method="keep",
    )
    kind = django_filters.ChoiceFilter(
        label=_("搜索词"),
        empty_label=_("热词（全部搜索词）"),
        choices=[(ZERO_RESULTS, _("零结果搜索词"))],
        help_text=_("零结果搜索词没有找到任何内容：可考虑补充内容，或在“推荐结果”中为其指定页面。"),
        method="keep",
    )

    class Meta:
        model = QueryLog
        fields = []

    def keep(self, queryset, name, value):
        return queryset

    def options(self):
        """The period in days and whether only zero-result queries are asked for; defaults for the rest."""
        self.is_valid()
        data = self.form.cleaned_data
        return int(data.get("days") or DEFAULT_DAYS), data.get("kind") == ZERO_RESULTS


class QueryReportView(ChineseSpreadsheetMixin, ReportView):
    page_title = _("搜索词统计")
    header_icon = "search"
    index_url_name = "search_query_report"
    index_results_url_name = "search_query_report_results"
    filterset_class = QueryFilterSet
    verbose_name_plural = _("搜索词")
    columns = [
        Column("query_string", label=_("搜索词")),
        NumberColumn("hits", label=_("搜索次数")),
        NumberColumn("zero", label=_("无结果次数")),
    ]
    list_export = ["query_string", "hits", "zero"]
    export_headings = {"query_string": _("搜索词"), "hits": _("搜索次数"), "zero": _("无结果次数")}

    def dispatch(self, request, *args, **kwargs):
        if not visible_sites(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        # Another site's id is refused rather than ignored, as the report did before it had filters.
        if self.filters and "site" in self.filters.errors:
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def get_filename(self):
        return f"search-queries-{timezone.localdate().isoformat()}"

    @cached_property
    def options(self):
        return self.filters.options()

    def get_queryset(self):
        days, _zero_only = self.options
        since = timezone.localdate() - timedelta(days=days)
        return QueryLog.objects.filter(site__in=visible_sites(self.request.user), date__gt=since)

    def get_filtered_queryset(self):
        """Each query's searches and zero-result searches added up over the chosen sites and period."""
        _days, zero_only = self.options
        totals = (
            self.filter_queryset(self.get_queryset())
            .values("query_string")
            .annotate(hits=Sum("hits"), zero=Sum("zero_result_hits"))
        )
        if zero_only:
            return totals.filter(zero__gt=0).order_by("-zero", "query_string")
        return totals.order_by("-hits", "query_string")
