"""意见审核 in the admin: the comments the public sent on a site's consultations, their moderation, and the
counts editors copy into the consultation's feedback (采纳情况).

Who sees what (decided here, as monitoring.error_reports does for error reports): a comment belongs to one
site (Comment.site_home).

* Moderating (the detail, its contact, approve / reject, outcome and theme) is for the site's own staff
  holding consultations.moderate_comment (provisioned to the site's 管理员 and 编辑), their sites being
  SiteScope.own_site_ids: a portal editor's rights over the counties' pages do not make the counties'
  comments theirs. Superusers moderate every site's.
* Platform-wide users (系统管理员, 审计管理员) see every site's comments, never the contacts, and change nothing.

Every id is checked on the server: a comment outside the user's sites is a 404 and nothing changes.
"""

from datetime import datetime, time, timedelta

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import LogFormatter, log

from citizen_mailbox.masking import mask_message_text, mask_name
from consultations.models import (
    Comment,
    CommentStatus,
    ConsultationPage,
    ConsultationSettings,
    Outcome,
)
from consultations.survey_views import EXPORT_LOG_ACTION
from govcms.core.scope import SiteScope
from govcms.core.translation import original_of
from govcms.core.tree import MAX_PAGE_ID, SiteIndex, site_home_of, under_any_of

PERMISSION = "consultations.moderate_comment"
LIST_URL = "consultations_comments"
DETAIL_URL = "consultations_comment"

LOG_ACTION_LABELS = {
    "consultations.comment.moderate": gettext_lazy("审核意见征集的意见"),
    EXPORT_LOG_ACTION: gettext_lazy("导出网上调查答卷"),
}


# --- Access ------------------------------------------------------------------------------------


def moderated_site_ids(user):
    """The sites whose comments the user moderates: their own sites with the permission; None means all."""
    return SiteScope.of(user).acting_site_ids(PERMISSION)


def listed_site_ids(user):
    """The sites whose comments the list shows: as moderated_site_ids, and every site for platform-wide users."""
    return SiteScope.of(user).reading_site_ids(PERMISSION)


def can_open_list(user):
    ids = listed_site_ids(user)
    return ids is None or bool(ids)


def visible_comments(user):
    ids = listed_site_ids(user)
    comments = Comment.objects.all()
    return comments if ids is None else comments.filter(site_home_id__in=ids)


def may_moderate(user, comment):
    ids = moderated_site_ids(user)
    return ids is None or comment.site_home_id in ids


def of_sites(site_ids):
    """A Q matching the pages whose own site (their deepest site home) is one of `site_ids`: below one of those
    homes and not inside a site below it that is not one of them (a portal's pages, not its counties')."""
    sites = SiteIndex()
    own = [home.path for home in sites.sites if home.pk in site_ids]
    others = [home.path for home in sites.sites if home.pk not in site_ids]
    terms = [
        under_any_of([path]) & ~under_any_of([other for other in others if other.startswith(path)]) for path in own
    ]
    return Q(*terms, _connector=Q.OR) if terms else Q(pk__in=[])


def filterable_consultations(user):
    """The consultations the list may be narrowed to: those of the sites whose comments it shows, commented on or
    not yet (the 意见审核 button of each links here), every one for platform-wide users and superusers."""
    ids = listed_site_ids(user)
    consultations = ConsultationPage.objects.all()
    return consultations if ids is None else consultations.filter(of_sites(ids))


def moderation_url(user, page):
    """The 意见审核 list narrowed to the consultation `page` (its original: comments sent from a translation are
    the original's) when `user` moderates its site's comments, else None."""
    ids = moderated_site_ids(user)
    if ids is not None and not ids:
        return None
    consultation = original_of(page)
    if ids is not None:
        home = site_home_of(consultation)
        if home is None or home.pk not in ids:
            return None
    return f"{reverse(LIST_URL)}?{urlencode({'consultation': consultation.pk})}"


# --- Feedback: counts and the overdue rule --------------------------------------------------------


def feedback_due_days():
    """ConsultationSettings.feedback_due_days, read without creating the settings row (an audit's query count
    must not depend on whether it was ever saved)."""
    settings = ConsultationSettings.objects.only("feedback_due_days").first()
    return settings.feedback_due_days if settings else ConsultationSettings._meta.get_field("feedback_due_days").default


