"""The public forms on phones and for elderly citizens: keyboards and autofill that fit each field, and the
写信须知 and 个人信息保护说明 every form links to (issue 13)."""

import pytest
from lxml import html

from tests.citizen_mailbox.conftest import public_url

pytestmark = pytest.mark.django_db


def page_of(response):
    assert response.status_code == 200
    return html.fromstring(response.content.decode())


def control(page, name):
    return page.xpath(f"//*[@name='{name}']")[0]


def test_the_write_form_gives_each_field_its_keyboard_and_autofill(client, mailbox_a):
    page = page_of(client.get(public_url(mailbox_a, "write/")))
    assert control(page, "name").get("autocomplete") == "name"
    phone = control(page, "phone")
    assert (phone.get("type"), phone.get("inputmode"), phone.get("autocomplete")) == ("tel", "tel", "tel")
    email = control(page, "email")
    assert (email.get("type"), email.get("autocomplete")) == ("email", "email")
    assert control(page, "captcha_1").get("autocomplete") == "off"


def test_the_lookup_form_does_not_autofill_its_codes(client, mailbox_a):
    page = page_of(client.get(public_url(mailbox_a, "lookup/")))
    code = control(page, "tracking_code")
    assert (code.get("autocomplete"), code.get("autocapitalize")) == ("off", "characters")
    assert code.get("aria-describedby") == "id_tracking_code_helptext"
    assert control(page, "password").get("autocomplete") == "off"


@pytest.mark.parametrize("route", ["write/", "lookup/"])
def test_every_form_links_to_the_notice_and_the_privacy_statement(client, mailbox_a, route):
    page = page_of(client.get(public_url(mailbox_a, route)))
    links = page.xpath("//form//a/@href")
    assert public_url(mailbox_a, "notice/") in links
    assert public_url(mailbox_a, "privacy/") in links


def test_the_write_form_shows_the_short_notice_above_the_form(client, mailbox_a):
    page = page_of(client.get(public_url(mailbox_a, "write/")))
    notice = page.find_class("form-notice")[0]
    text = notice.text_content()
    for words in ("涉法涉诉", "信访", "110", "119", "120", "12345", "7个工作日", "15个工作日"):
        assert words in text
    assert notice.getnext().getnext().tag == "form"  # the notice, the required-fields line, the form


@pytest.mark.parametrize(
    ("route", "title", "words"),
    [
        ("notice/", "写信须知", ("涉法涉诉", "信访", "110", "119", "120", "12345", "7个工作日", "15个工作日")),
        ("privacy/", "个人信息保护说明", ("收集哪些信息", "为什么收集", "谁能看到", "保存多久", "删除")),
    ],
)
def test_the_notice_pages_have_their_content_and_breadcrumbs(client, mailbox_a, route, title, words):
    page = page_of(client.get(public_url(mailbox_a, route)))
    assert page.find_class("page-title")[0].text_content() == title
    assert page.xpath("//nav[@class='breadcrumbs container']//span[@aria-current='page']")[0].text_content() == title
    assert page.xpath(f"//nav[@class='breadcrumbs container']//a[@href='{public_url(mailbox_a)}']")
    main = page.xpath("//main")[0].text_content()
    for word in words:
        assert word in main
