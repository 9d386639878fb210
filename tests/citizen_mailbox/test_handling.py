"""Handling in the admin: every transition with what it requires, who may do it, isolation, the log."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.models import ModelLogEntry

from citizen_mailbox.models import HANDLERS_GROUP, Message
from tests.citizen_mailbox.conftest import add_department, make_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(site_group, mailbox_a, mailbox_b, make_user):
    """County A with two departments and their handlers, its staff and signer; county B's editor."""

    class Setup:
        pass

    s = Setup()
    s.mailbox = mailbox_a
    handlers = Group.objects.get(name=HANDLERS_GROUP)
    s.handler = make_user(handlers, username="handler_a")
    s.other_handler = make_user(handlers, username="handler_other")
    s.roads = add_department(mailbox_a, "交通运输局", s.handler)
    s.schools = add_department(mailbox_a, "教育局", s.other_handler)
    s.editor = make_user(site_group.county_a.groups["编辑"], username="editor_a")
    s.signer = make_user(site_group.county_a.groups["签发"], username="signer_a")
    s.county_b_editor = make_user(site_group.county_b.groups["管理员"], username="admin_b")
    s.portal_editor = make_user(site_group.portal.groups["签发"], username="signer_portal")
    s.message = make_message(mailbox_a)
    s.message_b = make_message(mailbox_b, subject="乙县来信")
    return s


def act(client, user, message, action, **data):
    client.force_login(user)
    prefixed = {f"{action}-{key}": value for key, value in data.items()}
    return client.post(f"/admin/mailbox/{message.pk}/act/{action}/", prefixed)


def reload(message):
    return Message.objects.get(pk=message.pk)


def test_the_whole_way_to_an_answer_is_logged_and_told_to_the_citizen(client, setup):
    m = setup.message
    assert act(client, setup.editor, m, "accept", department=setup.roads.pk).status_code == 302
    assert reload(m).status == "accepted" and reload(m).department_name == "交通运输局"
    assert act(client, setup.handler, m, "start").status_code == 302
    assert reload(m).status == "processing"
    reply_file = SimpleUploadedFile("维修通知.pdf", b"%PDF-1.4 notice")
    response = act(client, setup.handler, m, "answer", text="已安排维修，电话13812345678联系。", attachment=reply_file)
    assert response.status_code == 302
    m = reload(m)
    assert m.status == "answered" and m.closed_at is not None
    entries = ModelLogEntry.objects.for_instance(m).order_by("timestamp")
    assert [(e.action, e.user.username) for e in entries] == [
        ("mailbox.accept", "editor_a"),
        ("mailbox.start", "handler_a"),
        ("mailbox.answer", "handler_a"),
    ]
    assert "13812345678" not in str(entries.last().data)  # masked in the log
    assert mail.outbox[-1].to == ["citizen@example.com"] and "已安排维修" in mail.outbox[-1].body
    assert mail.outbox[-1].attachments[0][:2] == ("维修通知.pdf", b"%PDF-1.4 notice")
    assert m.reply_attachment_name == "维修通知.pdf"
    history = client.get(f"/admin/mailbox/{m.pk}/").content.decode()
    assert "受理并分派" in history and "handler_a" in history


REQUIRED_TEXT = [
    ("reject", "pending", "请填写不予受理的理由。"),
    ("answer", "accepted", "请填写答复内容。"),
    ("unable", "processing", "请填写向来信人说明的理由。"),
    ("request_extension", "processing", "请填写延期理由。"),
]


@pytest.mark.parametrize(("action", "status", "error"), REQUIRED_TEXT)
def test_steps_that_need_a_reason_refuse_without_one(client, setup, action, status, error):
    Message.objects.filter(pk=setup.message.pk).update(status=status, department=setup.roads)
    response = act(client, setup.editor, setup.message, action, text="  ")
    assert response.status_code == 400
    assert error in response.content.decode()
    assert reload(setup.message).status == status
    assert reload(setup.message).extension == ""
    assert not ModelLogEntry.objects.filter(action=f"mailbox.{action}").exists()
    assert act(client, setup.editor, setup.message, action, text="理由已写明").status_code == 302
    assert ModelLogEntry.objects.get(action=f"mailbox.{action}").data["text"] == "理由已写明"


def test_reject_and_unable_close_with_the_explanation_sent_to_the_citizen(client, setup):
    act(client, setup.editor, setup.message, "reject", text="不属于本县职责，请向市住建局反映。")
    m = reload(setup.message)
    assert m.status == "rejected" and m.reply.startswith("不属于本县职责")
    assert "不予受理" in mail.outbox[-1].body


def test_accepting_needs_a_department_of_this_mailbox(client, setup, mailbox_b):
    foreign = add_department(mailbox_b, "乙县交通局")
    assert act(client, setup.editor, setup.message, "accept").status_code == 400
    assert act(client, setup.editor, setup.message, "accept", department=foreign.pk).status_code == 400
    assert reload(setup.message).status == "pending"


