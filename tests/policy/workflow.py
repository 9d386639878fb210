"""Driving 三同步 through the admin views as a site's people do: a major policy submitted and approved until it waits
at the check, and an interpreting page (an interpretation, an online interview) taken through the same workflow."""

from django.urls import reverse
from wagtail.models import TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from policy.models import PolicyPage
from tests.policy.utils import add_policy, issuing_body, library_of

SIMULTANEOUS_CHECK = "三同步检查"
FIRST_REVIEW = "甲县人民政府部门初审"


def draft_policy(site_group, title="甲县重大政策", *, is_major=True):
    body = issuing_body(site_group.county_a, "甲县人民政府")
    return add_policy(library_of(site_group.county_a), title, bodies=[body], is_major=is_major, publish=False)


def policy_form_data(policy, **changes):
    """What the policy editor posts back for `policy` (a valid form unless `changes` spoil it)."""
    fields = {
        "title": policy.title,
        "slug": policy.slug,
        "document_number": policy.document_number,
        "written_date": policy.written_date.isoformat(),
        "publish_date": policy.publish_date.isoformat(),
        "is_major": "on" if policy.is_major else "",
        "validity": policy.validity,
        "validity_changed_on": "",
        "replaced_by": "",
        "summary": policy.summary,
        "body": streamfield([("paragraph", rich_text("<p>正文。</p>"))]),
        "attachments": inline_formset([]),
        "related_policy_links": inline_formset([]),
        "disclosure_method": policy.disclosure_method,
        "disclosure_category": policy.disclosure_category,
        "comments": inline_formset([]),
        **changes,
    }
    # A multiple choice posts one value per choice, which nested_form_data would number.
    return {**nested_form_data(fields), "issuing_bodies": [body.pk for body in policy.issuing_bodies.all()]}


def post_edit(client, user, page, data):
    client.force_login(user)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def approve(client, user, page):
    client.force_login(user)
    task_state = TaskState.objects.for_instance(page).get(status=TaskState.STATUS_IN_PROGRESS)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302
    return task_state


def current_task_name(page):
    return TaskState.objects.for_instance(page).get(status=TaskState.STATUS_IN_PROGRESS).task.name


def submit_new_page(client, officer, parent, model, data):
    """The officer adds a page of `model` under `parent` and submits it for review; returns the new page."""
    client.force_login(officer)
    url = reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])
    response = client.post(url, {**data, "action-submit": "Submit"})
    assert response.status_code == 302, response.context and response.context["form"].errors
    return model.objects.child_of(parent).latest("pk")


def through_human_reviews(client, staff, page):
    """The reviewer and the approver approve `page` in the admin (the automated checks pass by themselves)."""
    approve(client, staff.reviewer, page)
    approve(client, staff.approver, page)


def waiting_major_policy(client, site_group, staff, capture_on_commit):
    """A major policy submitted and approved through the admin views, waiting at 三同步 for its interpretation
    (`capture_on_commit`: pytest-django's django_capture_on_commit_callbacks)."""
    policy = draft_policy(site_group)
    # An information officer edits and submits the pages they own.
    policy.owner = staff.officer
    policy.save(update_fields=["owner"])
    with capture_on_commit(execute=True):
        response = post_edit(client, staff.officer, policy, {**policy_form_data(policy), "action-submit": "Submit"})
        assert response.status_code == 302, response.context["form"].errors
        through_human_reviews(client, staff, policy)
    assert current_task_name(policy) == SIMULTANEOUS_CHECK
    assert not PolicyPage.objects.get(pk=policy.pk).live
    return PolicyPage.objects.get(pk=policy.pk)
