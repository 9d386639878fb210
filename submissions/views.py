"""Admin views of 信息报送: submit an article upward, the queue of submissions, adopt or return one."""

from django.db.models import Case, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn, UserColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from govcms.core.admin_views import PageActionFormView
from govcms.core.tree import SiteIndex
from submissions import handling
from submissions.forms import RETURN, DecisionForm, SubmitForm
from submissions.models import Status


class SubmitView(PageActionFormView):
    form_class = SubmitForm
    template_name = "submissions/submit.html"
    page_title = gettext_lazy("信息报送")
    header_icon = "upload"
    submit_button_label = gettext_lazy("报送")

    def is_allowed(self, user, page):
        return handling.can_submit(user, page)

    @cached_property
    def columns(self):
        return handling.target_columns(self.page)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "article": self.page, "columns": self.columns}

    def get_context_data(self, **kwargs):
        submissions = self.page.submissions.select_related("target", "submitted_by", "decided_by")
        return {**super().get_context_data(**kwargs), "has_columns": self.columns.exists(), "submissions": submissions}

    def form_valid(self, form):
        target = form.cleaned_data["target"]
        handling.submit(self.page, target, self.request.user)
        return self.done(
            _("“%(title)s”已报送到“%(column)s”，等待采用。") % {"title": self.page.title, "column": target.title}
        )


class DecisionColumn(Column):
    cell_template_name = "submissions/decision_cell.html"


class QueueView(ReportView):
    """信息报送: submissions to the user's columns (to adopt or return) and those of their own sites."""

    page_title = gettext_lazy("信息报送")
    header_icon = "upload"
    index_url_name = "submissions_queue"
    index_results_url_name = "submissions_queue_results"
    any_permission_required = ["add", "change", "publish"]
    no_results_message = gettext_lazy("暂无报送的信息。")
    columns = [
        TitleColumn("article", label=gettext_lazy("文章"), get_url=lambda submission: submission.article.full_url),
        Column("source_site", label=gettext_lazy("报送单位")),
        Column("target", label=gettext_lazy("报送栏目")),
        UserColumn("submitted_by", label=gettext_lazy("报送人")),
        DateColumn("submitted_at", label=gettext_lazy("报送时间")),
        Column("get_status_display", label=gettext_lazy("状态")),
        DecisionColumn("decision", label=gettext_lazy("操作")),
    ]

    @cached_property
    def permission_policy(self):
        # Shown to whoever works on pages anywhere; the rows are limited as handling.visible_submissions says.
        return policy_registry.get_by_type(Page)

    def get_queryset(self):
        waiting_first = Case(When(status=Status.PENDING, then=0), default=1)
        return (
            handling.visible_submissions(self.request.user)
            .select_related("article", "target", "submitted_by")
            .order_by(waiting_first, "-submitted_at", "-pk")
        )

    def decorate_paginated_queryset(self, submissions):
        decidable = set(
            handling.decidable_submissions(self.request.user)
            .filter(pk__in=[submission.pk for submission in submissions])
            .values_list("pk", flat=True)
        )
        sites = SiteIndex()
        for submission in submissions:
            submission.source_site = sites.site_for_path(submission.article.path).title
            submission.can_decide = submission.status == Status.PENDING and submission.pk in decidable
        return submissions


class DecideView(WagtailAdminTemplateMixin, FormView):
    """采用 or 退回 one submission; only for the target column's editors (others: 404)."""

    form_class = DecisionForm
    template_name = "submissions/decide.html"
    page_title = gettext_lazy("处理报送")
    header_icon = "upload"

    def dispatch(self, request, submission_id):
        queryset = handling.decidable_submissions(request.user).select_related("article", "target", "submitted_by")
        self.submission = get_object_or_404(queryset, pk=submission_id)
        return super().dispatch(request, submission_id)

    def get_page_subtitle(self):
        return self.submission.article.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("submissions_queue"), "label": QueueView.page_title},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(submission=self.submission, action_url=self.request.path, submit_button_label=_("确定"))
        return context

    def form_invalid(self, form):
        messages.validation_error(self.request, _("未执行，请修改以下错误。"), form)
        return super().form_invalid(form)

    def form_valid(self, form):
        title = self.submission.article.title
        try:
            if form.cleaned_data["decision"] == RETURN:
                handling.return_submission(self.submission, self.request.user, form.cleaned_data["reason"])
                message = _("已退回“%(title)s”，并通知报送人。")
            elif not self.submission.article.live:
                messages.error(self.request, _("“%(title)s”已在报送单位下线，不能采用。") % {"title": title})
                return redirect("submissions_queue")
            else:
                handling.adopt(self.submission, self.request.user)
                message = _("已采用“%(title)s”，将列在“%(column)s”中。")
        except handling.AlreadyDecided:
            messages.error(self.request, _("“%(title)s”已经处理过。") % {"title": title})
            return redirect("submissions_queue")
        messages.success(self.request, message % {"title": title, "column": self.submission.target.title})
        return redirect("submissions_queue")
