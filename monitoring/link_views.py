"""失效链接: the open broken-link findings of the user's sites, per page, with the editor who last published
the page (who should fix it), the target, the problem and since when.

For site staff holding monitoring.view_scorecard (each site's 管理员, the platform's 系统管理员 and 审计管理员),
confined to the sites they see (govcms.core.scope).
"""

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry

from govcms.core.scope import SiteScope
from govcms.core.spreadsheets import ChineseSpreadsheetMixin
from monitoring.models import LinkFinding, LinkKind
from release.reports.views import ReleaseReportMenuItem, SiteStaffOnlyMixin, site_filter

PERMISSION = "monitoring.view_scorecard"


def may_view(user):
    return user.has_perm(PERMISSION) and SiteScope.of(user).sees_any_site


def open_findings(user):
    """The open findings of the user's sites, with the id of whoever last published each page."""
    last_publisher = PageLogEntry.objects.filter(page=OuterRef("page_id"), action="wagtail.publish").order_by(
        "-timestamp", "-pk"
    )
    return (
        LinkFinding.objects.filter(fixed_at__isnull=True)
        .filter(SiteScope.of(user).rows_q("site_home"))
        .select_related("page", "site_home")
        .annotate(publisher_id=Subquery(last_publisher.values("user_id")[:1]))
        .order_by("site_home__path", "page__path", "kind", "target")
    )


class LinkFindingFilterSet(WagtailFilterSet):
    site = site_filter("filter_site")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=LinkKind.choices)

    class Meta:
        model = LinkFinding
        fields = []

    def filter_site(self, queryset, name, home):
        return queryset.filter(site_home=home) if home else queryset


TARGET_MODELS = {LinkKind.PAGE: Page, LinkKind.DOCUMENT: get_document_model(), LinkKind.IMAGE: get_image_model()}


def target_titles(findings):
    """{(kind, target): title} of the pages, documents and images that still exist (one query per kind)."""
    titles = {}
    for kind, model in TARGET_MODELS.items():
        ids = {int(row.target) for row in findings if row.kind == kind and row.target.isdigit()}
        if ids:
            rows = model.objects.filter(pk__in=ids).values_list("pk", "title")
            titles.update({(kind, str(pk)): title for pk, title in rows})
    return titles


def target_label(row, titles):
    if row.kind == LinkKind.EXTERNAL:
        return row.target
    title = titles.get((row.kind, row.target))
    if title is None:
        return _("编号 %(id)s（已删除）") % {"id": row.target}
    return _("%(title)s（编号 %(id)s）") % {"title": title, "id": row.target}


def annotate_rows(findings):
    """Set the labels the columns show: site, kind, target and the publisher's name."""
    titles = target_titles(findings)
    publisher_ids = {row.publisher_id for row in findings if row.publisher_id}
    users = get_user_model().objects.in_bulk(publisher_ids)
    for row in findings:
        row.page_title = row.page.get_admin_display_title()
        row.site_title = row.site_home.title
        row.kind_label = row.get_kind_display()
        row.target_label = target_label(row, titles)
        user = users.get(row.publisher_id)
        row.publisher = (user.get_full_name() or user.get_username()) if user else ""
    return findings


class BrokenLinkReportView(SiteStaffOnlyMixin, ChineseSpreadsheetMixin, ReportView):
    page_title = _("失效链接")
    header_icon = "link"
    index_url_name = "monitoring_broken_links"
    index_results_url_name = "monitoring_broken_links_results"
    verbose_name_plural = _("失效链接")
    filterset_class = LinkFindingFilterSet
    columns = [
        TitleColumn(
            "page_title",
            label=_("页面"),
            url_name="wagtailadmin_pages:edit",
            id_accessor="page_id",
        ),
        Column("site_title", label=_("站点")),
        Column("kind_label", label=_("类型")),
        Column("target_label", label=_("链接")),
        Column("problem", label=_("问题")),
        DateColumn("first_found_at", label=_("发现时间")),
        Column("publisher", label=_("最近发布人")),
    ]
    list_export = ["page_title", "site_title", "kind_label", "target_label", "problem", "first_found_at", "publisher"]
    export_headings = {
        "page_title": _("页面"),
        "site_title": _("站点"),
        "kind_label": _("类型"),
        "target_label": _("链接"),
        "problem": _("问题"),
        "first_found_at": _("发现时间"),
        "publisher": _("最近发布人"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"broken-links-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        return open_findings(self.request.user)

    def decorate_paginated_queryset(self, object_list):
        return annotate_rows(list(object_list))


class BrokenLinkMenuItem(ReleaseReportMenuItem):
    """Shown to those the report lets in: site staff with the scorecard permission."""

    def is_shown(self, request):
        return may_view(request.user)


def register_urls():
    return [
        path("reports/broken-links/", BrokenLinkReportView.as_view(), name="monitoring_broken_links"),
        path(
            "reports/broken-links/results/",
            BrokenLinkReportView.as_view(results_only=True),
            name="monitoring_broken_links_results",
        ),
    ]


def broken_links_menu_item():
    return BrokenLinkMenuItem(
        _("失效链接"), reverse("monitoring_broken_links"), name="broken-links", icon_name="link", order=40
    )
