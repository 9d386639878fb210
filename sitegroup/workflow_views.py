"""Wagtail's workflow views of a page, answering only those who may see the page (issue 12, item 3).

Wagtail's workflow action, action-data, cancellation-confirmation and task-preview views load any page
by id and name it, its draft title, its workflow and its task to any admin user, in the modal or in
an error message ("The page '…' is not currently awaiting moderation"), before they check whether the
user may act; the action views also accept a task state of another page than the one in the URL.
These wrappers answer "not found" first, then hand the request to Wagtail's own view unchanged.
The task chooser (every site's tasks, to any admin user) is kept to those who edit workflows.
sitegroup/admin_urls.py mounts them at Wagtail's paths.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.admin.views import workflows
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page, TaskState, Workflow
from wagtail.permissions import policy_registry

from govcms.core.scope import SiteScope


def may_see_workflow_of(user, page):
    """The page lies in the user's working subtrees, or its current task is one the user may act on."""
    if SiteScope.of(user).works_on(page):
        return True
    task = page.current_workflow_task
    return bool(task and task.specific.get_actions(page, user))


def page_in_scope(view_name):
    """Wagtail's page view `view_name`, refused with a 404 for a page the user may not see."""
    view = page_viewset_registry.as_view(view_name, page_id_kwarg="page_id")

    @wraps(view)
    def scoped(request, page_id, **kwargs):
        page = get_object_or_404(Page, pk=page_id).specific_deferred
        if not may_see_workflow_of(request.user, page):
            raise Http404
        task_state_id = kwargs.get("task_state_id")
        if task_state_id is not None and not task_state_of(page, task_state_id):
            raise Http404
        return view(request, page_id=page_id, **kwargs)

    return scoped


def task_state_of(page, task_state_id):
    """Whether the task state belongs to the page's workflow (Wagtail acts on the state it is given)."""
    return TaskState.objects.filter(
        pk=task_state_id,
        workflow_state__base_content_type=page.get_base_content_type(),
        workflow_state__object_id=str(page.pk),
    ).exists()


workflow_action = page_in_scope("workflow_action")
collect_workflow_action_data = page_in_scope("collect_workflow_action_data")
confirm_workflow_cancellation = page_in_scope("confirm_workflow_cancellation")
workflow_preview = page_in_scope("workflow_preview")


def for_workflow_editors(view):
    """Wagtail's task chooser lists every site's tasks to any admin user; it serves editing a workflow,
    so only those who may add or change workflows (the platform's administrators) open it."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not policy_registry.get_by_type(Workflow).user_has_any_permission(request.user, ["add", "change"]):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


task_chooser = for_workflow_editors(workflows.TaskChooserView.as_view())
task_chooser_results = for_workflow_editors(workflows.TaskChooserResultsView.as_view())
task_chooser_create = for_workflow_editors(workflows.TaskChooserCreateView.as_view())
task_chosen = for_workflow_editors(workflows.task_chosen)
