"""年度考核报告 in the admin: one site's report, and the site group's table; printable, and as CSV and XLSX.

Who: holders of monitoring.view_scorecard, for the sites of their scope (govcms.core.scope.SiteScope).
Platform-wide users see every site; a site's 管理员 sees the reports of their sites (and the sites below),
and the group table limited to those sites. The site id in the URL is checked against the scope on the server.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import Locale

from govcms.core.scope import SiteScope
from govcms.core.spreadsheets import ChineseSpreadsheetMixin
from monitoring.annual import GROUP_HEADINGS, MONTHS, group_row, group_totals, group_year, site_rows, site_year
from monitoring.scorecard import MAX_PAGE_ID

PERMISSION = "monitoring.view_scorecard"
YEARS_OFFERED = 6


def may_view_annual_reports(user):
    return user.has_perm(PERMISSION) and SiteScope.of(user).sees_any_site


def annual_report_homes(user):
    """The sites whose annual report `user` may read: the site homes of their scope, in the default locale
    (an English home is a version of its Chinese site, assessed with it, as audit_sites does)."""
    return SiteScope.of(user).site_homes().filter(locale=Locale.get_default())


class AnnualReportMixin(ChineseSpreadsheetMixin, SpreadsheetExportMixin):
    def dispatch(self, request, *args, **kwargs):
        if not may_view_annual_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.today = timezone.localdate()
        self.years = list(range(self.today.year, self.today.year - YEARS_OFFERED, -1))
        try:
            year = int(request.GET.get("year", ""))
        except ValueError:
            year = self.today.year
        # Only the years offered: anything else is the current year.
        self.year = year if year in self.years else self.today.year

    def get(self, request, *args, **kwargs):
        rows = self.get_rows()
        if self.is_export:
            return self.as_spreadsheet(rows, request.GET["export"])
        return self.render_to_response(self.get_context_data(rows=rows, **kwargs))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            year=self.year,
            years=self.years,
            csv_url=self.export_url("csv"),
            xlsx_url=self.export_url("xlsx"),
            months=list(MONTHS),
            generated_at=timezone.now(),
        )
        return context

    def export_url(self, export_format):
        return f"{self.request.path}?year={self.year}&export={export_format}"


class SiteAnnualReportView(AnnualReportMixin, TemplateView):
    template_name = "monitoring/annual/site_report.html"
    list_export = ["section", "item", "value", "detail"]
    export_headings = {"section": _("类别"), "item": _("项目"), "value": _("数值"), "detail": _("说明")}

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.home = None

    def dispatch(self, request, *args, **kwargs):
        if may_view_annual_reports(request.user):
            # The site must lie in the user's scope: another site's id is not found, whoever asks.
            site_id = kwargs["site_id"]
            self.home = annual_report_homes(request.user).filter(pk=site_id).first() if site_id <= MAX_PAGE_ID else None
            if self.home is None:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_rows(self):
        self.report = site_year(self.home, self.year, today=self.today)
        return site_rows(self.report)

    def get_filename(self):
        return f"annual-report-{self.home.slug}-{self.year}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            report=self.report,
            home=self.home,
            back_url=f"{reverse('monitoring_annual_report')}?year={self.year}",
            back_label=_("站群年度考核报告"),
        )
        return context


class GroupAnnualReportView(AnnualReportMixin, TemplateView):
    template_name = "monitoring/annual/group_report.html"
    list_export = list(GROUP_HEADINGS)
    export_headings = GROUP_HEADINGS

    def get_rows(self):
        homes = annual_report_homes(self.request.user).only("pk", "path", "title", "kind", "depth", "slug")
        self.reports = group_year(list(homes), self.year, today=self.today)
        rows = [group_row(report) for report in self.reports]
        if self.is_export and rows:
            rows.append(group_totals(self.reports))
        return rows

    def get_filename(self):
        return f"annual-report-group-{self.year}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            lines=list(zip(self.reports, context["rows"], strict=True)),
            totals=group_totals(self.reports) if self.reports else None,
            headings=GROUP_HEADINGS,
            # ?detail=1: every site's full report after the table, one site per printed page.
            detail=self.request.GET.get("detail") == "1",
            detail_url=f"{self.request.path}?year={self.year}&detail=1",
        )
        return context