def feedback_overdue_before(today, days):
    """The instant before which a consultation must have closed to be overdue on `today`: its feedback is
    due on the `days`-th day after the day it closed, and overdue from the day after."""
    return timezone.make_aware(datetime.combine(today - timedelta(days=days), time.min))


def feedback_overdue(consultation, today=None, days=None):
    """Closed more than `days` days (ConsultationSettings) before `today` and still no feedback (采纳情况)."""
    today = today or timezone.localdate()
    days = feedback_due_days() if days is None else days
    return consultation.closes_at < feedback_overdue_before(today, days) and not (consultation.feedback or "").strip()


def _outcome_counts():
    return {
        "received": Count("pk"),
        "approved": Count("pk", filter=Q(status=CommentStatus.APPROVED)),
        "rejected": Count("pk", filter=Q(status=CommentStatus.REJECTED)),
        "pending": Count("pk", filter=Q(status=CommentStatus.PENDING)),
        "adopted": Count("pk", filter=Q(outcome=Outcome.ADOPTED)),
        "partly": Count("pk", filter=Q(outcome=Outcome.PARTLY)),
        "not_adopted": Count("pk", filter=Q(outcome=Outcome.NOT_ADOPTED)),
    }


def feedback_counts(consultation):
    """The figures of a consultation's feedback, from its comments: totals, and the same by theme."""
    comments = Comment.objects.filter(consultation=consultation)
    totals = comments.aggregate(**_outcome_counts())
    themes = list(comments.values("theme").annotate(**_outcome_counts()).order_by("theme"))
    for row in themes:
        row["theme_shown"] = row["theme"] or _("（未分主题）")
    return {"totals": totals, "themes": themes}


# --- 意见审核 list -----------------------------------------------------------------------------------


class ConsultationIdField(django_filters.fields.ModelChoiceField):
    """A consultation's page id from the query string: beyond the database's integers it is an invalid choice,
    like any id not offered, instead of a query (SQLite cannot even bind it)."""

    def to_python(self, value):
        text = str(value)
        if value not in self.empty_values and not (text.isascii() and text.isdigit() and int(text) <= MAX_PAGE_ID):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ConsultationFilter(django_filters.ModelChoiceFilter):
    field_class = ConsultationIdField


class CommentFilterSet(WagtailFilterSet):
    consultation = ConsultationFilter(label=gettext_lazy("意见征集"), queryset=ConsultationPage.objects.none())
    status = django_filters.ChoiceFilter(label=gettext_lazy("状态"), choices=CommentStatus.choices)

    class Meta:
        model = Comment
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Only the consultations of the sites whose comments the user may see: another site's id is not a valid choice.
        self.filters["consultation"].queryset = filterable_consultations(request.user).order_by("-closes_at")


