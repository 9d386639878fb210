"""The dashboard (due soon, overdue, extended, per department, oldest, red alert) and the daily reminders."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.citizen_mailbox.conftest import add_department, days_ago, make_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def messages(site_group, mailbox_a, mailbox_b, make_user):
    today = timezone.localdate()
    handler = make_user(username="roads_handler", email="roads@example.gov.cn")
    roads = add_department(mailbox_a, "交通运输局", handler)
    return {
        "handler": handler,
        "due_soon": make_message(
            mailbox_a,
            subject="即将到期",
            department=roads,
            department_name="交通运输局",
            status="accepted",
            due_date=today,
        ),
        "overdue": make_message(
            mailbox_a, subject="已经超期", due_date=today - datetime.timedelta(days=3), received_at=days_ago(14)
        ),
        "red": make_message(
            mailbox_a, subject="三个月未办", received_at=days_ago(95), due_date=today - datetime.timedelta(days=80)
        ),
        "extended": make_message(
            mailbox_a, subject="延期办理", extension="approved", due_date=today + datetime.timedelta(days=20)
        ),
        "answered": make_message(
            mailbox_a, subject="早已答复", status="answered", due_date=today - datetime.timedelta(days=9)
        ),
        "other_site": make_message(mailbox_b, subject="乙县超期", due_date=today - datetime.timedelta(days=3)),
    }


def test_the_dashboard_shows_what_needs_attention(client, site_group, make_user, messages):
    client.force_login(make_user(site_group.county_a.groups["管理员"]))
    response = client.get("/admin/mailbox/")
    board = response.context["dashboard"]
    assert [m.subject for m in board.overdue] == ["三个月未办", "已经超期"]
    assert [m.subject for m in board.due_soon] == ["即将到期"]
    assert [m.subject for m in board.extended] == ["延期办理"]
    assert [m.subject for m in board.red_alerts] == ["三个月未办"]
    assert board.oldest_open.subject == "三个月未办"
    assert {row["department_name"]: row["count"] for row in board.per_department} == {"": 3, "交通运输局": 1}
    body = response.content.decode()
    assert "红色警报" in body and "乙县超期" not in body


def test_reminders_go_to_handlers_and_overdue_ones_escalate_to_site_administrators(site_group, make_user, messages):
    admin_a = make_user(site_group.county_a.groups["管理员"], email="admin-a@example.gov.cn")
    make_user(site_group.county_a.groups["编辑"], email="editor-a@example.gov.cn")
    admin_b = make_user(site_group.county_b.groups["管理员"], email="admin-b@example.gov.cn")
    call_command("mailbox_reminders")
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    assert set(by_recipient) == {
        ("roads@example.gov.cn",),
        (admin_a.email,),
        (admin_b.email,),
    }
    handler_mail = by_recipient[("roads@example.gov.cn",)].body
    assert "即将到期" in handler_mail and "已经超期" not in handler_mail
    escalation = by_recipient[(admin_a.email,)].body
    assert "已经超期" in escalation and "三个月未办" in escalation and "即将到期" in escalation
    assert "延期办理" not in escalation and "早已答复" not in escalation and "乙县超期" not in escalation
    assert "张三" not in escalation and "13812345678" not in escalation


def test_escalation_goes_to_the_sites_recorded_administrators_whatever_the_groups_are_called(
    site_group, make_user, messages
):
    administrators = site_group.county_a.groups["管理员"]
    administrators.name = "甲县网站值班组"
    administrators.save()
    admin_a = make_user(administrators, email="admin-a@example.gov.cn")
    # A group named like an administrators' group, with rights on the site's home page, is not its 管理员.
    lookalike = Group.objects.create(name="甲县人民政府办公室管理员")
    lookalike.page_permissions.create(
        page=site_group.county_a.home, permission=Permission.objects.get(codename="publish_page")
    )
    make_user(lookalike, email="office@example.gov.cn")

    call_command("mailbox_reminders")

    recipients = {recipient for message in mail.outbox for recipient in message.to}
    assert admin_a.email in recipients
    assert "office@example.gov.cn" not in recipients


def test_no_mail_when_nothing_is_due(site_group, make_user, mailbox_a):
    make_user(site_group.county_a.groups["管理员"], email="admin-a@example.gov.cn")
    make_message(mailbox_a, due_date=timezone.localdate() + datetime.timedelta(days=30))
    call_command("mailbox_reminders")
    assert mail.outbox == []
