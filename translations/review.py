"""Where a translated page stands (翻译进度, 审校状态), and its submission to its site's 外文发布流程.

wagtail-localize's translation editor replaces Wagtail's page editor for a translated page and offers no workflow
actions (its Publish is refused under a workflow, release.publishing). `submit_for_review` is the translators'
"提交审校": it saves the translation as a draft revision (translations.sync.save_translation_draft, which never
overwrites a live page's row) and starts the page's workflow, or resumes it after a send-back, where the release
tasks restart at the content check (release.models.RestartsAfterChanges).
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import CharField, Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from translations.checks import find_untranslated_segments, page_translation
from translations.languages import is_original, language_name, offered_languages, original_site_home
from translations.sync import save_translation_draft


class Status(models.TextChoices):
    UNTRANSLATED = "untranslated", gettext_lazy("待翻译")
    READY = "ready", gettext_lazy("待提交审校")
    IN_REVIEW = "in_review", gettext_lazy("审校中")
    NEEDS_CHANGES = "needs_changes", gettext_lazy("退回修改")
    OUTDATED = "outdated", gettext_lazy("原文已更新")
    LIVE = "live", gettext_lazy("已发布")


OPEN_WORKFLOW_STATUSES = (WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES)


@dataclass
class TranslationState:
    """A translated page with its translation's progress, its source's last update and its workflow's status."""

    page: Page
    translation_id: int | None
    total: int
    translated: int
    source_updated_at: object
    workflow_status: str | None

    @property
    def outdated(self):
        """Live, and the original changed since this translation was last published: the public reads old text."""
        return bool(
            self.page.live
            and self.source_updated_at is not None
            and self.page.last_published_at is not None
            and self.page.last_published_at < self.source_updated_at
        )

    @property
    def status(self):
        if self.workflow_status == WorkflowState.STATUS_IN_PROGRESS:
            return Status.IN_REVIEW
        if self.workflow_status == WorkflowState.STATUS_NEEDS_CHANGES:
            return Status.NEEDS_CHANGES
        if self.outdated:
            return Status.OUTDATED
        if self.translated < self.total:
            return Status.UNTRANSLATED
        if not self.page.live or self.page.has_unpublished_changes:
            return Status.READY
        return Status.LIVE

    @property
    def may_submit(self):
        """Offer 提交审校 (重新提交 after a send-back): not while a review is running."""
        return self.translation_id is not None and self.workflow_status != WorkflowState.STATUS_IN_PROGRESS


def _count(segments):
    counted = segments.order_by().values("source_id").annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_translation_state(pages):
    """`pages` (translated pages) annotated with what TranslationState needs, in a constant number of queries."""
    translations = Translation.objects.filter(
        source__object_id=OuterRef("translation_key"), target_locale_id=OuterRef("locale_id")
    )
    segments = StringSegment.objects.filter(source_id=OuterRef("source_id"))
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=OuterRef(OuterRef("locale_id")),
        has_error=False,
    )
    workflow_states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), CharField()),
        status__in=OPEN_WORKFLOW_STATUSES,
    )
    return pages.annotate(
        translation_id=Subquery(translations.values("pk")[:1]),
        source_id=Subquery(translations.values("source_id")[:1]),
        source_updated_at=Subquery(translations.values("source__last_updated_at")[:1]),
        segment_total=_count(segments),
        segment_translated=_count(segments.filter(Exists(translated))),
        workflow_status=Subquery(workflow_states.values("status")[:1]),
    )


def state_of_annotated(page):
    return TranslationState(
        page=page,
        translation_id=page.translation_id,
        total=page.segment_total,
        translated=page.segment_translated,
        source_updated_at=page.source_updated_at,
        workflow_status=page.workflow_status,
    )


def translation_state(page):
    """The TranslationState of one translated page."""
    return state_of_annotated(with_translation_state(Page.objects.filter(pk=page.pk)).get())


def submission_refusal(page, user, translation):
    """Why `page` cannot be submitted for review now (a message), or None. Refusals of rights raise PermissionDenied."""
    if is_original(page) or translation is None:
        raise PermissionDenied
    if not page.permissions_for_user(user).can_edit():
        raise PermissionDenied
    home = original_site_home(page)
    code = page.locale.language_code
    if home is None or code not in offered_languages(home):
        return _("本站未开设%(language)s版，不能提交译文。") % {"language": language_name(code)}
    if page.get_workflow() is None:
        return _("本页没有外文发布流程，请联系平台管理员为本站重新开通。")
    workflow_state = page.current_workflow_state
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        return _("本页已在审校中，不能重复提交。")
    problems = find_untranslated_segments(page)
    if problems:
        return problems[0].message
    return None


@transaction.atomic
def submit_for_review(page, user):
    """Save `page`'s translation as a draft revision and start (or resume) its workflow.

    Raises PermissionDenied when the user may not edit the page, ValidationError with the reason otherwise.
    Returns the workflow state.
    """
    page = Page.objects.select_for_update().get(pk=page.pk).specific
    translation = page_translation(page)
    refusal = submission_refusal(page, user, translation)
    if refusal is not None:
        raise ValidationError(refusal)
    save_translation_draft(translation, user)
    page.refresh_from_db()
    workflow_state = page.current_workflow_state
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        workflow_state.resume(user)
        return workflow_state
    return page.get_workflow().start(page, user)
