"""网站找错 and 页面评价 in the admin: the reports the public sent through monitoring.public_views.

Who sees what (decided here, docs in the module): a report or an answer belongs to one site.

* Handling (the detail, its contact and the answer) is for the site's own staff holding
  monitoring.handle_errorreport (provisioned to the site's 管理员 and 编辑), their sites being
  SiteScope.own_site_ids as for letters: a portal editor's rights over the counties' pages do not make the
  counties' reports theirs. Superusers handle every site's.
* The lists (网站找错, 页面评价) are open to the same staff, for their own sites, and to platform-wide users
  (系统管理员, 审计管理员), who see every site's rows but not the reporters' contacts and answer nothing.

Every id is checked on the server: a report outside the user's sites is a 404 and nothing changes.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Max, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page

from govcms.core.scope import SiteScope
from govcms.core.spreadsheets import ChineseSpreadsheetMixin
from monitoring.models import ErrorReport, ErrorReportStatus, PageFeedback

PERMISSION = "monitoring.handle_errorreport"
LIST_URL = "monitoring_error_reports"
FEEDBACK_URL = "monitoring_page_feedback"
ANSWER_MAX_LENGTH = 2000

LOG_ACTION_LABELS = {
    "monitoring.error_report.answer": gettext_lazy("答复网站找错"),
}


# --- Access ------------------------------------------------------------------------------------


def handled_site_ids(user):
    """The sites whose reports the user handles: their own sites with the permission; None means every site."""
    return SiteScope.of(user).acting_site_ids(PERMISSION)


def listed_site_ids(user):
    """The sites whose rows the user's lists show: as handled_site_ids, and every site for platform-wide users."""
    return SiteScope.of(user).reading_site_ids(PERMISSION)


def can_open_lists(user):
    ids = listed_site_ids(user)
    return ids is None or bool(ids)


def _in(queryset, site_ids):
    return queryset if site_ids is None else queryset.filter(site_home_id__in=site_ids)


def visible_reports(user):
    return _in(ErrorReport.objects.all(), listed_site_ids(user))


def may_handle(user, report):
    ids = handled_site_ids(user)
    return ids is None or report.site_home_id in ids


# --- 网站找错 list --------------------------------------------------------------------------------


def annotate_reports(reports, today):
    for report in reports:
        report.summary = report.description[:40]
        report.site_title = report.site_home.title
        report.type_shown = report.get_problem_type_display()
        report.status_shown = report.get_status_display()
        report.overdue = report.is_overdue(today)
        if report.overdue:
            report.status_shown = _("%(status)s（已超期）") % {"status": report.status_shown}
        report.due_shown = report.due_date.isoformat()
        report.received_shown = timezone.localtime(report.received_at).strftime("%Y-%m-%d %H:%M")
    return reports


