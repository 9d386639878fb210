"""Default workflows of a site: 三审 release and the emergency fast track.

Names are data, like group names, so they are stored in Chinese as they are.

Workflows are created once per site and then belong to the site's
administrators: provisioning again never overwrites a workflow someone has
edited in Wagtail's Workflows admin.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowTask

from govcms.core.tree import under_any_of
from policy.models import InterpretationTask
from release.models import ContentCheckTask, ReviewTask

CONTENT_CHECK_TASK_NAME = "内容自动检查"
INTERPRETATION_TASK_NAME = "三同步检查"


def content_check_task():
    """One automated check task shared by every workflow (it has no per-site settings)."""
    task, _created = ContentCheckTask.objects.get_or_create(name=CONTENT_CHECK_TASK_NAME)
    return task


def interpretation_task():
    """One 三同步 task shared by every release workflow; each site's grace period is a site setting."""
    task, _created = InterpretationTask.objects.get_or_create(name=INTERPRETATION_TASK_NAME)
    return task


def review_task(name, group):
    task = ReviewTask.objects.filter(name=name).first()
    if task is None:
        task = ReviewTask.objects.create(name=name)
        task.groups.set([group])
    return task


def ensure_workflow(name, tasks):
    """Create the workflow `name` with `tasks` in order, unless it exists already."""
    workflow, created = Workflow.objects.get_or_create(name=name)
    if created:
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def release_workflow(site_name, groups):
    """内容自动检查 → <name>部门初审 (审核 group) → <name>办公室签发 (签发 group) → 三同步检查 → publish."""
    return ensure_workflow(
        f"{site_name}发布流程",
        [
            content_check_task(),
            review_task(f"{site_name}部门初审", groups["审核"]),
            review_task(f"{site_name}办公室签发", groups["签发"]),
            interpretation_task(),
        ],
    )


def assign_workflow(page, workflow):
    """Assign `workflow` to `page`'s subtree unless the page already has a workflow of its own."""
    WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})


# Four eyes needs a second member: alone in a step's group, nobody can approve that member's own edits.
MINIMUM_REVIEWERS = 2


@dataclass(frozen=True)
class UnderstaffedStep:
    task: str
    group: str
    members: int


def understaffed_review_steps(pages):
    """Review steps, in the workflows of `pages` and the pages below them, whose group has fewer than two members."""
    assignments = WorkflowPage.objects.filter(page__in=Page.objects.filter(under_any_of([p.path for p in pages])))
    tasks = ReviewTask.objects.filter(
        workflow_tasks__workflow__in=assignments.values("workflow"), workflow_tasks__workflow__active=True, active=True
    ).distinct()
    steps = []
    for task in tasks.prefetch_related("groups").order_by("name"):
        groups = task.groups.all()
        members = get_user_model().objects.filter(groups__in=groups, is_active=True).distinct().count()
        if members < MINIMUM_REVIEWERS:
            steps.append(UnderstaffedStep(task.name, "、".join(group.name for group in groups), members))
    return steps
