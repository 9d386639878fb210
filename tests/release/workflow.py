"""Driving a page through the release workflow with the real admin views."""

from django.urls import reverse
from wagtail.models import TaskState

from tests.sitegroup.utils import article_form_data


def submit(client, user, page, **changes):
    """POST the editor's 提交审核 (submit for moderation) as `user`."""
    client.force_login(user)
    data = article_form_data(changes.pop("title", page.title), page.slug, **changes)
    data["action-submit"] = "Submit"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def act(client, user, page, action, comment="", **headers):
    """A reviewer's approve / reject on the page's current task, through the workflow action view."""
    client.force_login(user)
    task_state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment}, headers=headers)


def current_task_state(page):
    return TaskState.objects.for_instance(page).filter(status=TaskState.STATUS_IN_PROGRESS).get()