class CommentsView(ReportView):
    page_title = gettext_lazy("意见审核")
    header_icon = "comment"
    index_url_name = LIST_URL
    index_results_url_name = f"{LIST_URL}_results"
    results_template_name = "consultations/admin/comments_results.html"
    verbose_name_plural = gettext_lazy("意见")
    no_results_message = gettext_lazy("没有意见。")
    filterset_class = CommentFilterSet
    columns = [
        TitleColumn("summary", label=gettext_lazy("意见内容"), url_name=DETAIL_URL, id_accessor="pk"),
        Column("consultation_shown", label=gettext_lazy("意见征集")),
        Column("site_title", label=gettext_lazy("站点")),
        Column("status_shown", label=gettext_lazy("状态")),
        Column("outcome_shown", label=gettext_lazy("采纳情况")),
        Column("theme", label=gettext_lazy("主题")),
        Column("submitted_shown", label=gettext_lazy("提交时间")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not can_open_list(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        pending_first = Case(
            When(status=CommentStatus.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return (
            visible_comments(self.request.user)
            .select_related("site_home", "consultation")
            .annotate(pending_first=pending_first)
            .order_by("pending_first", "-submitted_at", "-pk")
        )

    def decorate_paginated_queryset(self, object_list):
        comments = list(object_list)
        today, days = timezone.localdate(), feedback_due_days()
        moderated = moderated_site_ids(self.request.user)
        for comment in comments:
            comment.summary = shown_content(comment, moderated)[:40]
            comment.site_title = comment.site_home.title
            comment.consultation_shown = comment.consultation.title
            if feedback_overdue(comment.consultation, today, days):
                comment.consultation_shown = _("%(title)s（反馈已超期）") % {"title": comment.consultation.title}
            comment.status_shown = comment.get_status_display()
            comment.outcome_shown = comment.get_outcome_display() or "—"
            comment.submitted_shown = timezone.localtime(comment.submitted_at).strftime("%Y-%m-%d %H:%M")
        return comments

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        consultation = None
        if self.filters is not None and self.filters.is_valid():
            consultation = self.filters.form.cleaned_data.get("consultation")
        if consultation is not None:
            context["consultation"] = consultation
            context["feedback_counts"] = feedback_counts(consultation)
            context["feedback_overdue"] = feedback_overdue(consultation)
            context["feedback_due_days"] = feedback_due_days()
        return context


# --- One comment and its moderation ---------------------------------------------------------------


class ModerationForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("审核结果"),
        choices=[(status, status.label) for status in (CommentStatus.APPROVED, CommentStatus.REJECTED)],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("请选择审核结果。")},
    )
    outcome = forms.ChoiceField(label=gettext_lazy("采纳情况"), choices=[("", "—"), *Outcome.choices], required=False)
    theme = forms.CharField(
        label=gettext_lazy("主题"),
        max_length=Comment._meta.get_field("theme").max_length,
        required=False,
        error_messages={"max_length": gettext_lazy("主题不能超过%(limit_value)d个字。")},
    )


def shown_content(comment, moderated):
    """The comment's text as the reader may see it: whole for its site's moderators (`moderated`: their site ids,
    None for all), with the personal data masked as on the public page for platform-wide readers."""
    if moderated is None or comment.site_home_id in moderated:
        return comment.content
    return mask_message_text(comment.content, comment.name)


def comment_view(request, comment_id):
    comment = get_object_or_404(
        Comment.objects.select_related("site_home", "consultation", "moderated_by"), pk=comment_id
    )
    if not visible_comments(request.user).filter(pk=comment.pk).exists():
        raise Http404
    moderates = may_moderate(request.user, comment)
    form = ModerationForm(
        initial={
            "status": comment.status if comment.status != CommentStatus.PENDING else None,
            "outcome": comment.outcome,
            "theme": comment.theme,
        }
    )
    if request.method == "POST":
        if not moderates:
            raise PermissionDenied
        form = ModerationForm(request.POST)
        if form.is_valid():
            with transaction.atomic():
                locked = Comment.objects.select_for_update().get(pk=comment.pk)
                locked.status = form.cleaned_data["status"]
                locked.outcome = form.cleaned_data["outcome"]
                locked.theme = form.cleaned_data["theme"].strip()
                locked.moderated_at = timezone.now()
                locked.moderated_by = request.user
                locked.save(update_fields=["status", "outcome", "theme", "moderated_at", "moderated_by"])
                log(
                    instance=locked,
                    action="consultations.comment.moderate",
                    user=request.user,
                    data={"site_home": locked.site_home_id, "status": locked.status, "outcome": locked.outcome},
                )
            messages.success(request, _("已审核。"))
            return redirect(f"{reverse(LIST_URL)}?consultation={locked.consultation_id}")
    return TemplateResponse(
        request,
        "consultations/admin/comment.html",
        {
            "comment": comment,
            "form": form,
            "moderates": moderates,
            "shown_name": comment.name if moderates else mask_name(comment.name),
            "shown_content": shown_content(comment, moderated_site_ids(request.user)),
            "overdue": feedback_overdue(comment.consultation),
            "list_url": f"{reverse(LIST_URL)}?consultation={comment.consultation_id}",
        },
        status=400 if form.is_bound else 200,
    )


# --- Menu, URLs and log actions -------------------------------------------------------------------


class CommentsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_open_list(request.user)


def menu_item():
    return CommentsMenuItem(
        gettext_lazy("意见审核"), reverse(LIST_URL), name="consultation-comments", icon_name="comment", order=256
    )


def register_urls():
    return [
        path("consultations/comments/", CommentsView.as_view(), name=LIST_URL),
        path("consultations/comments/results/", CommentsView.as_view(results_only=True), name=f"{LIST_URL}_results"),
        path("consultations/comments/<int:comment_id>/", comment_view, name=DETAIL_URL),
    ]


class CommentLogFormatter(LogFormatter):
    def format_message(self, log_entry):
        return str(self.label)


def register_log_actions(actions):
    for action, label in LOG_ACTION_LABELS.items():
        actions.register_action(action)(type("CommentActionFormatter", (CommentLogFormatter,), {"label": label}))
