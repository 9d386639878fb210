"""三同步: publishing an interpretation releases the major policies that were waiting for it."""

from django.utils.translation import gettext as _
from wagtail.signals import page_published

from policy.models import interpreting_models, waiting_interpretation_task_states


def release_waiting_policies(sender, instance, **kwargs):
    """Approve the policies' 三同步 step: each publishes the revision its reviewers approved, in this transaction.

    Any page type that interprets policies (an interpretation, an online interview) releases them, once the public
    sees it: a page in a protected section or on a site not yet public releases none (public_policy_links).
    """
    for task_state in waiting_interpretation_task_states(instance.policies_interpreted_in_public()):
        task_state.specific.approve(comment=_("解读《%(title)s》已发布，三同步完成。") % {"title": instance.title})


def register_signal_handlers():
    # Every page model is loaded by now, those of the apps above this one (interviews) included.
    for model in interpreting_models():
        page_published.connect(
            release_waiting_policies, sender=model, dispatch_uid=f"policy_release_waiting_policies_{model._meta.label}"
        )
