"""三同步: publishing an interpretation releases the major policies that were waiting for it."""

from django.utils.translation import gettext as _
from wagtail.signals import page_published

from policy.models import InterpretationPage, waiting_interpretation_task_states


def release_waiting_policies(sender, instance, **kwargs):
    """Approve the policies' 三同步 step: each publishes the revision its reviewers approved, in this transaction."""
    policy_ids = list(instance.policy_links.values_list("policy_id", flat=True))
    for task_state in waiting_interpretation_task_states(policy_ids):
        task_state.specific.approve(comment=_("解读《%(title)s》已发布，三同步完成。") % {"title": instance.title})


def register_signal_handlers():
    page_published.connect(
        release_waiting_policies, sender=InterpretationPage, dispatch_uid="policy_release_waiting_policies"
    )
