"""Editable lists for the content check, and the workflow tasks of the release process."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting
from wagtail.log_actions import LogContext
from wagtail.models import COMMENTS_RELATION_NAME, AbstractGroupApprovalTask, Revision, Task, TaskState

from govcms.core.wording import join_words

NAME_CORRECTION_SEPARATOR = "="


def parse_word_list(text):
    """One entry a line; blank lines and surrounding spaces ignored, order kept, duplicates dropped."""
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


def parse_name_corrections(text):
    """Lines of `错误写法=正确写法` as (wrong, right) pairs; raises ValidationError naming bad lines."""
    pairs, bad_lines = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        wrong, separator, right = (part.strip() for part in line.partition(NAME_CORRECTION_SEPARATOR))
        if not (separator and wrong and right) or wrong == right:
            bad_lines.append(str(number))
        else:
            pairs.append((wrong, right))
    if bad_lines:
        raise ValidationError(
            _("第 %(lines)s 行格式不对：每行写一条“错误写法=正确写法”，两边都不能为空且不能相同。")
            % {"lines": join_words(bad_lines)}
        )
    return pairs


class ContentRules(models.Model):
    """Editable lists for the content check: sensitive words and wrong forms of official names."""

    sensitive_words = models.TextField(_("敏感词"), blank=True, help_text=_("每行一个词。"))
    name_corrections = models.TextField(
        _("严重错别字"),
        blank=True,
        help_text=_(
            "每行一条，格式：错误写法=正确写法，例如：国务院办工厅=国务院办公厅。用于领导姓名、职务和机构名称。"
        ),
    )

    panels = [FieldPanel("sensitive_words"), FieldPanel("name_corrections")]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        try:
            parse_name_corrections(self.name_corrections)
        except ValidationError as error:
            raise ValidationError({"name_corrections": error.messages}) from error

    def word_list(self):
        return parse_word_list(self.sensitive_words)

    def correction_list(self):
        return parse_name_corrections(self.name_corrections)


@register_setting(icon="warning")
class PlatformContentRules(ContentRules, BaseGenericSetting):
    """Lists that apply to every site; kept by platform administrators."""

    class Meta:
        verbose_name = _("内容检查规则（全平台）")

    def __str__(self):
        return str(self._meta.verbose_name)


@register_setting(icon="warning")
class SiteContentRules(ContentRules, BaseSiteSetting):
    """A site's additions; they apply to the site and to the sub-sites below it."""

    class Meta:
        verbose_name = _("内容检查规则（本站补充）")

    def __str__(self):
        return f"{self._meta.verbose_name}：{self.site}"


class RestartsAfterChanges:
    """A resubmission after a send-back restarts the workflow at its first step (the content check).

    Wagtail's WorkflowState.resume() starts again the task that asked for changes,
    so the check and the earlier reviews would never see the resubmitted text.
    With WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT an approval counts only for
    the revision approved, and a resubmission always saves a new revision: the
    first task not approved for it is the workflow's first task, and after it
    every step follows again in order. Release tasks that can send a page back
    mix this in, so it holds wherever the send-back happened.
    """

    def start(self, workflow_state, user=None):
        # Only WorkflowState.resume() starts a task of a state that has task states but no current one.
        if workflow_state.current_task_state_id is None and workflow_state.task_states.exists():
            first_task = workflow_state.get_next_task()
            if first_task is not None and first_task.pk != self.pk:
                return first_task.specific.start(workflow_state, user=user)
        return super().start(workflow_state, user=user)


class ContentCheckTaskState(TaskState):
    report = models.JSONField(_("检查结果"), default=list, blank=True)

    class Meta:
        verbose_name = _("内容检查记录")


def rejecting_check(workflow_state):
    """The content check's task state when it is what sent `workflow_state` back for changes, else None."""
    if workflow_state is None or workflow_state.status != workflow_state.STATUS_NEEDS_CHANGES:
        return None
    task_state = workflow_state.current_task_state.specific
    return task_state if isinstance(task_state, ContentCheckTaskState) else None


class ContentCheckTask(Task):
    """The automated first step: approves itself when the content is clean, requests changes otherwise.

    Its decision is the check's, not the submitter's: the task state has no
    finished_by and the log entry of a return no user, so the history reads as
    内容自动检查 rejecting it, and the e-mail goes to the submitter
    (release.signal_handlers).
    """

    task_state_class = ContentCheckTaskState

    class Meta:
        verbose_name = _("内容自动检查")
        verbose_name_plural = _("内容自动检查")

    def start(self, workflow_state, user=None):
        from release.workflow.checks import check_page

        task_state = super().start(workflow_state, user=user)
        report = check_page(task_state.revision.as_object())
        task_state.report = report.as_data()
        task_state.finished_at = timezone.now()
        if report.passed:
            task_state.status = TaskState.STATUS_APPROVED
        else:
            task_state.status = TaskState.STATUS_REJECTED
            task_state.comment = report.as_text()
        # Wagtail's WorkflowState.update moves on (or stops) when a task finishes inside start().
        task_state.save()
        if not report.passed:
            # A return is an event of the page's history; a clean pass shows in the workflow history only.
            # Logged without a user: Wagtail would otherwise take the request's, the submitter's.
            with LogContext(generate_uuid=False):
                task_state.log_state_change_action(None, "reject")
        return task_state

    @classmethod
    def get_description(cls):
        return _("自动检查敏感词、严重错别字、失效链接和必填信息；有问题则退回修改。")