class ErrorReportsView(ChineseSpreadsheetMixin, ReportView):
    page_title = gettext_lazy("网站找错")
    header_icon = "warning"
    index_url_name = LIST_URL
    index_results_url_name = f"{LIST_URL}_results"
    verbose_name_plural = gettext_lazy("网站找错")
    no_results_message = gettext_lazy("没有网站找错。")
    columns = [
        TitleColumn("summary", label=gettext_lazy("问题描述"), url_name="monitoring_error_report", id_accessor="pk"),
        Column("site_title", label=gettext_lazy("站点")),
        Column("type_shown", label=gettext_lazy("问题类型")),
        Column("status_shown", label=gettext_lazy("状态")),
        Column("due_shown", label=gettext_lazy("答复期限")),
        Column("received_shown", label=gettext_lazy("提交时间")),
    ]
    list_export = [
        "pk",
        "site_title",
        "type_shown",
        "description",
        "page_url",
        "status_shown",
        "due_shown",
        "received_shown",
    ]
    export_headings = {
        "pk": gettext_lazy("编号"),
        "site_title": gettext_lazy("站点"),
        "type_shown": gettext_lazy("问题类型"),
        "description": gettext_lazy("问题描述"),
        "page_url": gettext_lazy("页面地址"),
        "status_shown": gettext_lazy("状态"),
        "due_shown": gettext_lazy("答复期限"),
        "received_shown": gettext_lazy("提交时间"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_open_lists(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"error-reports-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        open_first = Case(
            When(status=ErrorReportStatus.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return (
            visible_reports(self.request.user)
            .select_related("site_home")
            .annotate(open_first=open_first)
            .order_by("open_first", "due_date", "-received_at", "-pk")
        )

    def decorate_paginated_queryset(self, object_list):
        return annotate_reports(list(object_list), timezone.localdate())


# --- A report and its answer -------------------------------------------------------------------


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("处理结果"),
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": gettext_lazy("请填写处理结果。"),
            "max_length": gettext_lazy("处理结果不能超过%(limit_value)d个字。"),
        },
    )


def report_view(request, report_id):
    report = get_object_or_404(ErrorReport.objects.select_related("site_home", "answered_by"), pk=report_id)
    if not visible_reports(request.user).filter(pk=report.pk).exists():
        raise Http404
    handles = may_handle(request.user, report)
    form = AnswerForm()
    if request.method == "POST":
        if not handles:
            raise PermissionDenied
        form = AnswerForm(request.POST)
        if report.status != ErrorReportStatus.OPEN:
            messages.error(request, _("这条找错已经答复。"))
            return redirect("monitoring_error_report", report.pk)
        if form.is_valid():
            with transaction.atomic():
                locked = ErrorReport.objects.select_for_update().get(pk=report.pk)
                if locked.status != ErrorReportStatus.OPEN:
                    messages.error(request, _("这条找错已经答复。"))
                    return redirect("monitoring_error_report", report.pk)
                locked.answer = form.cleaned_data["answer"].strip()
                locked.status = ErrorReportStatus.ANSWERED
                locked.answered_at = timezone.now()
                locked.answered_by = request.user
                locked.save(update_fields=["answer", "status", "answered_at", "answered_by"])
                log(
                    instance=locked,
                    action="monitoring.error_report.answer",
                    user=request.user,
                    data={"site_home": locked.site_home_id},
                )
            messages.success(request, _("已答复。"))
            return redirect(LIST_URL)
    return TemplateResponse(
        request,
        "monitoring/error_reports/detail.html",
        {
            "report": report,
            "form": form,
            "handles": handles,
            "page_link": page_link(report),
            "overdue": report.is_overdue(),
        },
        status=400 if form.is_bound else 200,
    )


def page_link(report):
    """The reported page's address as a link: a path on the report's site made absolute, else as typed (the
    public form lets only the platform's own addresses in)."""
    url = report.page_url
    if not url:
        return ""
    if url.startswith("/") and not url.startswith("//"):
        site = report.site_home.get_site()
        return (site.root_url if site else "") + url
    if url.startswith(("http://", "https://")):
        return url
    return ""


# --- 页面评价 ------------------------------------------------------------------------------------


def visible_feedback(user):
    return _in(PageFeedback.objects.all(), listed_site_ids(user))


class PageFeedbackView(ChineseSpreadsheetMixin, ReportView):
    """Per page: the yes and no counts and the latest comments, most recently rated pages first."""

    page_title = gettext_lazy("页面评价")
    header_icon = "comment"
    index_url_name = FEEDBACK_URL
    index_results_url_name = f"{FEEDBACK_URL}_results"
    verbose_name_plural = gettext_lazy("页面评价")
    no_results_message = gettext_lazy("还没有页面评价。")
    columns = [
        Column("page_title", label=gettext_lazy("页面")),
        Column("site_title", label=gettext_lazy("站点")),
        Column("helpful_count", label=gettext_lazy("有帮助")),
        Column("unhelpful_count", label=gettext_lazy("没帮助")),
        Column("comments_shown", label=gettext_lazy("意见建议（最新在前）")),
        Column("latest_shown", label=gettext_lazy("最近评价")),
    ]
    list_export = ["page_title", "site_title", "helpful_count", "unhelpful_count", "comments_shown", "latest_shown"]
    export_headings = {
        "page_title": gettext_lazy("页面"),
        "site_title": gettext_lazy("站点"),
        "helpful_count": gettext_lazy("有帮助"),
        "unhelpful_count": gettext_lazy("没帮助"),
        "comments_shown": gettext_lazy("意见建议"),
        "latest_shown": gettext_lazy("最近评价"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_open_lists(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"page-feedback-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        return (
            visible_feedback(self.request.user)
            .values("page_id", "site_home_id")
            .annotate(
                helpful_count=Count("pk", filter=Q(helpful=True)),
                unhelpful_count=Count("pk", filter=Q(helpful=False)),
                latest=Max("created_at"),
            )
            .order_by("-latest", "-page_id")
        )

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        page_ids = {row["page_id"] for row in rows}
        titles = dict(
            Page.objects.filter(pk__in=page_ids | {row["site_home_id"] for row in rows}).values_list("pk", "title")
        )
        comments = {}
        for page_id, comment in (
            visible_feedback(self.request.user)
            .filter(page_id__in=page_ids)
            .exclude(comment="")
            .order_by("-created_at", "-pk")
            .values_list("page_id", "comment")
        ):
            comments.setdefault(page_id, []).append(comment)
        for row in rows:
            row["pk"] = row["page_id"]
            row["page_title"] = titles.get(row["page_id"], "")
            row["site_title"] = titles.get(row["site_home_id"], "")
            row["comments_shown"] = "；".join(comments.get(row["page_id"], [])[:10])
            row["latest_shown"] = timezone.localtime(row["latest"]).strftime("%Y-%m-%d %H:%M")
        return rows


# --- Menu, URLs and log actions -------------------------------------------------------------------


class ListsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_open_lists(request.user)


def register_urls():
    return [
        path("monitoring/error-reports/", ErrorReportsView.as_view(), name=LIST_URL),
        path(
            "monitoring/error-reports/results/", ErrorReportsView.as_view(results_only=True), name=f"{LIST_URL}_results"
        ),
        path("monitoring/error-reports/<int:report_id>/", report_view, name="monitoring_error_report"),
        path("monitoring/page-feedback/", PageFeedbackView.as_view(), name=FEEDBACK_URL),
        path(
            "monitoring/page-feedback/results/",
            PageFeedbackView.as_view(results_only=True),
            name=f"{FEEDBACK_URL}_results",
        ),
    ]


def error_reports_menu_item():
    return ListsMenuItem(
        gettext_lazy("网站找错"), reverse(LIST_URL), name="error-reports", icon_name="warning", order=20
    )


def page_feedback_menu_item():
    return ListsMenuItem(
        gettext_lazy("页面评价"), reverse(FEEDBACK_URL), name="page-feedback", icon_name="comment", order=30
    )


class ErrorReportLogFormatter(LogFormatter):
    def format_message(self, log_entry):
        return str(self.label)


def register_log_actions(actions):
    for action, label in LOG_ACTION_LABELS.items():
        actions.register_action(action)(
            type("ErrorReportActionFormatter", (ErrorReportLogFormatter,), {"label": label})
        )
