"""Journeys of an online interview (在线访谈): a citizen watches the demo's past interview and asks the county's
upcoming one a question; the county's 访谈主持 runs the broadcast from the admin while a second window, a
citizen's, shows the entries arriving and a retracted one going, without reloading."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.citizen import assert_accessible, captcha_answer, captcha_field

pytestmark = pytest.mark.browser

COUNTY = "yunxi.localhost"
# Entries arrive by polling the live endpoint every few seconds; a cached answer lives at most 30 s.
ARRIVAL_TIMEOUT = 20_000


def test_a_citizen_reads_the_past_interview_from_the_home_page(citizen, demo_server, screenshot):
    citizen.goto(demo_server.url("localhost"))
    citizen.goto(demo_server.url("localhost", "/hdjl/"))
    citizen.get_by_role("link", name="在线访谈").first.click()
    expect(citizen.get_by_role("heading", name="往期回顾")).to_be_visible()
    citizen.get_by_role("link", name=re.compile("让政府网站成为政务公开第一平台")).first.click()

    expect(citizen.locator(".interview__state")).to_have_text("已结束")
    expect(citizen.get_by_role("heading", name="文字实录")).to_be_visible()
    assert citizen.locator("ol.transcript > li").count() >= 15
    expect(citizen.get_by_role("heading", name="访谈嘉宾")).to_be_visible()
    expect(
        citizen.get_by_role("link", name=re.compile("国务院办公厅关于加强政府网站信息内容建设的意见"))
    ).to_be_visible()
    # An answered question leads to the entry answering it.
    answer_link = citizen.get_by_role("link", name="已在访谈中回答，查看回答").first
    anchor = answer_link.get_attribute("href").lstrip("#")
    expect(citizen.locator(f"#{anchor}")).to_be_attached()
    screenshot(citizen, "past-interview")
    assert_accessible(citizen)


def test_the_county_host_broadcasts_while_a_citizen_watches(person, demo_server, screenshot):
    # A citizen asks the upcoming interview a question.
    citizen = person(None)
    citizen.goto(demo_server.url(COUNTY, "/hdjl/zxft/"))
    expect(citizen.get_by_role("heading", name="访谈预告")).to_be_visible()
    citizen.get_by_role("link", name=re.compile("农村人居环境整治提升怎么干")).first.click()
    interview_url = citizen.url
    expect(citizen.locator(".interview__state")).to_have_text("预告")
    citizen.get_by_role("link", name="我要提问").first.click()
    citizen.fill("#id_nickname", "云溪村民")
    citizen.fill("#id_text", "村里的生活污水什么时候能接入管网？")
    captcha_field(citizen).fill(captcha_answer(citizen))
    assert_accessible(citizen)
    citizen.get_by_role("button", name="提交问题").click()
    expect(citizen.get_by_role("heading", name="提问已提交")).to_be_visible()

    # The county's host finds the interview from the admin menu, adopts the question and starts early.
    host = person("yunxi_host", COUNTY)
    host.get_by_role("link", name="在线访谈").first.click()
    host.get_by_role("link", name=re.compile("农村人居环境整治提升怎么干")).click()
    console_url = host.url
    expect(host.get_by_role("heading", level=1)).to_contain_text("农村人居环境整治提升怎么干")
    host.get_by_role("link", name="审核和答复提问").click()
    question_row = host.locator("tr", has_text="村里的生活污水什么时候能接入管网？")
    question_row.get_by_role("button", name="采用", exact=True).click()
    adopted = host.get_by_role("region", name=re.compile("已采用"))
    expect(adopted.locator("tr", has_text="村里的生活污水什么时候能接入管网？")).to_be_visible()
    host.goto(console_url)
    host.get_by_role("button", name="提前开始").click()
    expect(host.locator(".interview-console__state")).to_have_text("直播中")

    # The county's home page says the interview is on air; the citizen follows it and, the window left open
    # on the interview, sees the entries as they come.
    citizen.goto(demo_server.url(COUNTY))
    on_air = citizen.locator(".home-highlight")
    expect(on_air).to_contain_text("正在直播")
    on_air.get_by_role("link", name=re.compile("农村人居环境整治提升怎么干")).click()
    assert citizen.url == interview_url
    expect(citizen.locator(".interview__state")).to_have_text("直播中")
    first = "各位网友好，欢迎收看今天的在线访谈。"
    post_entry(host, first)
    expect(citizen.locator("ol.transcript")).to_contain_text(first, timeout=ARRIVAL_TIMEOUT)

    host.get_by_label("发言人").select_option(label="网友 云溪村民：村里的生活污水什么时候能接入管网？")
    host.get_by_label("内容", exact=True).fill("")
    host.get_by_role("button", name="发布").click()
    expect(citizen.locator("ol.transcript")).to_contain_text("村里的生活污水", timeout=ARRIVAL_TIMEOUT)

    mistake = "这条记录发错了，将被撤回。"
    post_entry(host, mistake)
    expect(citizen.locator("ol.transcript")).to_contain_text(mistake, timeout=ARRIVAL_TIMEOUT)
    screenshot(citizen, "citizen-watches-live")
    asked = []
    host.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    host.locator("tr", has_text=mistake).get_by_role("button", name="撤回").click()
    expect(host.locator("main table")).to_contain_text("已撤回")
    assert "撤回" in asked[0]  # retracting asks first
    expect(citizen.locator("ol.transcript")).not_to_contain_text(mistake, timeout=ARRIVAL_TIMEOUT)
    assert_accessible(citizen)

    # The host ends the interview: the transcript is frozen and the page says so.
    host.goto(console_url)
    host.get_by_role("link", name="结束访谈").click()
    host.get_by_role("button", name="确认结束访谈").click()
    expect(host.locator(".interview-console__state")).to_have_text("已结束")
    screenshot(host, "host-ended")
    citizen.goto(interview_url)
    expect(citizen.locator(".interview__state")).to_have_text("已结束")
    expect(citizen.get_by_role("heading", name="文字实录")).to_be_visible()
    transcript = citizen.locator("ol.transcript")
    expect(transcript).to_contain_text(first)
    expect(transcript).not_to_contain_text(mistake)


def post_entry(host, text):
    """The host posts what the first guest says."""
    host.get_by_label("发言人").select_option(index=1)
    host.get_by_label("内容", exact=True).fill(text)
    host.get_by_role("button", name="发布").click()
    expect(host.locator("main table")).to_contain_text(text)
