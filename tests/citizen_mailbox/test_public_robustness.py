"""The public mailbox against hostile input: line breaks and control characters in any field, failing mail.

Whatever a citizen (or a script) types, the answer is never a 500; a letter once accepted is stored with its
tracking code shown, whatever the mail server does; and the acknowledgement mail carries only the tracking
code and a link, so the form cannot relay someone's text to an address of their choosing (no phishing relay).
"""

import smtplib

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.base import BaseEmailBackend

from citizen_mailbox.models import Message
from tests.citizen_mailbox.conftest import captcha_answer, make_message, public_url
from tests.citizen_mailbox.test_public_form import PDF, form_data, write_url

HEADER_INJECTION = "咨询\r\nBcc: victim@example.com\r\nSubject: 中奖通知"
HOSTILE_VALUES = {
    "crlf header injection": HEADER_INJECTION,
    "lone line feed": "咨询\n入学政策",
    "lone carriage return": "咨询\r入学政策",
    "null": "咨询\x00入学政策",
    "escape sequence": "咨询\x1b[31m入学政策",
    "vertical tab and form feed": "咨询\x0b\x0c入学政策",
    "unicode line separators": "咨询\u2028\u2029\x85入学政策",
    "delete and c1 controls": "咨询\x7f\x9b入学政策",
    "bidi override": "咨询\u202e入学政策",
}
# Text fields a citizen fills; phone and e-mail are validated, so there hostile input must be refused, not a 500.
FREE_TEXT_FIELDS = ("name", "subject", "content")
CONTROL_CHARACTERS = {chr(code) for code in [*range(0x20), *range(0x7F, 0xA0)]} | {"\u2028", "\u2029", "\u202e"}


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses the message after it was built, as smtplib does for a bad recipient."""

    def send_messages(self, email_messages):
        for email in email_messages:
            email.message()  # what the SMTP backend does first: headers are checked here
        raise smtplib.SMTPRecipientsRefused({"lisi@example.com": (550, b"no such user")})


class BrokenBackend(BaseEmailBackend):
    """A backend failing with something other than a network error (a bug, a bad configuration)."""

    def send_messages(self, email_messages):
        raise RuntimeError("misconfigured mail backend")


def assert_stored_and_shown(response):
    assert response.status_code == 200, response.content.decode()[:500]
    message = Message.objects.get()
    body = response.content.decode()
    assert message.tracking_code in body
    assert response.context["password"] in body
    return message


@pytest.mark.parametrize("field", FREE_TEXT_FIELDS)
@pytest.mark.parametrize("value", HOSTILE_VALUES.values(), ids=HOSTILE_VALUES.keys())
@pytest.mark.django_db
def test_line_breaks_and_control_characters_in_free_text_are_stored_cleanly_and_acknowledged(
    client, mailbox_a, field, value
):
    if field == "name":
        value = value[:30]
    response = client.post(write_url(mailbox_a), form_data(client, mailbox_a, **{field: value}))

    message = assert_stored_and_shown(response)
    stored = getattr(message, field)
    allowed = {"\n"} if field == "content" else set()
    assert not (set(stored) & CONTROL_CHARACTERS) - allowed, repr(stored)
    assert stored.startswith("咨询") and (stored.endswith(value[-4:]) or field == "name")
    [sent] = mail.outbox
    headers = sent.message().as_string().split("\n\n", 1)[0]
    assert "victim@example.com" not in headers
    assert sent.recipients() == ["lisi@example.com"]


@pytest.mark.parametrize("field", ["email", "phone"])
@pytest.mark.parametrize("value", HOSTILE_VALUES.values(), ids=HOSTILE_VALUES.keys())
@pytest.mark.django_db
def test_line_breaks_in_contact_fields_are_refused_not_a_500(client, mailbox_a, field, value):
    contact = {"email": "lisi@example.com", "phone": "13900001111"}[field]
    hostile = contact + value.replace("咨询", "").replace("入学政策", "victim@example.com")
    response = client.post(write_url(mailbox_a), form_data(client, mailbox_a, **{field: hostile}))

    assert response.status_code == 400
    assert not Message.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_attachment_name_with_line_breaks_is_stored_on_one_line_and_downloads(client, mailbox_a, admin_client):
    upload = SimpleUploadedFile("照片\x07\r张三.pdf", PDF)
    response = client.post(write_url(mailbox_a), form_data(client, mailbox_a, attachment=upload))

    message = assert_stored_and_shown(response)
    assert not set(message.attachment_name) & CONTROL_CHARACTERS
    download = admin_client.get(f"/admin/mailbox/{message.pk}/attachment/message/")
    assert download.status_code == 200
    assert "\r" not in download["Content-Disposition"] and "\n" not in download["Content-Disposition"]


@pytest.mark.parametrize("value", HOSTILE_VALUES.values(), ids=HOSTILE_VALUES.keys())
@pytest.mark.django_db
def test_the_lookup_form_answers_hostile_input_without_a_500(client, mailbox_a, value):
    url = public_url(mailbox_a, "lookup/")
    hashkey, answer = captcha_answer(client.get(url))
    data = {"tracking_code": value[:20], "password": value[:30], "captcha_0": hashkey, "captcha_1": answer}

    response = client.post(url, data)

    assert response.status_code == 400
    assert "查询码或查询密码不正确" in response.content.decode() or response.context["form"].errors


MAIL_FAILURES = {
    "server down": {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_PORT": 1},
    "message refused": {"EMAIL_BACKEND": f"{__name__}.RefusingBackend"},
    "broken backend": {"EMAIL_BACKEND": f"{__name__}.BrokenBackend"},
}


@pytest.mark.parametrize("mail_settings", MAIL_FAILURES.values(), ids=MAIL_FAILURES.keys())
@pytest.mark.parametrize("subject", ["咨询入学政策", HEADER_INJECTION], ids=["plain", "header injection"])
@pytest.mark.django_db
def test_the_letter_and_its_tracking_code_survive_a_failing_mail_server(
    client, mailbox_a, settings, mail_settings, subject
):
    # Django's own SMTP backend against a closed port: the connection is refused at once.
    settings.EMAIL_HOST, settings.EMAIL_TIMEOUT = "127.0.0.1", 5
    for name, value in mail_settings.items():
        setattr(settings, name, value)

    response = client.post(write_url(mailbox_a), form_data(client, mailbox_a, subject=subject))

    message = assert_stored_and_shown(response)
    assert message.status == "pending"


@pytest.mark.django_db
def test_the_acknowledgement_carries_only_the_tracking_code_and_a_link(client, mailbox_a):
    phishing = "您的社保卡已冻结，请登录 http://evil.example.com 解冻"
    data = form_data(client, mailbox_a, name="客服中心", subject=phishing, content=phishing)

    response = client.post(write_url(mailbox_a), data)

    message = assert_stored_and_shown(response)
    [sent] = mail.outbox
    text = sent.subject + sent.body
    for typed in ("社保卡", "evil.example.com", "客服中心", response.context["password"]):
        assert typed not in text
    assert message.tracking_code in sent.subject and message.tracking_code in sent.body
    lookup_link = "http://county-a.localhost" + public_url(mailbox_a, "lookup/")
    assert lookup_link in sent.body
    assert sent.attachments == []


@pytest.mark.parametrize("export", ["xlsx", "csv"])
@pytest.mark.django_db
def test_a_letter_stored_with_control_characters_before_they_were_cleaned_still_exports(
    mailbox_a, admin_client, export
):
    make_message(mailbox_a, subject="旧信\x1b[31m标题\x07\r\nBcc: x")

    response = admin_client.get("/admin/mailbox/", {"export": export, "status": "all"})

    assert response.status_code == 200
    assert b"".join(response.streaming_content)