def edited_content(content, fields):
    """What the editor edits in a revision's `content`, without inline comments and bookkeeping (paths, timestamps)."""
    return {name: content.get(name) for name in fields}


def edited_fields(page_class):
    """The names of the fields and inline relations the page editor edits, bar editor comments."""
    form_meta = page_class.get_edit_handler().get_form_class()._meta
    return [*form_meta.fields, *(name for name in form_meta.formsets if name != COMMENTS_RELATION_NAME)]


def edited_since_last_approval(obj, user):
    """Whether `user` changed `obj`'s content in a revision saved since the last approval.

    A revision that only adds editor comments (a reviewer remarking on the text)
    is no edit: each of the user's revisions is compared with the one before it.
    """
    revisions = Revision.objects.for_instance(obj).order_by("created_at", "pk")
    since = last_approval_time(obj)
    recent = list(revisions.filter(created_at__gt=since) if since else revisions)
    if not any(revision.user_id == user.pk for revision in recent):
        return False
    fields = edited_fields(obj.specific_class)
    previous = revisions.filter(created_at__lte=since).last() if since else None
    return any(
        revision.user_id == user.pk
        and (before is None or edited_content(before.content, fields) != edited_content(revision.content, fields))
        for before, revision in zip([previous, *recent], recent, strict=False)
    )


def last_approval_time(obj):
    """When a person last approved a review step of `obj` (any workflow), or None."""
    approvals = TaskState.objects.for_instance(obj).filter(
        status=TaskState.STATUS_APPROVED, task__in=ReviewTask.objects.all()
    )
    return approvals.aggregate(last=models.Max("finished_at"))["last"]


class ReviewTask(RestartsAfterChanges, AbstractGroupApprovalTask):
    """Group review (初审 or 签发) with four eyes: nobody approves their own edits.

    Whoever saved a revision since the last approval of the page (whoever
    submitted it) may request changes or comment, but not approve; the editor
    tells them why (release.workflow.hooks).
    """

    class Meta:
        verbose_name = _("审核")
        verbose_name_plural = _("审核")

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self.approval_refusal(obj, user):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def get_form_for_action(self, action):
        if action == "reject":
            from release.workflow.forms import RequestChangesForm

            return RequestChangesForm
        return super().get_form_for_action(action)

    def approval_refusal(self, obj, user):
        """Why `user` may not approve `obj` at this step, or None when they may."""
        if edited_since_last_approval(obj, user):
            return _(
                "您修改过自上次审核通过以来的内容，不能审核通过自己的修改。"
                "您可以要求修改或发表评论；请本组其他成员审核，或要求修改后由作者重新提交，经各环节重新审核。"
            )
        return None

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        # Lock the task state so two reviewers acting at once give one decision, not two.
        current = TaskState.objects.select_for_update().get(pk=task_state.pk)
        if current.status != TaskState.STATUS_IN_PROGRESS:
            raise PermissionDenied(_("该审核环节已由他人处理。"))
        obj = task_state.workflow_state.content_object
        if action_name == "approve":
            refusal = self.approval_refusal(obj, user)
            if refusal:
                raise PermissionDenied(refusal)
            # The approval is for what the reviewer sees: the latest revision (REQUIRE_REAPPROVAL_ON_EDIT).
            task_state.revision = obj.get_latest_revision()
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("指定用户组的成员审核；自上次审核通过以来修改过内容的人不能审核通过。")


# Longest reason accepted for a withdrawal or a forced publication: a few sentences, shown in logs and on the site.
REASON_MAX_LENGTH = 500


class Withdrawal(models.Model):
    """A live page taken down (撤稿) with a reason; its old URL can explain that to readers.

    The address and title are copied because the page may later be moved,
    renamed or deleted while the old URL stays in search engines and links.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("页面"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("站点"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Page.url_path: the tree path, the same for every hostname that serves the page.
    url_path = models.TextField(_("页面路径"), db_index=True)
    full_url = models.TextField(_("原网址"), blank=True)
    title = models.CharField(_("标题"), max_length=255)
    reason = models.TextField(_("撤稿理由"), max_length=REASON_MAX_LENGTH)
    show_notice = models.BooleanField(_("在原网址显示撤稿说明"), default=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("撤稿人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("撤稿时间"), default=timezone.now)

    class Meta:
        verbose_name = _("撤稿记录")
        verbose_name_plural = _("撤稿记录")
        ordering = ["-withdrawn_at", "-pk"]

    def __str__(self):
        return self.title

    def page_republished(self):
        published_at = self.page.last_published_at if self.page is not None else None
        return published_at is not None and published_at > self.withdrawn_at


class UnreviewedPublicationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(reviewed_at__isnull=True)


class UnreviewedPublication(models.Model):
    """A publication forced by a site administrator outside the workflow (未经审核发布), until reviewed afterwards."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("页面"), on_delete=models.CASCADE, related_name="unreviewed_publications"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", verbose_name=_("发布的版本"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("强制发布理由"), max_length=REASON_MAX_LENGTH)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发布人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("发布时间"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("补审人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("补审时间"), null=True, blank=True)

    objects = UnreviewedPublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("未经审核发布")
        verbose_name_plural = _("未经审核发布")
        ordering = ["-published_at", "-pk"]
        # Held by every site's 管理员 group (sitegroup.provisioning); release.publishing.actions reads it from the
        # administrator group of the page's own site, so it is taken away there in the Groups admin.
        permissions = [("force_publish", _("可以强制发布"))]

    def __str__(self):
        return str(self.page)

    @property
    def is_pending(self):
        return self.reviewed_at is None
