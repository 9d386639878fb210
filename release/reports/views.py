"""Admin reports of the release process: 发布审核记录 (audit log) and 信息报送统计 (statistics).

Both are Wagtail report views, with Wagtail's filter drawer and XLSX/CSV
export, scoped to the sites of the user (govcms.core.scope.SiteScope; `release.reports.scoping`
places log entries in their sites).
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.generic.history import HistoryFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, PageLogEntry, WorkflowState

from govcms.core.scope import SiteScope
from govcms.core.spreadsheets import ChineseSpreadsheetMixin, local_time_text
from govcms.core.tree import SiteIndex
from release.reports import statistics
from release.reports.scoping import log_entries_of_site, recorded_paths, visible_log_entries


class SiteStaffOnlyMixin:
    """The release reports are for platform administrators and site staff."""

    def dispatch(self, request, *args, **kwargs):
        if not SiteScope.of(request.user).sees_any_site:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ReleaseReportMenuItem(MenuItem):
    """The menu entry of a report that SiteStaffOnlyMixin opens: shown to those it lets in."""

    def is_shown(self, request):
        return SiteScope.of(request.user).sees_any_site


def site_filter(method):
    """A choice of the sites the user may see; any other site is an invalid choice, not a way in."""
    return django_filters.ModelChoiceFilter(
        label=_("站点"), queryset=lambda request: SiteScope.of(request.user).site_homes(), method=method
    )


class AuditLogFilterSet(HistoryFilterSet):
    """Wagtail's history filters (action, user, date) plus site and title.

    The view passes the user's visible entries as the queryset, so the action
    and user choices name only what the user may see, and a site or user from
    elsewhere is an invalid choice rather than a way in.
    """

    site = site_filter("filter_site")
    label = django_filters.CharFilter(label=_("标题"), lookup_expr="icontains")

    class Meta:
        model = PageLogEntry
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "action" in self.filters:  # Wagtail drops filters that have no choices
            self.filters["action"].label = _("操作")  # as the column is called

    def filter_site(self, queryset, name, site):
        return log_entries_of_site(queryset, site) if site else queryset


class AuditLogReportView(SiteStaffOnlyMixin, ChineseSpreadsheetMixin, ReportView):
    page_title = _("发布审核记录")
    header_icon = "history"
    index_url_name = "release_audit_report"
    index_results_url_name = "release_audit_report_results"
    filterset_class = AuditLogFilterSet
    verbose_name_plural = _("记录")
    columns = [
        Column("time", label=_("时间"), accessor=lambda entry: local_time_text(entry.timestamp)),
        Column("site_title", label=_("站点")),
        TitleColumn("label", label=_("标题"), get_url=lambda entry: entry.edit_url),
        Column("action_label", label=_("操作")),
        Column("message", label=_("说明")),
        Column("comment", label=_("意见")),
        Column("user_display_name", label=_("用户")),
    ]
    list_export = [
        "timestamp",
        "site_title",
        "label",
        "page_id",
        "action_label",
        "message",
        "comment",
        "user_display_name",
    ]
    export_headings = {
        "timestamp": _("时间"),
        "site_title": _("站点"),
        "label": _("标题"),
        "page_id": _("页面ID"),
        "action_label": _("操作"),
        "message": _("说明"),
        "comment": _("意见"),
        "user_display_name": _("用户"),
    }

    def get_filename(self):
        return f"release-audit-{timezone.localdate().isoformat()}"

    @cached_property
    def visible_entries(self):
        return visible_log_entries(self.request.user)

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "queryset": self.visible_entries}

    def get_base_queryset(self):
        return self.visible_entries.select_related("user").order_by("-timestamp", "-pk")

    def decorate_paginated_queryset(self, entries):
        """Name each entry's site and action, and link the pages the user may edit."""
        entries = list(entries)
        pages = Page.objects.in_bulk({entry.page_id for entry in entries})
        deleted_paths = recorded_paths({entry.page_id for entry in entries} - set(pages))
        sites = SiteIndex()
        url_finder = AdminURLFinder(self.request.user)
        for entry in entries:
            page = pages.get(entry.page_id)
            site = sites.site_for_path(page.path if page else deleted_paths.get(entry.page_id))
            entry.site_title = site.title if site else ""
            # Spreadsheets get no links, and finding them means a permission check per page.
            entry.edit_url = url_finder.get_edit_url(page) if page and not self.is_export else None
            entry.action_label = entry.formatter.label if entry.formatter else entry.action
        return entries


