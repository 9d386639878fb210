"""The public submission form: success, every kind of bad input, body size, flood, CSRF, lookup."""

import pytest
from captcha.models import CaptchaStore
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.models import ModelLogEntry

from citizen_mailbox.models import Message
from tests.citizen_mailbox.conftest import COUNTY_A_HOST, captcha_answer, public_url

PDF = b"%PDF-1.4\n%test\n"


def write_url(mailbox):
    return public_url(mailbox, "write/")


def form_data(client, mailbox, **overrides):
    """A complete, valid submission (with the captcha the page just showed answered)."""
    response = client.get(write_url(mailbox))
    assert response.status_code == 200
    hashkey, answer = captcha_answer(response)
    data = {
        "channel": mailbox.channels.get(name="咨询").pk,
        "name": "李四",
        "phone": "13900001111",
        "email": "lisi@example.com",
        "subject": "咨询入学政策",
        "content": "请问今年小学入学需要哪些材料？",
        "consent_to_publish": "on",
        "captcha_0": hashkey,
        "captcha_1": answer,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.django_db
def test_a_valid_message_is_stored_acknowledged_and_logged(client, mailbox_a):
    data = form_data(client, mailbox_a, attachment=SimpleUploadedFile("照片 张三.pdf", PDF))
    response = client.post(write_url(mailbox_a), data)
    assert response.status_code == 200
    message = Message.objects.get()
    assert message.site_home_id == mailbox_a.get_parent().get_parent().pk
    assert message.channel_name == "咨询"
    assert message.status == "pending"
    assert message.attachment_name == "照片 张三.pdf"
    assert "张三" not in message.attachment.name  # stored under a random name
    assert message.attachment.read() == PDF
    password = response.context["password"]
    assert "no-store" in response["Cache-Control"]  # the page shows the query password
    body = response.content.decode()
    assert message.tracking_code in body and password in body
    assert password not in message.password_hash
    assert len(message.tracking_code) == 12
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lisi@example.com"]
    assert message.tracking_code in mail.outbox[0].body and password not in mail.outbox[0].body  # shown once
    entry = ModelLogEntry.objects.get(action="mailbox.submit")
    assert entry.label == f"来信 {message.tracking_code}"
    assert "李四" not in str(entry.data) and "13900001111" not in str(entry.data)


def test_tracking_codes_differ(mailbox_a):
    from citizen_mailbox.models import new_tracking_code

    assert len({new_tracking_code() for _ in range(200)}) == 200


BAD_INPUT = [
    ("empty name", {"name": ""}, "请填写姓名。"),
    ("empty content", {"content": ""}, "请填写内容。"),
    ("no channel", {"channel": None}, "请选择信件类别。"),
    ("over-long subject", {"subject": "长" * 101}, "标题不能超过100个字。"),
    ("over-long content", {"content": "长" * 3001}, "内容不能超过3000个字。"),
    ("malformed phone", {"phone": "1234567"}, "请填写有效的手机号码"),
    ("malformed mobile", {"phone": "12800001111"}, "请填写有效的手机号码"),
    ("malformed email", {"email": "not-an-address"}, "请填写有效的电子邮箱地址"),
    ("wrong captcha", {"captcha_1": "-999"}, "验证码答案不正确"),
    ("disallowed attachment", {"attachment": ("run.exe", b"MZ\x90\x00")}, "附件只能是PDF、JPG、PNG、DOC或DOCX文件。"),
    ("attachment lying about its type", {"attachment": ("letter.pdf", b"MZ\x90\x00")}, "附件内容与文件类型不符。"),
    ("oversized attachment", {"attachment": ("big.pdf", PDF + b"0" * (10 * 1024 * 1024))}, "附件不能超过"),
]


@pytest.mark.parametrize(("case", "overrides", "error"), BAD_INPUT, ids=[case for case, _, _ in BAD_INPUT])
@pytest.mark.django_db
def test_bad_input_is_refused_clearly_keeps_the_text_and_stores_nothing(client, mailbox_a, case, overrides, error):
    if "attachment" in overrides:
        name, content = overrides["attachment"]
        overrides = {"attachment": SimpleUploadedFile(name, content)}
    data = form_data(client, mailbox_a, **overrides)
    response = client.post(write_url(mailbox_a), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert error in body
    assert 'class="error-summary"' in body
    assert 'aria-invalid="true"' in body
    # What the citizen typed is still there (the captcha is a new one).
    if overrides.get("subject") is None:
        assert 'value="咨询入学政策"' in body
    assert "请问今年小学入学需要哪些材料？" in body or "content" in overrides
    assert not Message.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_field_error_is_tied_to_its_input_and_linked_from_the_summary(client, mailbox_a):
    response = client.post(write_url(mailbox_a), form_data(client, mailbox_a, phone="12"))
    body = response.content.decode()
    assert '<a href="#id_phone">联系电话：' in body
    assert 'id="id_phone_error"' in body
    assert 'aria-describedby="id_phone_error id_phone_helptext"' in body


@pytest.mark.django_db
def test_a_10_mb_body_is_refused_with_400_and_stores_nothing(client, mailbox_a):
    data = form_data(client, mailbox_a, content="长" * (10 * 1024 * 1024 // 3))
    response = client.post(write_url(mailbox_a), data)
    assert response.status_code == 400
    assert "提交的内容过大" in response.content.decode()
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_a_flood_from_one_client_is_stopped_with_429(client, mailbox_a):
    for _ in range(5):
        assert client.post(write_url(mailbox_a), {"name": "x"}).status_code == 400
    response = client.post(write_url(mailbox_a), form_data(client, mailbox_a))
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert not Message.objects.exists()
    # Another client is not affected.
    other = Client(REMOTE_ADDR="10.0.0.2", HTTP_HOST=COUNTY_A_HOST)
    assert other.post(write_url(mailbox_a), form_data(other, mailbox_a)).status_code == 200


@pytest.mark.django_db
def test_csrf_is_enforced(mailbox_a):
    client = Client(enforce_csrf_checks=True, HTTP_HOST=COUNTY_A_HOST)
    response = client.post(write_url(mailbox_a), form_data(client, mailbox_a))
    assert response.status_code == 403
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_the_captcha_is_used_once(client, mailbox_a):
    data = form_data(client, mailbox_a)
    assert client.post(write_url(mailbox_a), data).status_code == 200
    assert not CaptchaStore.objects.filter(hashkey=data["captcha_0"]).exists()
    assert client.post(write_url(mailbox_a), data).status_code == 400
    assert Message.objects.count() == 1
