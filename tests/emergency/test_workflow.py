"""The emergency fast track: one 签发 review between an information officer's draft and the public."""

from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState, WorkflowPage, WorkflowState

from emergency.models import EmergencyIndexPage, EmergencyPage
from home.models import ColumnPage
from release.models import ReviewTask
from tests.emergency.utils import emergency_form_data, emergency_index


def current_task_state(page):
    return TaskState.objects.for_instance(page).filter(status=TaskState.STATUS_IN_PROGRESS).get()


def test_every_site_has_a_one_step_emergency_workflow_for_its_signing_group(site_group):
    for provisioned in (site_group.portal, site_group.county_a, site_group.county_b, site_group.department):
        name = provisioned.home.title
        workflow = WorkflowPage.objects.get(page=emergency_index(provisioned.home)).workflow
        assert workflow.name == f"{name}应急签发"
        tasks = [task.specific for task in workflow.tasks]
        assert len(tasks) == 1
        assert isinstance(tasks[0], ReviewTask)
        assert tasks[0].name == f"{name}办公室签发"
        assert list(tasks[0].groups.all()) == [provisioned.groups["签发"]]


def test_emergencies_belong_in_the_index_only(site_group):
    home = site_group.county_a.home
    index = emergency_index(home)
    column = ColumnPage.objects.child_of(home).get(slug="zwdt")

    assert EmergencyPage.can_create_at(index)
    assert not EmergencyPage.can_create_at(column)
    assert not EmergencyPage.can_create_at(home)
    assert not EmergencyIndexPage.can_create_at(home)  # one index per site, made by provisioning
    assert not EmergencyIndexPage.can_create_at(column)


def test_an_officers_emergency_goes_live_on_one_approval(
    client, site_group, make_user, django_capture_on_commit_callbacks
):
    county = site_group.county_a
    officer = make_user(county.groups["信息员"])
    approver = make_user(county.groups["签发"])
    index = emergency_index(county.home)
    first_report = {"time": "2024-06-01 20:00", "text": "气象台发布暴雨红色预警。", "image": "", "image_alt": ""}

    client.force_login(officer)
    add = reverse("wagtailadmin_pages:add", args=["emergency", "emergencypage", index.pk])
    assert client.get(add).status_code == 200
    response = client.post(add, emergency_form_data("暴雨红色预警", "rainstorm", [first_report]))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = EmergencyPage.objects.child_of(index).get()
    assert not page.live

    update = page.updates.get()
    data = emergency_form_data("暴雨红色预警", "rainstorm", [{**first_report, "id": str(update.pk)}])
    data["action-submit"] = "Submit"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    task_state = current_task_state(page)
    assert task_state.task.name == "甲县人民政府办公室签发"
    assert task_state.workflow_state.workflow.name == "甲县人民政府应急签发"

    client.force_login(approver)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"comment": ""})

    page.refresh_from_db()
    assert page.live
    assert WorkflowState.objects.for_instance(page).get().status == WorkflowState.STATUS_APPROVED
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish", user=approver).exists()
    assert [update.text for update in page.updates.all()] == ["气象台发布暴雨红色预警。"]
    assert "暴雨红色预警" in client.get("/", HTTP_HOST="county-a.localhost").content.decode()


def test_the_officer_cannot_approve_their_own_emergency(
    client, site_group, make_user, django_capture_on_commit_callbacks
):
    """Someone in both the officer and the signing group still needs a second person."""
    county = site_group.county_a
    both = make_user(county.groups["信息员"], county.groups["签发"])
    index = emergency_index(county.home)
    client.force_login(both)
    data = emergency_form_data("山体滑坡", "landslide", [{"time": "2024-06-02 06:00", "text": "某村发生山体滑坡。"}])
    data["action-submit"] = "Submit"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("wagtailadmin_pages:add", args=["emergency", "emergencypage", index.pk]), data)
    page = EmergencyPage.objects.child_of(index).get()
    task_state = current_task_state(page)

    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"comment": ""})

    page.refresh_from_db()
    assert not page.live
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