class StatisticsFilterSet(WagtailFilterSet):
    """The report's options, in Wagtail's filter drawer.

    The statistics are counted by `release.reports.statistics` from these options
    (see `options`), not by narrowing a queryset, so the filters keep it as it is.
    """

    site = site_filter("keep")
    year = django_filters.ChoiceFilter(label=_("年份"), empty_label=_("今年"), method="keep")
    month = django_filters.ChoiceFilter(
        label=_("月份"),
        empty_label=_("全年"),
        choices=[(month, _("%(month)d月") % {"month": month}) for month in range(1, 13)],
        method="keep",
    )
    granularity = django_filters.ChoiceFilter(
        label=_("统计周期"), empty_label=None, choices=statistics.GRANULARITY_CHOICES, method="keep"
    )
    dimension = django_filters.ChoiceFilter(
        label=_("统计维度"), empty_label=None, choices=statistics.DIMENSION_CHOICES, method="keep"
    )

    class Meta:
        model = WorkflowState
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        years = range(this_year, min(statistics.first_year(), this_year) - 1, -1)
        self.filters["year"].extra["choices"] = [(year, _("%(year)d年") % {"year": year}) for year in years]

    def keep(self, queryset, name, value):
        return queryset

    def options(self):
        """The chosen options, with defaults for those not given (or not valid)."""
        self.is_valid()
        data = self.form.cleaned_data
        year = int(data.get("year") or timezone.localdate().year)
        month = int(data["month"]) if data.get("month") else None
        return {
            "window": statistics.Window(year, month),
            "site": data.get("site"),
            "granularity": data.get("granularity") or statistics.MONTH,
            "dimension": data.get("dimension") or statistics.BY_OFFICER,
        }


class StatisticsReportView(SiteStaffOnlyMixin, ChineseSpreadsheetMixin, ReportView):
    page_title = _("信息报送统计")
    header_icon = "table"
    index_url_name = "release_statistics_report"
    index_results_url_name = "release_statistics_report_results"
    results_template_name = "release/reports/statistics_results.html"
    filterset_class = StatisticsFilterSet
    paginate_by = 100
    export_headings = {
        "period": _("期间"),
        "site": _("站点"),
        "department": _("部门"),
        "officer": _("信息员"),
        "submitted": _("报送"),
        "published": _("采用"),
        "rejected": _("退回"),
        "median_display": _("采用中位时长"),
        "median_hours": _("采用中位时长（小时）"),
        "adopted": _("上级采用"),
        "returned": _("上级退回"),
    }

    def get_filename(self):
        return f"release-statistics-{timezone.localdate().isoformat()}"

    @cached_property
    def options(self):
        return self.filters.options()

    @cached_property
    def group_fields(self):
        """The columns naming the group of a row, which depend on the dimension chosen."""
        return {
            statistics.BY_OFFICER: ["site", "department", "officer"],
            statistics.BY_DEPARTMENT: ["department"],
            statistics.BY_SITE: ["site"],
        }[self.options["dimension"]]

    @property
    def columns(self):
        return [
            Column("period", label=self.export_headings["period"]),
            *[Column(name, label=self.export_headings[name]) for name in self.group_fields],
            NumberColumn("submitted", label=self.export_headings["submitted"]),
            NumberColumn("published", label=self.export_headings["published"]),
            NumberColumn("rejected", label=self.export_headings["rejected"]),
            Column("median_display", label=self.export_headings["median_display"]),
            NumberColumn("adopted", label=self.export_headings["adopted"]),
            NumberColumn("returned", label=self.export_headings["returned"]),
        ]

    @property
    def list_export(self):
        counts = ["submitted", "published", "rejected", "median_display", "median_hours", "adopted", "returned"]
        return ["period", *self.group_fields, *counts]

    def get_filtered_queryset(self):
        options = self.options
        return statistics.statistics_rows(
            self.request.user,
            options["window"],
            site=options["site"],
            granularity=options["granularity"],
            dimension=options["dimension"],
        )
