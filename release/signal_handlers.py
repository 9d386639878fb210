"""Keep translated site roots inside their site's workflow.

Wagtail finds a page's workflow by tree position, and a translation of a
site's HomePage is the root of a separate tree (the English one, say). Without
its own assignment the translated site would fall back to the tree root's
workflow; this gives it the same workflow as the page it translates, however
the translation was made (copy for translation, wagtail-localize, an alias).
"""

from django.db.models.signals import post_save
from wagtail.models import WorkflowPage

from home.models import HomePage


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


def register():
    post_save.connect(assign_source_workflow_to_translation, sender=HomePage, dispatch_uid="release_translated_roots")
