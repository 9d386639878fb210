"""Signal handlers of the release process.

* Keep translated site roots inside their site's workflow. Wagtail finds a
  page's workflow by tree position, and a translation of a site's HomePage is
  the root of a separate tree (the English one, say). Without its own
  assignment the translated site would fall back to the tree root's workflow;
  this gives it the same workflow as the page it translates, however the
  translation was made (copy for translation, wagtail-localize, an alias).
* Tell the submitter when the content check sends a submission back.
* Record where a deleted page was, for the release reports (release.reports.scoping).
"""

from django.db.models.signals import post_save, pre_delete
from wagtail.admin.mail import WorkflowStateRejectionEmailNotifier
from wagtail.models import Page, PageLogEntry, WorkflowPage, WorkflowState
from wagtail.signals import workflow_rejected

from home.models import HomePage
from release.models import ContentCheckTaskState
from release.reports.scoping import DELETE_ACTION, DELETED_PATH_KEY


def assign_source_workflow_to_translation(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    source_assignment = (
        WorkflowPage.objects.filter(page__translation_key=instance.translation_key)
        .exclude(page_id=instance.pk)
        .select_related("workflow")
        .first()
    )
    if source_assignment is not None:
        WorkflowPage.objects.get_or_create(page=instance, defaults={"workflow": source_assignment.workflow})


class ContentCheckRejectionEmailNotifier(WorkflowStateRejectionEmailNotifier):
    """Wagtail's "changes requested" e-mail, for the submitter whose own submission the check returned.

    Wagtail's notifier leaves out the user whose request triggered the rejection,
    since a reviewer who rejects needs no e-mail. The check rejects inside the
    submitter's own request, so Wagtail sends nothing then; this sends that one
    e-mail with Wagtail's templates (when someone else resubmitted, Wagtail's
    notifier already writes to the submitter).
    """

    def can_handle(self, instance, **kwargs):
        return super().can_handle(instance, **kwargs) and isinstance(
            instance.current_task_state.specific, ContentCheckTaskState
        )

    def get_recipient_users(self, workflow_state, **kwargs):
        submitter = workflow_state.requested_by
        return {submitter} if submitter is not None and submitter == kwargs.get("user") else set()


# Module-level: signals keep only weak references to their receivers.
content_check_rejection_email_notifier = ContentCheckRejectionEmailNotifier()


def record_deleted_page_path(sender, instance, **kwargs):
    """Add the page's tree path to the `wagtail.delete` entry Wagtail has just written for it.

    Wagtail's DeletePageAction logs the deletion of the page and of each
    descendant before it deletes the rows, so the entry exists by now.
    Deleting rows without Wagtail (a raw queryset delete) logs nothing, and
    then there is nothing to complete.
    """
    entry = PageLogEntry.objects.filter(page_id=instance.pk, action=DELETE_ACTION).order_by("-timestamp", "-pk").first()
    if entry is not None and DELETED_PATH_KEY not in entry.data:
        entry.data = {**entry.data, DELETED_PATH_KEY: instance.path}
        PageLogEntry.objects.filter(pk=entry.pk).update(data=entry.data)


def register_signal_handlers():
    post_save.connect(assign_source_workflow_to_translation, sender=HomePage, dispatch_uid="release_translated_roots")
    workflow_rejected.connect(
        content_check_rejection_email_notifier,
        sender=WorkflowState,
        dispatch_uid="release_content_check_rejected_email",
    )
    pre_delete.connect(record_deleted_page_path, sender=Page, dispatch_uid="release.record_deleted_page_path")
