"""网友提问逾期未答: questions still open past their written-answer deadline (Question.answer_due, 5 working
days after the interview's end), of the interviews whose consoles the user runs (interviews.access)."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from govcms.core.spreadsheets import ChineseSpreadsheetMixin
from govcms.core.tree import SiteIndex
from interviews.admin_views import console_interviews, has_console_rights
from interviews.models import Question

URL_NAME = "interviews_overdue_questions"


def overdue_questions(user, today=None):
    return (
        Question.objects.overdue(today)
        .filter(interview__in=console_interviews(user))
        .select_related("interview")
        .order_by("answer_due", "pk")
    )


def annotate(questions, today):
    """Set the report's computed columns on each question: interview, site, summary and days overdue."""
    sites = SiteIndex()
    for question in questions:
        site = sites.site_for(question.interview)
        question.interview_title = question.interview.title
        question.site_title = site.title if site else ""
        question.summary = f"{question.nickname}：{question.text[:40]}"
        question.days_overdue = (today - question.answer_due).days
        # The date itself (YYYY-MM-DD): a DateColumn would say "4 日，4 小时 之前" of a whole-day deadline.
        question.answer_due_shown = question.answer_due.isoformat()
    return questions


class OverdueQuestionsReportView(ChineseSpreadsheetMixin, ReportView):
    page_title = _("网友提问逾期未答")
    header_icon = "help"
    index_url_name = URL_NAME
    index_results_url_name = f"{URL_NAME}_results"
    verbose_name_plural = _("网友提问")
    no_results_message = _("没有逾期未答的网友提问。")
    columns = [
        TitleColumn("summary", label=_("问题"), url_name="interviews_questions:list", id_accessor="interview_id"),
        Column("interview_title", label=_("访谈")),
        Column("site_title", label=_("站点")),
        Column("answer_due_shown", label=_("书面答复期限")),
        Column("days_overdue", label=_("逾期天数")),
    ]
    list_export = ["summary", "interview_title", "site_title", "answer_due", "days_overdue"]
    export_headings = {
        "summary": _("问题"),
        "interview_title": _("访谈"),
        "site_title": _("站点"),
        "answer_due": _("书面答复期限"),
        "days_overdue": _("逾期天数"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not has_console_rights(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"overdue-interview-questions-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        return overdue_questions(self.request.user)

    def decorate_paginated_queryset(self, object_list):
        return annotate(list(object_list), timezone.localdate())


class OverdueQuestionsMenuItem(MenuItem):
    """Shown to those the report lets in: the staff who run a site's interviews."""

    def is_shown(self, request):
        return has_console_rights(request.user)


def register_report_urls():
    return [
        path("reports/interview-questions-overdue/", OverdueQuestionsReportView.as_view(), name=URL_NAME),
        path(
            "reports/interview-questions-overdue/results/",
            OverdueQuestionsReportView.as_view(results_only=True),
            name=f"{URL_NAME}_results",
        ),
    ]


def register_menu_item():
    return OverdueQuestionsMenuItem(
        _("网友提问逾期未答"), reverse(URL_NAME), name="interview-questions-overdue", icon_name="help", order=1040
    )