def test_extension_is_requested_with_a_reason_and_approved_by_the_signer(client, setup):
    m = setup.message
    Message.objects.filter(pk=m.pk).update(
        status="processing", department=setup.roads, received_at=timezone.make_aware(datetime.datetime(2026, 9, 30, 10))
    )
    assert act(client, setup.handler, m, "request_extension", text="涉及多个部门，需现场核查。").status_code == 302
    assert reload(m).extension == "requested"
    # The handler and the editor cannot approve; the site's 签发 can.
    assert act(client, setup.handler, m, "approve_extension").status_code == 403
    assert act(client, setup.editor, m, "approve_extension").status_code == 403
    assert act(client, setup.portal_editor, m, "approve_extension").status_code == 404
    assert reload(m).extension == "requested"
    assert act(client, setup.signer, m, "approve_extension").status_code == 302
    m = reload(m)
    assert m.extension == "approved" and m.due_date == datetime.date(2026, 10, 27)
    # An approved extension cannot be requested again.
    assert act(client, setup.handler, m, "request_extension", text="再延").status_code == 400


def test_the_signer_may_decline_an_extension(client, setup):
    Message.objects.filter(pk=setup.message.pk).update(extension="requested", extension_reason="x")
    due = reload(setup.message).due_date
    assert act(client, setup.signer, setup.message, "decline_extension").status_code == 302
    assert reload(setup.message).extension == "declined" and reload(setup.message).due_date == due


def test_a_step_out_of_order_is_refused(client, setup):
    assert act(client, setup.editor, setup.message, "answer", text="答复").status_code == 400
    assert act(client, setup.editor, setup.message, "start").status_code == 400
    assert reload(setup.message).status == "pending"


def test_publication_needs_consent_and_a_signer(client, setup):
    Message.objects.filter(pk=setup.message.pk).update(status="answered", reply="已修复", consent_to_publish=False)
    assert act(client, setup.signer, setup.message, "publish").status_code == 400
    Message.objects.filter(pk=setup.message.pk).update(consent_to_publish=True)
    assert act(client, setup.editor, setup.message, "publish").status_code == 403
    assert act(client, setup.signer, setup.message, "publish").status_code == 302
    assert reload(setup.message).is_public


def test_department_handlers_see_only_their_departments_messages(client, setup):
    assigned = make_message(setup.mailbox, subject="修路", department=setup.roads, status="accepted")
    other = make_message(setup.mailbox, subject="入学", department=setup.schools, status="accepted")
    client.force_login(setup.handler)
    listing = client.get("/admin/mailbox/?status=all").content.decode()
    assert assigned.tracking_code in listing
    assert other.tracking_code not in listing and setup.message.tracking_code not in listing
    assert client.get(f"/admin/mailbox/{assigned.pk}/").status_code == 200
    assert client.get(f"/admin/mailbox/{other.pk}/").status_code == 404
    assert act(client, setup.handler, other, "start").status_code == 404
    assert act(client, setup.handler, assigned, "answer", text="已处理").status_code == 302
    # A handler does not accept or assign: that is the site staff's job.
    assert act(client, setup.handler, setup.message, "accept", department=setup.roads.pk).status_code == 404
    assert reload(other).status == "accepted"


def test_site_staff_see_all_of_their_site_and_nothing_of_another(client, setup):
    client.force_login(setup.editor)
    listing = client.get("/admin/mailbox/?status=all").content.decode()
    assert setup.message.tracking_code in listing and setup.message_b.tracking_code not in listing
    client.force_login(setup.county_b_editor)
    listing = client.get("/admin/mailbox/?status=all").content.decode()
    assert setup.message_b.tracking_code in listing and setup.message.tracking_code not in listing
    for url in (f"/admin/mailbox/{setup.message.pk}/", f"/admin/mailbox/{setup.message.pk}/attachment/message/"):
        assert client.get(url).status_code == 404
    assert act(client, setup.county_b_editor, setup.message, "reject", text="x").status_code == 404
    assert reload(setup.message).status == "pending"
    # The portal's staff oversee the portal's own mailbox, not the counties' letters.
    client.force_login(setup.portal_editor)
    assert setup.message.tracking_code not in client.get("/admin/mailbox/?status=all").content.decode()


def test_users_without_a_mailbox_role_are_refused(client, make_user, setup):
    client.force_login(make_user(username="nobody"))
    assert client.get("/admin/mailbox/").status_code in (302, 403)


def test_attachments_are_served_only_through_the_permission_checked_view(client, setup):
    from django.core.files.base import ContentFile

    setup.message.attachment.save("scan.pdf", ContentFile(b"%PDF-1.4 secret"), save=False)
    setup.message.attachment_name = "scan.pdf"
    setup.message.save()
    client.force_login(setup.editor)
    response = client.get(f"/admin/mailbox/{setup.message.pk}/attachment/message/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 secret"
    assert "attachment" in response["Content-Disposition"]
