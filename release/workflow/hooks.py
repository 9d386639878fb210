"""Admin hook functions that let people see where a submission stands in the release workflow; registered in
release/wagtail_hooks.py.

* A submission the content check returned reads as a failure: an error instead
  of Wagtail's "submitted" message, the report on the edit page, 自动检查未通过
  in the explorer (and, in the dashboard, release's copy of Wagtail's "your
  pages in a workflow" panel).
* The resubmit button names the step a resubmission restarts at: the first.
* A reviewer whom four eyes keeps from approving is told why in the editor.
* Whoever keeps a site's settings is warned when a review step has fewer than
  two people, so that four eyes never leaves a page without an approver.
"""

from django.contrib import messages as django_messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.shortcuts import redirect
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Site, WorkflowState

from govcms.core.scope import is_platform_wide
from release.models import ContentCheckTaskState, ReviewTask, rejecting_check
from release.workflow.provisioning import understaffed_review_steps

SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


def check_report_message(request, check, message):
    problems = format_html_join("", "<li>{}</li>", ((problem["message"],) for problem in check.report))
    detail = format_html('<ul class="errorlist">{}</ul>', problems)
    django_messages.error(request, messages.render(message, [], detail=detail))


def report_failed_check_on_submit(request, page):
    """Replace Wagtail's green "submitted for moderation" with the check's report, and stay in the editor."""
    if not any(request.POST.get(action) for action in SUBMIT_ACTIONS):
        return None
    check = rejecting_check(page.current_workflow_state)
    if check is None:
        return None
    storage = django_messages.get_messages(request)
    # Reading the queued messages consumes them; all but the "submitted" success are added back.
    for message in [message for message in storage if message.level != django_messages.SUCCESS]:
        storage.add(message.level, message.message, message.extra_tags)
    check_report_message(request, check, _("提交未通过内容自动检查，已退回修改。请按以下问题修改后重新提交："))
    return redirect("wagtailadmin_pages:edit", page.pk)


class ResubmitMenuItem(SubmitForModerationMenuItem):
    """Wagtail's "Resubmit to <step>" names the step that asked for changes; ours restarts at the first step."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        workflow_state = context["page"].current_workflow_state
        if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            first_task = workflow_state.workflow.tasks.filter(active=True).first()
            # Wagtail's own words, so its catalogue translates them.
            context["label"] = _("Resubmit to %(task_name)s") % {"task_name": first_task.name}
        return context


def resubmit_to_the_first_step(menu_items, request, context):
    if context.get("view") != "edit":
        return
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = ResubmitMenuItem(order=item.order)


def explain_workflow_position(request, page):
    """In the editor: the check's report while it holds the page, or why the reviewer may not approve."""
    if request.method != "GET":
        return
    workflow_state = page.current_workflow_state
    check = rejecting_check(workflow_state)
    if check is not None:
        check_report_message(request, check, _("自动检查未通过：请修改以下问题后重新提交审核。"))
        return
    task = page.current_workflow_task
    if isinstance(task, ReviewTask):
        # A member of the step's group who is offered no "approve" is kept from it by four eyes.
        actions = [name for name, _label, _modal in task.get_actions(page, request.user)]
        if actions and "approve" not in actions:
            messages.warning(request, task.approval_refusal(page, request.user))


def annotate_failed_checks(parent_page, pages, request):
    """For 自动检查未通过 in the explorer's status column (wagtailadmin/pages/listing/_page_status_cell.html)."""
    returned_by_check = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_NEEDS_CHANGES,
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), CharField()),
        current_task_state__content_type=ContentType.objects.get_for_model(ContentCheckTaskState),
    )
    return pages.annotate(failed_content_check=Exists(returned_by_check))


class UnderstaffedReviewWarning(Component):
    name = "understaffed_review_steps"
    order = 60
    template_name = "release/review/understaffed_warning.html"

    def __init__(self, steps):
        self.steps = steps

    def get_context_data(self, parent_context=None):
        return {"steps": self.steps}


def sites_kept_by(user):
    """The sites whose settings the user keeps: every site for platform administrators."""
    if is_platform_wide(user):
        return Site.objects.all()
    return Site.objects.filter(
        group_permissions__group__user=user, group_permissions__permission__codename="change_siteidentity"
    ).distinct()


def warn_about_understaffed_review_steps(request, panels):
    homes = [site.root_page for site in sites_kept_by(request.user).select_related("root_page")]
    steps = understaffed_review_steps(homes) if homes else []
    if steps:
        panels.append(UnderstaffedReviewWarning(steps))
