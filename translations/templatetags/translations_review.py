"""The translation editor's status line and 提交审校 button (translations/templates/wagtail_localize/admin/)."""

from django import template
from wagtail.models import WorkflowState

from translations.review import Status, translation_state

register = template.Library()


@register.inclusion_tag("translations/includes/review_bar.html", takes_context=True)
def translation_review_bar(context, page):
    state = translation_state(page)
    return {
        "state": state,
        "page": page,
        "status_label": Status(state.status).label,
        "complete": state.translated >= state.total,
        "may_submit": state.may_submit and page.permissions_for_user(context["request"].user).can_edit(),
        "resubmit": state.workflow_status == WorkflowState.STATUS_NEEDS_CHANGES,
        "csrf_token": context.get("csrf_token"),
    }
