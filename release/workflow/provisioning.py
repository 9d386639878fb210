"""A site's 三审 release workflow, and the building blocks other apps' workflows share.

Names are data, like group names, so they are stored in Chinese as they are.

Workflows are created once per site and then belong to the site's
administrators: provisioning again never overwrites a workflow someone has
edited in Wagtail's Workflows admin.

The release workflow is release's contribution to provisioning (the
`govcms_provision_site` hook, sitegroup.provisioning). Apps add steps to it
through the `govcms_release_workflow_tasks` hook (RELEASE_WORKFLOW_TASKS_HOOK):
a function called with the site's name and role groups (as in
ProvisionContext.groups) that returns WorkflowSteps; every step runs in the
order of its `order` (release's own are 100, 200 and 300; policy's 三同步检查
is 400), steps of equal order in the order of their apps in INSTALLED_APPS.
Release imports none of the apps that add steps.
"""

from dataclasses import dataclass
from operator import attrgetter

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page, Task, Workflow, WorkflowPage, WorkflowTask

from govcms.core.hooks import hooks_in_app_order
from govcms.core.tree import under_any_of
from govcms.core.wording import join_words
from release.models import ContentCheckTask, ReviewTask

RELEASE_WORKFLOW_TASKS_HOOK = "govcms_release_workflow_tasks"

CONTENT_CHECK_TASK_NAME = "内容自动检查"


@dataclass(frozen=True)
class WorkflowStep:
    """A task of a site's release workflow and its place: steps run in the order of `order`."""

    order: int
    task: Task


def content_check_task():
    """One automated check task shared by every workflow (it has no per-site settings)."""
    task, _created = ContentCheckTask.objects.get_or_create(name=CONTENT_CHECK_TASK_NAME)
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
    """内容自动检查 → <name>部门初审 (审核 group) → <name>办公室签发 (签发 group) → the apps' steps → publish."""
    steps = [
        WorkflowStep(100, content_check_task()),
        WorkflowStep(200, review_task(f"{site_name}部门初审", groups["审核"])),
        WorkflowStep(300, review_task(f"{site_name}办公室签发", groups["签发"])),
    ]
    for contribute in hooks_in_app_order(RELEASE_WORKFLOW_TASKS_HOOK):
        steps += contribute(site_name, groups)
    return ensure_workflow(f"{site_name}发布流程", [step.task for step in sorted(steps, key=attrgetter("order"))])


def provision_release_workflow(context):
    """Provisioning's release step (govcms_provision_site): the site's 三审 workflow on its home, unless the
    home has a workflow already (it may have been edited)."""
    if not WorkflowPage.objects.filter(page=context.home).exists():
        assign_workflow(context.home, release_workflow(context.name, context.groups))
        context.created.append(_("发布审核流程"))


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
            steps.append(UnderstaffedStep(task.name, join_words(group.name for group in groups), members))
    return steps


def understaffed_step_text(step):
    return ngettext("%(task)s（%(group)s，%(members)s 人）", "%(task)s（%(group)s，%(members)s 人）", step.members) % {
        "task": step.task,
        "group": step.group,
        "members": step.members,
    }


def understaffed_warnings(result):
    """After a site is provisioned in the admin (govcms_provisioned_site_warnings): its review steps that need
    members."""
    steps = understaffed_review_steps([result.home])
    if not steps:
        return []
    return [
        _("请为审核环节添加成员，每个环节至少两人（不能审核通过自己修改的内容）：%(steps)s。")
        % {"steps": join_words((understaffed_step_text(step) for step in steps), "items")}
    ]
