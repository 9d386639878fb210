"""A citizen's journeys on a county site, on a phone: finding the mailbox and writing, searching, 长者模式,
the keyboard alone, the language links. Every page a journey visits passes axe-core."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.citizen import assert_accessible, captcha_answer, captcha_field, look_at
from tests.browser.pages import page_at

pytestmark = pytest.mark.browser

COUNTY = "yunxi.localhost"
MAILBOX = re.compile(r"/hdjl/zmhdxx/$")
SUBMIT = "button:提交"  # the letter form's submit button as FOCUSED names it

# How the focus checks name an element: its name (a radio group has one), id, or tag and text.
KEY = "(element) => element.name || element.id || element.tagName.toLowerCase() + ':' + element.innerText.trim()"
# What the active element is, and whether a sighted keyboard user sees it: an outline or a box shadow
# drawn while it matches :focus-visible (the browser's own ring has outline-style "auto").
FOCUSED = f"""() => {{
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const outlined = style.outlineStyle !== "none" && style.outlineWidth !== "0px";
  return {{
    key: ({KEY})(element), inForm: Boolean(element.closest("main form")),
    visible: element.matches(":focus-visible") && (outlined || style.boxShadow !== "none"),
  }};
}}"""
# The letter form's controls that Tab should stop at, in document order (a radio group once).
FORM_STOPS = f"""() => {{
  const controls = document.querySelector("main form").querySelectorAll(
    "a[href], button, input, select, textarea, [tabindex]"
  );
  const keys = [...controls]
    .filter((element) => element.type !== "hidden" && !element.disabled && element.tabIndex >= 0)
    .map({KEY});
  return keys.filter((key, index) => keys.indexOf(key) === index);
}}"""


def tap(page, link):
    """A tap on a link the person sees, and the page it opens checked with axe."""
    expect(link).to_be_visible()
    with page.expect_navigation():
        link.click()
    assert_accessible(page)


def tap_refresh(page):
    page.get_by_role("button", name="看不清，换一张").click()
    expect(page.locator(".captcha__status")).to_contain_text("已换一道新题")


def test_a_citizen_finds_the_mailbox_writes_a_letter_and_looks_it_up(citizen, demo_server, screenshot):
    subject = "建议在青溪镇增设公交站点"
    citizen.goto(demo_server.url(COUNTY))
    look_at(citizen, screenshot, "home")

    # At most two taps on visible links: the mailbox where the page offers it, else 互动交流 first.
    for _ in range(2):
        if MAILBOX.search(citizen.url):
            break
        mailbox_links = citizen.locator("main").get_by_role("link", name=re.compile("信箱")).filter(visible=True)
        if mailbox_links.count():
            tap(citizen, mailbox_links.first)
        else:
            tap(citizen, citizen.get_by_role("navigation", name="栏目导航").get_by_role("link", name="互动交流"))
    assert MAILBOX.search(citizen.url), f"two taps from the home page led to {citizen.url}, not the mailbox"
    look_at(citizen, screenshot, "mailbox")

    # The letter, captcha included, then its receipt with the query code and password.
    tap(citizen, citizen.get_by_role("link", name="我要写信"))
    citizen.get_by_label("建议").check()
    citizen.get_by_label("姓名").fill("李四")
    citizen.get_by_label("联系电话").fill("13912345678")
    citizen.get_by_label("标题").fill(subject)
    citizen.get_by_label("内容").fill("青溪镇中心小学附近没有公交站点，学生上下学不便，建议增设。")
    # 看不清，换一张: a new challenge in place, what was typed stays.
    first_key = citizen.input_value("#id_captcha_0")
    tap_refresh(citizen)
    expect(citizen.locator("#id_captcha_0")).not_to_have_value(first_key)
    expect(citizen.get_by_label("标题")).to_have_value(subject)
    captcha_field(citizen).fill(captcha_answer(citizen))
    screenshot(citizen, "letter")
    citizen.get_by_role("button", name="提交", exact=True).click()
    expect(citizen.get_by_role("heading", name="来信已提交")).to_be_visible()
    look_at(citizen, screenshot, "receipt")
    receipt = citizen.locator("main").inner_text()
    code = re.search(r"查询码\s*([0-9A-Z]{12})", receipt).group(1)
    password = re.search(r"查询密码\s*([0-9a-z]{8})", receipt).group(1)

    # The citizen looks the letter up through the mailbox's 办理查询.
    tap(citizen, citizen.get_by_role("link", name="办理查询"))
    citizen.get_by_label("查询码").fill(code)
    citizen.get_by_label("查询密码").fill(password)
    captcha_field(citizen).fill(captcha_answer(citizen))
    citizen.get_by_role("button", name="查询", exact=True).click()
    expect(citizen.locator("main")).to_contain_text(subject)
    expect(citizen.locator("main")).to_contain_text("待受理")
    look_at(citizen, screenshot, "lookup")


def test_a_citizen_searches_from_the_header_and_narrows_to_policies(
    citizen, demo_server, public_search_index, screenshot
):
    citizen.goto(demo_server.url(COUNTY))
    citizen.get_by_role("searchbox", name="站内搜索").fill("农村")
    citizen.get_by_role("searchbox", name="站内搜索").press("Enter")
    results = citizen.locator("main .search-results > li")
    expect(results.first).to_be_visible()
    look_at(citizen, screenshot, "results")
    everything = results.count()
    kinds = results.locator(".search-result__meta").all_inner_texts()
    assert any(not kind.startswith("政策文件") for kind in kinds), kinds

    citizen.locator("summary", has_text="筛选和排序").click()
    citizen.get_by_label("类型").select_option(label="政策文件")
    assert_accessible(citizen)
    citizen.get_by_role("button", name="应用").click()
    citizen.wait_for_url(re.compile(r"[?&]type=policy"))
    expect(citizen.get_by_label("关键词")).to_have_value("农村")
    expect(results.first).to_be_visible()
    kinds = results.locator(".search-result__meta").all_inner_texts()
    assert all(kind.startswith("政策文件") for kind in kinds) and len(kinds) < everything, kinds
    look_at(citizen, screenshot, "policies")


def font_size(page):
    return float(page.evaluate("() => getComputedStyle(document.querySelector('main p, main li')).fontSize")[:-2])


def test_elder_mode_switches_on_stays_on_across_pages_and_switches_off(citizen, demo_server, screenshot):
    citizen.goto(demo_server.url(COUNTY))
    switch = citizen.get_by_role("button", name="长者模式")
    expect(switch).to_have_attribute("aria-pressed", "false")
    normal = font_size(citizen)

    switch.click()
    expect(switch).to_have_attribute("aria-pressed", "true")
    expect(citizen.locator("html")).to_have_class(re.compile(r"\belder-mode\b"))
    assert font_size(citizen) > normal
    look_at(citizen, screenshot, "home-elder")

    # It stays on on the next page, then switches off there and stays off.
    tap(citizen, citizen.get_by_role("navigation", name="栏目导航").get_by_role("link", name="政务公开"))
    expect(switch).to_have_attribute("aria-pressed", "true")
    expect(citizen.locator("html")).to_have_class(re.compile(r"\belder-mode\b"))
    look_at(citizen, screenshot, "column-elder")
    switch.click()
    expect(switch).to_have_attribute("aria-pressed", "false")
    tap(citizen, citizen.get_by_role("navigation", name="栏目导航").get_by_role("link", name="首页"))
    expect(switch).to_have_attribute("aria-pressed", "false")
    expect(citizen.locator("html")).not_to_have_class(re.compile(r"\belder-mode\b"))
    assert font_size(citizen) == normal
    screenshot(citizen, "home-normal")


def test_the_language_links_offer_only_versions_that_exist(citizen, demo_server, screenshot):
    # The demo's sites have no English pages yet (English sites are a later issue): the header offers no
    # language link, rather than one leading to a Chinese page or to nothing.
    policy = page_at(COUNTY, "zwgk/zcwj/").get_children().live().first()
    for url in (demo_server.url(COUNTY), policy.full_url):
        citizen.goto(url)
        expect(citizen.locator("html")).to_have_attribute("lang", "zh-Hans")
        expect(citizen.get_by_role("navigation", name="其他语言版本")).to_have_count(0)
        expect(citizen.locator("header a[hreflang]")).to_have_count(0)
    screenshot(citizen, "policy-header")


def keyboard_through_form(page, typing, pressing=None):
    """Tab from where the focus is to the form's submit button, typing `typing[key]` or pressing the key
    `pressing[key]` at each stop; returns the stops inside the form. Every stop must show its focus."""
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused["visible"], f"the focus on {focused['key']} is not visible"
        if not focused["inForm"]:
            continue
        stops.append(focused["key"])
        if focused["key"] in typing:
            page.keyboard.type(typing[focused["key"]])
        if pressing and focused["key"] in pressing:
            page.keyboard.press(pressing[focused["key"]])
        if focused["key"] == SUBMIT:
            return stops
    raise AssertionError(f"Tab never reached the submit button; the form's stops were {stops}")


def test_the_letter_form_works_with_the_keyboard_alone(citizen, demo_server, screenshot):
    citizen.goto(page_at(COUNTY, "hdjl/zmhdxx/").full_url + "write/")
    wrong = str(int(captcha_answer(citizen)) + 1)
    citizen.keyboard.press("Tab")
    expect(citizen.get_by_role("link", name="跳到正文")).to_be_focused()
    citizen.keyboard.press("Enter")
    typing = {
        "name": "王五",
        "phone": "13712345678",
        "subject": "咨询老年人优待证办理地点",
        "content": "请问老年人优待证在哪里办理？需要带哪些材料？",
        "captcha_1": wrong,
    }
    # In the 信件类别 group the first option has the focus; the arrow picks the next, 咨询.
    stops = keyboard_through_form(citizen, typing, pressing={"channel": "ArrowRight"})
    assert stops == citizen.evaluate(FORM_STOPS)
    fields = {"channel", "name", "phone", "email", "subject", "content", "attachment", "consent_to_publish"}
    assert fields | {"captcha_refresh", "captcha_1", SUBMIT} <= set(stops), stops
    screenshot(citizen, "typed")

    # A wrong answer: the letter comes back with the error and what was typed, and a new captcha.
    citizen.keyboard.press("Enter")
    expect(citizen.locator(".error-summary")).to_be_visible()
    look_at(citizen, screenshot, "wrong-captcha")
    expect(citizen.locator("#id_channel_1")).to_be_checked()
    for key in ("name", "phone", "subject", "content"):
        expect(citizen.locator(f"#id_{key}")).to_have_value(typing[key])
    expect(citizen.locator("#id_captcha_1")).to_have_value("")

    # Once more with the keyboard from where the page put the focus, typing only the new answer, sent
    # with Space on the submit button.
    keyboard_through_form(citizen, {"captcha_1": captcha_answer(citizen)})
    citizen.keyboard.press(" ")
    expect(citizen.get_by_role("heading", name="来信已提交")).to_be_visible()
    look_at(citizen, screenshot, "receipt")
