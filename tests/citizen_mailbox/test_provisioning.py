"""Every provisioned site gets one mailbox under 互动交流, edited by its own staff."""

import pytest

from citizen_mailbox.models import MailboxPage
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


def test_site_staff_edit_channels_and_departments_in_the_page_editor(client, site_group, make_user, mailbox_a):
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    response = client.get(f"/admin/pages/{mailbox_a.pk}/edit/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "信件类别" in body and "承办部门" in body and "办理人员" in body
    client.force_login(make_user(site_group.county_b.groups["管理员"]))
    assert client.get(f"/admin/pages/{mailbox_a.pk}/edit/").status_code in (302, 403)
