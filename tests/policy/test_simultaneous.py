"""三同步: a major policy completes the release workflow only with a live interpretation, or with a grace period."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, TaskState, WorkflowState

from policy.models import InterpretationPage, InterpretationTask, PolicyPage, PolicySettings
from release.models import UnreviewedPublication
from tests.policy.test_admin import interpretation_form_data
from tests.policy.utils import add_interpretation, add_policy, interpretation_column_of, library_of
from tests.policy.workflow import (
    approve,
    current_task_name,
    draft_policy,
    policy_form_data,
    post_edit,
    submit_new_page,
    through_human_reviews,
    waiting_major_policy,
)


def through_reviews(page, staff):
    """Submit `page` and approve both human reviews; returns the workflow state."""
    workflow = page.get_workflow()
    workflow_state = workflow.start(page, staff.officer)
    for reviewer in (staff.reviewer, staff.approver):
        task_state = workflow_state.current_task_state
        assert task_state is not None and task_state.status == TaskState.STATUS_IN_PROGRESS, task_state
        task_state.task.specific.on_action(task_state, reviewer, "approve")
        workflow_state.refresh_from_db()
    return workflow_state


def test_a_major_policy_without_interpretation_waits_at_the_check(site_group, county_a_staff):
    policy = draft_policy(site_group)
    workflow_state = through_reviews(policy, county_a_staff)
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert isinstance(workflow_state.current_task_state.task.specific, InterpretationTask)
    assert not Page.objects.get(pk=policy.pk).live


def test_publishing_the_interpretation_releases_the_waiting_policy(site_group, county_a_staff):
    policy = draft_policy(site_group)
    workflow_state = through_reviews(policy, county_a_staff)
    add_interpretation(interpretation_column_of(site_group.county_a), "部门解读", policies=[policy])
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    assert PolicyPage.objects.get(pk=policy.pk).live
    task_state = TaskState.objects.get(workflow_state=workflow_state, task__name="三同步检查")
    assert "部门解读" in task_state.comment


def test_an_interpretation_of_another_policy_releases_nothing(site_group, county_a_staff):
    policy = draft_policy(site_group)
    other = add_policy(library_of(site_group.county_a), "另一份文件")
    workflow_state = through_reviews(policy, county_a_staff)
    add_interpretation(interpretation_column_of(site_group.county_a), "别的解读", policies=[other])
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not PolicyPage.objects.get(pk=policy.pk).live


def test_a_major_policy_whose_interpretation_is_live_goes_straight_through(site_group, county_a_staff):
    policy = draft_policy(site_group)
    add_interpretation(interpretation_column_of(site_group.county_a), "已上线的解读", policies=[policy])
    workflow_state = through_reviews(policy, county_a_staff)
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    assert PolicyPage.objects.get(pk=policy.pk).live


def test_an_ordinary_policy_needs_no_interpretation(site_group, county_a_staff):
    policy = draft_policy(site_group, "一般文件", is_major=False)
    assert through_reviews(policy, county_a_staff).status == WorkflowState.STATUS_APPROVED


def test_nobody_approves_the_check_by_hand_but_the_approver_can_send_it_back(site_group, county_a_staff):
    policy = draft_policy(site_group)
    workflow_state = through_reviews(policy, county_a_staff)
    task = workflow_state.current_task_state.task.specific
    assert task.get_actions(policy, county_a_staff.officer) == []
    assert [name for name, _label, _modal in task.get_actions(policy, county_a_staff.approver)] == ["reject"]


def test_the_waiting_policy_can_be_sent_back_through_the_admin(client, site_group, county_a_staff):
    policy = draft_policy(site_group)
    workflow_state = through_reviews(policy, county_a_staff)
    client.force_login(county_a_staff.approver)
    task_state = workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[policy.pk, "reject", task_state.pk])
    client.post(url, {"comment": "请先完成解读"})
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=[policy.pk, "approve", task_state.pk])
    client.post(approve_url, {"comment": ""})
    assert not PolicyPage.objects.get(pk=policy.pk).live


@pytest.fixture
def grace_period(site_group):
    settings = PolicySettings.for_site(site_group.county_a.site)
    settings.interpretation_grace_days = 3
    settings.save()
    return settings


def test_with_a_grace_period_the_policy_goes_live_and_is_listed_as_awaiting(
    client, site_group, county_a_staff, grace_period
):
    policy = draft_policy(site_group)
    assert through_reviews(policy, county_a_staff).status == WorkflowState.STATUS_APPROVED
    assert PolicyPage.objects.get(pk=policy.pk).live
    client.force_login(county_a_staff.administrator)
    response = client.get(reverse("policy_pending_interpretation_report"))
    assert response.status_code == 200
    assert [policy.title for policy in response.context["object_list"]] == ["甲县重大政策"]
    assert not response.context["object_list"][0].overdue


def test_an_awaiting_policy_past_its_grace_period_is_overdue(client, site_group, county_a_staff, grace_period):
    policy = draft_policy(site_group)
    through_reviews(policy, county_a_staff)
    # National Day 2026: published on 30 September, three working days run to 10 October (a 调休 Saturday).
    PolicyPage.objects.filter(pk=policy.pk).update(
        first_published_at=timezone.make_aware(timezone.datetime(2026, 9, 30, 10))
    )
    client.force_login(county_a_staff.administrator)
    row = client.get(reverse("policy_pending_interpretation_report")).context["object_list"][0]
    assert row.due_on == date(2026, 10, 10)
    assert row.overdue == (timezone.localdate() > date(2026, 10, 10))
    response = client.get(reverse("policy_pending_interpretation_report") + "?export=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "甲县重大政策" in text and "2026-10-10" in text


def test_the_report_drops_a_policy_once_an_interpretation_is_live(client, site_group, county_a_staff, grace_period):
    policy = draft_policy(site_group)
    through_reviews(policy, county_a_staff)
    add_interpretation(interpretation_column_of(site_group.county_a), "补发的解读", policies=[policy])
    client.force_login(county_a_staff.administrator)
    assert list(client.get(reverse("policy_pending_interpretation_report")).context["object_list"]) == []


def test_the_report_keeps_a_policy_whose_only_interpretation_is_protected(
    client, site_group, county_a_staff, grace_period
):
    policy = draft_policy(site_group)
    through_reviews(policy, county_a_staff)
    interpretation = add_interpretation(interpretation_column_of(site_group.county_a), "内部解读", policies=[policy])
    PageViewRestriction.objects.create(page=Page.objects.get(pk=interpretation.pk), restriction_type="login")
    client.force_login(county_a_staff.administrator)
    rows = client.get(reverse("policy_pending_interpretation_report")).context["object_list"]
    assert [row.title for row in rows] == ["甲县重大政策"]


def test_the_report_shows_only_the_users_sites(client, site_group, county_a_staff, make_user, grace_period):
    through_reviews(draft_policy(site_group), county_a_staff)
    county_b_admin = make_user(site_group.county_b.groups["管理员"])
    client.force_login(county_b_admin)
    assert list(client.get(reverse("policy_pending_interpretation_report")).context["object_list"]) == []


def test_the_grace_period_is_bounded(site_group):
    from django.core.exceptions import ValidationError

    settings = PolicySettings.for_site(site_group.county_a.site)
    settings.interpretation_grace_days = 31
    with pytest.raises(ValidationError):
        settings.full_clean()


# --- 三同步 through the admin views, as the people of the site do it ---------------------------


@pytest.fixture
def waiting_policy(client, site_group, county_a_staff, django_capture_on_commit_callbacks):
    return waiting_major_policy(client, site_group, county_a_staff, django_capture_on_commit_callbacks)


def submit_interpretation(client, site_group, officer, policy):
    column = interpretation_column_of(site_group.county_a)
    return submit_new_page(client, officer, column, InterpretationPage, interpretation_form_data(policy))


def test_the_interpretation_of_a_waiting_policy_passes_and_releases_the_approved_policy(
    client, site_group, county_a_staff, waiting_policy, django_capture_on_commit_callbacks
):
    staff = county_a_staff
    approved_revision = TaskState.objects.for_instance(waiting_policy).get(task__name="三同步检查").revision
    with django_capture_on_commit_callbacks(execute=True):
        interpretation = submit_interpretation(client, site_group, staff.officer, waiting_policy)
        # The check accepts the link to the policy that goes live with the interpretation.
        assert current_task_name(interpretation) == "甲县人民政府部门初审"
        through_human_reviews(client, staff, interpretation)

    interpretation = InterpretationPage.objects.get(pk=interpretation.pk)
    policy = PolicyPage.objects.get(pk=waiting_policy.pk)
    assert interpretation.live and policy.live
    assert policy.live_revision_id == approved_revision.pk
    assert WorkflowState.objects.for_instance(policy).get().status == WorkflowState.STATUS_APPROVED
    assert not UnreviewedPublication.objects.exists()


@pytest.mark.parametrize("restriction", ["login", "password"])
def test_an_interpretation_published_in_a_protected_column_releases_nothing(
    client, site_group, county_a_staff, waiting_policy, django_capture_on_commit_callbacks, restriction
):
    """三同步 is about the public: a column closed to it while the interpretation was in review releases nothing."""
    staff = county_a_staff
    with django_capture_on_commit_callbacks(execute=True):
        interpretation = submit_interpretation(client, site_group, staff.officer, waiting_policy)
        approve(client, staff.reviewer, interpretation)
        column = Page.objects.get(pk=interpretation_column_of(site_group.county_a).pk)
        PageViewRestriction.objects.create(page=column, restriction_type=restriction, password="jiedu")
        approve(client, staff.approver, interpretation)

    assert InterpretationPage.objects.get(pk=interpretation.pk).live
    assert current_task_name(waiting_policy) == "三同步检查"
    assert not PolicyPage.objects.get(pk=waiting_policy.pk).live


def test_the_waiting_policy_is_locked_against_edits(client, county_a_staff, waiting_policy):
    revisions = waiting_policy.revisions.count()
    for user in (county_a_staff.officer, county_a_staff.approver, county_a_staff.administrator):
        post_edit(client, user, waiting_policy, policy_form_data(waiting_policy, title="甲县重大政策（签发后改）"))
    assert waiting_policy.revisions.count() == revisions
    assert Page.objects.get(pk=waiting_policy.pk).get_lock().for_user(county_a_staff.approver)


def test_the_admin_api_cannot_revert_the_waiting_policy(client, county_a_staff, waiting_policy):
    """Wagtail's API revert ignores page locks: it would slip older, unreviewed text under the 三同步 lock."""
    older = waiting_policy.revisions.order_by("created_at", "pk").first()
    revisions = waiting_policy.revisions.count()
    url = reverse(
        "wagtailadmin_api:pages:action", kwargs={"pk": waiting_policy.pk, "action_name": "revert_to_page_revision"}
    )
    for user in (county_a_staff.officer, county_a_staff.approver, county_a_staff.administrator):
        client.force_login(user)
        response = client.post(url, {"revision_id": older.pk}, content_type="application/json")
        assert response.status_code == 403, user
    assert waiting_policy.revisions.count() == revisions


def test_a_revision_saved_around_the_lock_is_never_released_unreviewed(
    client, site_group, county_a_staff, waiting_policy, django_capture_on_commit_callbacks
):
    waiting_policy.title = "甲县重大政策（未经审核的修改）"
    waiting_policy.save_revision(user=county_a_staff.approver)
    staff = county_a_staff
    with django_capture_on_commit_callbacks(execute=True):
        interpretation = submit_interpretation(client, site_group, staff.officer, waiting_policy)
        through_human_reviews(client, staff, interpretation)

    assert InterpretationPage.objects.get(pk=interpretation.pk).live
    assert not PolicyPage.objects.get(pk=waiting_policy.pk).live
    # The changed text goes through the check and the reviews again.
    assert current_task_name(waiting_policy) == "甲县人民政府部门初审"
