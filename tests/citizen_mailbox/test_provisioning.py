"""Every provisioned site gets one mailbox under 互动交流; the demo fills the first county's."""

from types import SimpleNamespace

import pytest
from django.utils import timezone
from wagtail.models import Page

from citizen_mailbox.demo import LETTERS, load_mailbox_demo
from citizen_mailbox.models import MailboxPage, Message, Status
from home.models import ColumnPage
from sitegroup.provisioning import provision_subsite

pytestmark = pytest.mark.django_db


def test_each_site_has_one_mailbox_with_the_standard_channels(site_group):
    for result in (site_group.portal, site_group.county_a, site_group.department):
        column = ColumnPage.objects.child_of(result.home).get(slug="hdjl")
        mailbox = MailboxPage.objects.child_of(column).get()
        assert mailbox.live
        assert [c.name for c in mailbox.channels.all()] == ["领导信箱", "咨询", "投诉", "建议"]
    again = provision_subsite(
        parent=site_group.portal.home,
        name="甲县人民政府",
        slug="county-a",
        kind="county",
        hostname="county-a.localhost",
    )
    assert not again.changed
    assert MailboxPage.objects.count() == 4


def test_the_demo_has_letters_in_every_state_one_extended_and_one_overdue(site_group):
    loaded = [
        (SimpleNamespace(kind="portal"), site_group.portal),
        (SimpleNamespace(kind="county"), site_group.county_a),
    ]
    assert load_mailbox_demo(loaded) == len(LETTERS)
    assert load_mailbox_demo(loaded) == 0  # loading again adds nothing
    letters = Message.objects.filter(site_home=site_group.county_a.home)
    assert set(letters.values_list("status", flat=True)) == set(Status.values)
    assert letters.filter(extension="approved").count() == 1
    assert sum(message.is_overdue() for message in letters) == 1
    assert letters.filter(is_public=True).count() == 1
    assert not Message.objects.filter(site_home=site_group.portal.home).exists()
    assert Page.objects.type(MailboxPage).count() == 4
    assert all(message.received_at < timezone.now() for message in letters)


def test_site_staff_edit_channels_and_departments_in_the_page_editor(client, site_group, make_user, mailbox_a):
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    response = client.get(f"/admin/pages/{mailbox_a.pk}/edit/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "信件类别" in body and "承办部门" in body and "办理人员" in body
    client.force_login(make_user(site_group.county_b.groups["管理员"]))
    assert client.get(f"/admin/pages/{mailbox_a.pk}/edit/").status_code in (302, 403)
