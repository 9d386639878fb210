"""Which policies an interpretation may link: released ones of the editor's own site and of the sites above.

Besides live policies, the editor's own site offers policies that are in a
release workflow: 三同步 releases a major policy together with its
interpretation, so the interpretation must be able to name the policy while
both are under review. Drafts nobody has submitted are not offered.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Q
from django.db.models.functions import Cast
from wagtail.models import Page, WorkflowState

from govcms.core.scope import SiteScope


def in_moderation_page_ids():
    states = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS, base_content_type=ContentType.objects.get_for_model(Page)
    )
    return states.annotate(page_id=Cast("object_id", IntegerField())).values("page_id")


def released_or_in_moderation():
    return Q(live=True) | Q(pk__in=in_moderation_page_ids())


def linkable_policies(user):
    from policy.models import PolicyPage

    return PolicyPage.objects.filter(released_or_in_moderation()).filter(SiteScope.of(user).chooser_q(sites_above=True))
