"""The 三审 release workflow: content check, 部门初审, 办公室签发, then live."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, PageLogEntry, TaskState, WorkflowPage, WorkflowState

from policy.models import InterpretationTask
from release.models import ContentCheckTask, ReviewTask
from tests.release.workflow import act, current_task_state, submit
from tests.sitegroup.utils import article_form_data


def workflow_state(page):
    return WorkflowState.objects.for_instance(page).order_by("-pk").first()


def test_every_site_has_its_own_three_step_workflow(site_group):
    for provisioned in (site_group.portal, site_group.county_a, site_group.county_b, site_group.department):
        workflow = WorkflowPage.objects.get(page=provisioned.home).workflow
        name = provisioned.home.title
        assert workflow.name == f"{name}发布流程"
        tasks = [task.specific for task in workflow.tasks]
        assert [task.name for task in tasks] == ["内容自动检查", f"{name}部门初审", f"{name}办公室签发", "三同步检查"]
        assert isinstance(tasks[0], ContentCheckTask)
        assert all(isinstance(task, ReviewTask) for task in tasks[1:3])
        assert isinstance(tasks[3], InterpretationTask)
        assert list(tasks[1].groups.all()) == [provisioned.groups["审核"]]
        assert list(tasks[2].groups.all()) == [provisioned.groups["签发"]]


def test_a_submission_passes_the_check_and_both_reviews_then_goes_live(
    client, draft, county_a_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, county_a_staff.officer, draft)
    assert current_task_state(draft).task.name == "甲县人民政府部门初审"

    with django_capture_on_commit_callbacks(execute=True):
        act(client, county_a_staff.reviewer, draft, "approve")
    assert current_task_state(draft).task.name == "甲县人民政府办公室签发"
    draft.refresh_from_db()
    assert not draft.live

    with django_capture_on_commit_callbacks(execute=True):
        act(client, county_a_staff.approver, draft, "approve")
    draft.refresh_from_db()
    assert draft.live
    assert workflow_state(draft).status == WorkflowState.STATUS_APPROVED
    actions = list(PageLogEntry.objects.filter(page=draft).order_by("pk").values_list("action", "user"))
    assert ("wagtail.workflow.start", county_a_staff.officer.pk) in actions
    assert ("wagtail.workflow.approve", county_a_staff.reviewer.pk) in actions
    assert ("wagtail.workflow.approve", county_a_staff.approver.pk) in actions
    assert ("wagtail.publish", county_a_staff.approver.pk) in actions


def test_a_rejection_with_comment_returns_the_page_and_a_resubmission_restarts_the_review(
    client, draft, county_a_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, county_a_staff.officer, draft)
        act(client, county_a_staff.reviewer, draft, "reject", comment="请补充会议时间")
    state = workflow_state(draft)
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejected = state.current_task_state
    assert (rejected.status, rejected.comment) == (TaskState.STATUS_REJECTED, "请补充会议时间")
    assert PageLogEntry.objects.filter(
        page=draft, action="wagtail.workflow.reject", user=county_a_staff.reviewer
    ).exists()

    with django_capture_on_commit_callbacks(execute=True):
        submit(client, county_a_staff.officer, draft, title="甲县召开防汛工作会议（6月3日）")
    assert workflow_state(draft).status == WorkflowState.STATUS_IN_PROGRESS
    assert current_task_state(draft).task.name == "甲县人民政府部门初审"


def test_nobody_approves_a_revision_they_edited(client, draft, county_a_staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, county_a_staff.officer, draft)
    reviewer = county_a_staff.reviewer
    draft.title = "甲县召开防汛工作会议（审核修改）"
    draft.save_revision(user=reviewer)
    task_state = current_task_state(draft)

    assert [name for name, _label, _modal in task_state.task.specific.get_actions(draft, reviewer)] == ["reject"]
    response = act(client, reviewer, draft, "approve")
    assert response.status_code in (302, 403)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not PageLogEntry.objects.filter(page=draft, action="wagtail.workflow.approve").exists()


def test_reviewers_of_another_county_neither_see_nor_act_on_the_task(
    client, draft, county_a_staff, site_group, make_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, county_a_staff.officer, draft)
    outsider = make_user(site_group.county_b.groups["审核"])
    task_state = current_task_state(draft)

    assert not task_state.task.specific.get_task_states_user_can_moderate(outsider).exists()
    outsider_client = Client()
    outsider_client.force_login(outsider)
    dashboard = outsider_client.get("/admin/")
    assert draft.title not in dashboard.content.decode()
    act(outsider_client, outsider, draft, "approve")
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


def test_an_information_officer_cannot_publish_by_posting_the_publish_action(
    client, draft, county_a_staff, django_capture_on_commit_callbacks
):
    client.force_login(county_a_staff.officer)
    data = article_form_data(draft.title, draft.slug)
    data["action-publish"] = "Publish"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)
    draft.refresh_from_db()
    assert not draft.live
    assert not PageLogEntry.objects.filter(page=draft, action="wagtail.publish").exists()


@pytest.mark.parametrize("role", ["信息员", "编辑"])
def test_officers_and_editors_can_submit(
    client, draft, site_group, make_user, role, django_capture_on_commit_callbacks
):
    user = make_user(site_group.county_a.groups[role])
    draft.owner = user
    draft.save()
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, user, draft)
    assert workflow_state(draft).status == WorkflowState.STATUS_IN_PROGRESS


def test_a_translated_site_root_gets_the_workflow_of_the_site_it_translates(site_group):
    english = Locale.objects.get(language_code="en")
    home = site_group.county_a.home
    translated_home = home.copy_for_translation(english, copy_parents=True)
    assert WorkflowPage.objects.get(page=translated_home).workflow == WorkflowPage.objects.get(page=home).workflow


def test_requesting_changes_needs_a_comment(client, draft, county_a_staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, county_a_staff.officer, draft)
        # As the admin's modal sends it, so that form errors come back to the reviewer.
        response = act(client, county_a_staff.reviewer, draft, "reject", comment="", x_requested_with="XMLHttpRequest")
    assert "请填写修改意见" in response.json()["html"]
    assert workflow_state(draft).status == WorkflowState.STATUS_IN_PROGRESS
    assert current_task_state(draft).task.name == "甲县人民政府部门初审"
