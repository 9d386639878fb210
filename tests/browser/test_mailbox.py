"""Journey of a citizen's letter (政民互动信箱): written on the county's site, handled to 已答复, looked up."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.citizen import assert_accessible, captcha_answer
from tests.browser.pages import messages

pytestmark = pytest.mark.browser

COUNTY = "qingshan.localhost"  # the demo's mailbox with 承办部门 and letters in every state


def test_a_letter_is_accepted_handled_and_answered(person, demo_server, screenshot):
    subject = "咨询今冬集中供暖开始时间"
    reply = "您好！今冬县城集中供暖于11月15日开始，次年3月15日结束。"

    # The citizen writes (the captcha answered from its question).
    citizen = person(None)
    citizen.goto(demo_server.url(COUNTY, "/hdjl/zmhdxx/write/"))
    citizen.get_by_label("咨询").check()
    citizen.fill("#id_name", "张三")
    citizen.fill("#id_phone", "13812345678")
    citizen.fill("#id_subject", subject)
    citizen.fill("#id_content", "请问今年县城集中供暖从哪天开始？")
    citizen.fill("#id_captcha_1", captcha_answer(citizen))
    screenshot(citizen, "citizen-writes")
    assert_accessible(citizen)
    citizen.get_by_role("button", name="提交", exact=True).click()
    expect(citizen.get_by_role("heading", name="来信已提交")).to_be_visible()
    screenshot(citizen, "citizen-receipt")
    assert_accessible(citizen)
    receipt = citizen.locator("main").inner_text()
    code = re.search(r"查询码\s*([0-9A-Z]{12})", receipt).group(1)
    password = re.search(r"查询密码\s*([0-9a-z]{8})", receipt).group(1)

    # The site's editor accepts it for a department, starts handling it and answers.
    editor = person("qingshan_editor", COUNTY)
    editor.get_by_role("link", name="政民互动信箱").first.click()
    editor.locator("main table a", has_text=code).click()
    expect(editor.locator("main")).to_contain_text("待受理")
    editor.locator("select[name=accept-department]").select_option(label="住房和城乡建设局")
    editor.get_by_role("button", name="受理并分派").click()
    expect(editor.locator("main")).to_contain_text("已受理")
    editor.get_by_role("button", name="开始办理").click()
    expect(editor.locator("main")).to_contain_text("办理中")
    reply_form = editor.locator("main form[action$='/act/answer/']")
    reply_form.locator("textarea[name=answer-text]").fill(reply)
    screenshot(editor, "editor-answers")
    reply_form.get_by_role("button", name="答复", exact=True).click()
    editor.wait_for_load_state()
    screenshot(editor, "editor-answered")
    expect(editor.locator("main")).to_contain_text("已答复")
    assert "答复" in messages(editor)

    # The citizen looks it up with the code and password and reads the answer.
    citizen.goto(demo_server.url(COUNTY, "/hdjl/zmhdxx/lookup/"))
    citizen.get_by_label("查询码").fill(code)
    citizen.get_by_label("查询密码").fill(password)
    citizen.fill("#id_captcha_1", captcha_answer(citizen))
    citizen.get_by_role("button", name="查询", exact=True).click()
    screenshot(citizen, "citizen-lookup")
    assert_accessible(citizen)
    expect(citizen.locator("main")).to_contain_text("已答复")
    expect(citizen.locator("main")).to_contain_text(reply)
