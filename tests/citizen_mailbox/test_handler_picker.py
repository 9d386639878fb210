"""A department's 办理人员 are chosen from the mailbox's own site (issue 12, item 4).

Wagtail's picker listed every account on the platform and accepted any of them.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from citizen_mailbox.models import HANDLERS_GROUP, MailboxDepartment
from tests.citizen_mailbox.conftest import add_department, mailbox_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(site_group, make_user):
    handlers = Group.objects.get(name=HANDLERS_GROUP)
    return {
        "administrator_a": make_user(site_group.county_a.groups["管理员"], username="admin-a"),
        "officer_a": make_user(site_group.county_a.groups["信息员"], username="officer-a"),
        "free_handler": make_user(handlers, username="handler-free"),
        "officer_b": make_user(site_group.county_b.groups["信息员"], username="officer-b"),
        "handler_b": make_user(handlers, username="handler-b"),
        "portal_editor": make_user(site_group.portal.groups["编辑"], username="portal-editor"),
    }


@pytest.fixture
def mailbox_a(site_group, people):
    add_department(mailbox_of(site_group.county_b), "乙县住建局", people["handler_b"])
    mailbox = mailbox_of(site_group.county_a)
    add_department(mailbox, "甲县住建局", people["officer_a"])
    return mailbox


def edit_url(mailbox):
    return reverse("wagtailadmin_pages:edit", args=[mailbox.pk])


def test_the_picker_offers_the_sites_own_people_only(client, people, mailbox_a):
    client.force_login(people["administrator_a"])
    html = client.get(edit_url(mailbox_a)).content.decode()
    for offered in ("officer-a", "admin-a", "handler-free"):
        assert offered in html
    # Another county's staff and handlers, and the portal's staff above, are not the county's people.
    for hidden in ("officer-b", "handler-b", "portal-editor"):
        assert hidden not in html


def form_data(mailbox, handler_ids):
    department = MailboxDepartment.objects.get(page=mailbox)
    channels = list(mailbox.channels.all())
    data = nested_form_data(
        {
            "title": mailbox.title,
            "slug": mailbox.slug,
            "intro": rich_text(""),
            "publish_replies": "on",
            "channels": inline_formset(
                [{"id": channel.pk, "name": channel.name, "description": ""} for channel in channels],
                initial=len(channels),
            ),
            "departments": inline_formset([{"id": department.pk, "name": department.name}], initial=1),
            "comments": inline_formset([]),
        }
    )
    data["departments-0-handlers"] = [str(pk) for pk in handler_ids]  # a multiple choice: one key, many values
    return data


def test_another_sites_user_is_refused_when_posted(client, people, mailbox_a):
    client.force_login(people["administrator_a"])
    revisions = mailbox_a.revisions.count()
    response = client.post(edit_url(mailbox_a), form_data(mailbox_a, [people["officer_b"].pk]))
    assert response.status_code == 200
    assert response.context["form"].formsets["departments"].forms[0].errors["handlers"]
    assert "officer-b" not in response.content.decode()
    assert mailbox_a.revisions.count() == revisions


def test_the_sites_own_people_are_accepted(client, people, mailbox_a):
    client.force_login(people["administrator_a"])
    chosen = [people["officer_a"].pk, people["free_handler"].pk]
    response = client.post(edit_url(mailbox_a), form_data(mailbox_a, chosen))
    assert response.status_code == 302
    assert sorted(mailbox_a.revisions.order_by("-pk").first().content["departments"][0]["handlers"]) == sorted(chosen)
