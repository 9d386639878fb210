from django import template
from django.contrib.contenttypes.models import ContentType

from release.models import ContentCheckTaskState

register = template.Library()


@register.filter
def is_content_check(task_state):
    """Whether the task state is the automated content check's (its content type, without a query)."""
    return ContentType.objects.get_for_id(task_state.content_type_id).model_class() is ContentCheckTaskState
