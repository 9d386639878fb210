"""三同步: publishing an interpretation releases the major policies that were waiting for it."""

from django.contrib.contenttypes.models import ContentType
from django.dispatch import receiver
from django.utils.translation import gettext as _
from wagtail.models import Page, TaskState
from wagtail.signals import page_published

from policy.models import InterpretationPage, InterpretationTask


def waiting_interpretation_task_states(policy_ids):
    return TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        task__in=InterpretationTask.objects.all(),
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        workflow_state__object_id__in=[str(pk) for pk in policy_ids],
    ).select_related("workflow_state")


@receiver(page_published, sender=InterpretationPage)
def release_waiting_policies(sender, instance, **kwargs):
    policy_ids = list(instance.policy_links.values_list("policy_id", flat=True))
    for task_state in waiting_interpretation_task_states(policy_ids):
        task_state.specific.approve(comment=_("解读《%(title)s》已发布，三同步完成。") % {"title": instance.title})
