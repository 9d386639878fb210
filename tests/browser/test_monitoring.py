"""Journeys of 监测考核 (issue 16): a county's 管理员 reads why the site fails and acts on it, a platform
administrator compares every site, a citizen rates a page and reports an error that the county's 编辑 answers."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.citizen import PHONE, assert_accessible, captcha_answer, look_at
from tests.browser.pages import messages

pytestmark = pytest.mark.browser

COUNTY = "yunxi.localhost"  # the demo's failing site: a stale and a blank column, an overdue letter, an open 找错
ARTICLE = "/zwdt/rural-ecommerce-training/"
BLANK_COLUMN = "人事信息"  # blank (无内容) in the demo, at /zwgk/rsxx/


def test_a_county_administrator_reads_the_scorecard_and_merges_a_blank_column(person, demo_server, screenshot):
    admin = person("yunxi_admin", COUNTY)

    # The dashboard's 监测考核 panel names the site as failing and leads to its scorecard.
    panel = admin.get_by_role("region", name="监测考核")
    expect(panel).to_contain_text("不合格")
    panel.get_by_role("link", name="云溪县人民政府", exact=True).click()
    expect(admin.get_by_role("heading", name=re.compile("站点监测"))).to_be_visible()
    screenshot(admin, "scorecard")

    # Why it fails: the letter waiting over three months, with the letter as its evidence.
    veto = admin.locator("#item-letters_over_three_months")
    expect(veto).to_contain_text("不合格")
    letter = veto.get_by_role("link", name=re.compile("^来信 ")).first
    code = letter.inner_text().split()[-1]
    letter.click()
    expect(admin.get_by_role("heading", name=re.compile(code))).to_be_visible()
    admin.go_back()

    # 立即监测 takes today's snapshot again.
    admin.get_by_role("button", name="立即监测").click()
    admin.wait_for_load_state()
    assert "已完成“云溪县人民政府”的监测" in messages(admin)

    # Closing the blank column is offered with its consequences (then cancelled: merging it is the better way) …
    blank = admin.locator("#item-blank_columns li", has_text=BLANK_COLUMN)
    blank.get_by_role("link", name="关闭", exact=True).click()
    expect(admin.locator("main")).to_contain_text("取消发布")
    admin.get_by_role("link", name="取消", exact=True).click()

    # … and it is merged into 通知公告 after a confirmation; its old address then leads there.
    blank.get_by_role("link", name="合并", exact=True).click()
    expect(admin.locator("main")).to_contain_text("原地址自动转向新地址")
    admin.get_by_label("并入栏目").select_option(label="政务公开 / 通知公告")
    screenshot(admin, "merge-confirmation")
    admin.get_by_role("button", name="确定合并").click()
    admin.wait_for_load_state()
    assert f"已将“{BLANK_COLUMN}”并入“通知公告”" in messages(admin)
    expect(admin.locator("#item-blank_columns")).not_to_contain_text(BLANK_COLUMN)
    screenshot(admin, "merged")

    visitor = person(None)
    visitor.goto(demo_server.url(COUNTY, "/zwgk/rsxx/"))
    assert visitor.url == demo_server.url(COUNTY, "/zwgk/tzgg/")

    # 监测考核 → 年度考核报告: the site's report, for paper (no admin chrome) and as a spreadsheet.
    admin.get_by_role("button", name="监测考核").click()
    admin.get_by_role("link", name="年度考核报告").click()
    admin.locator("main table").get_by_role("link", name="云溪县人民政府", exact=True).click()
    expect(admin.get_by_role("heading", name=re.compile("单项否决指标"))).to_be_visible()
    admin.emulate_media(media="print")
    expect(admin.locator("#wagtail-sidebar")).to_be_hidden()
    expect(admin.locator(".annual-tools")).to_be_hidden()
    expect(admin.locator(".annual-print-title")).to_be_visible()
    expect(admin.locator(".annual-generated")).to_be_visible()
    screenshot(admin, "annual-report-print")
    admin.emulate_media(media="screen")
    with admin.expect_download() as download:
        admin.get_by_role("link", name="下载XLSX").click()
    year = admin.locator("#annual-year").input_value()
    assert download.value.suggested_filename == f"annual-report-yunxi-{year}.xlsx"


def test_a_platform_administrator_sees_every_site_worst_first(person, screenshot):
    admin = person("system_admin")
    admin.get_by_role("button", name="监测考核").click()
    admin.get_by_role("link", name="站点监测").click()
    rows = admin.locator("main table tbody tr")
    expect(rows.first).to_contain_text("云溪县人民政府")
    expect(rows.first).to_contain_text("不合格")
    screenshot(admin, "worst-first")

    # 得分 sorts the lowest first; a second click the highest.
    admin.locator("main thead").get_by_role("link", name="得分").click()
    expect(admin.locator("main thead th[aria-sort=ascending]")).to_have_text("得分")
    admin.locator("main thead").get_by_role("link", name="得分").click()
    expect(admin.locator("main thead th[aria-sort=descending]")).to_have_text("得分")
    expect(rows.first).to_contain_text("示例市人民政府")

    admin.get_by_role("button", name="监测考核").click()
    admin.get_by_role("link", name="年度考核报告").click()
    expect(admin.get_by_role("heading", name=re.compile("站群.*年度考核报告")).first).to_be_visible()
    expect(admin.locator("main table").first).to_contain_text("青山区人民政府")
    screenshot(admin, "group-report")


def test_a_citizen_rates_a_page_and_reports_an_error_that_the_editor_answers(citizen, person, demo_server, screenshot):
    citizen.goto(demo_server.url(COUNTY, ARTICLE))

    # 这条信息对您有帮助吗: 没帮助, with a comment.
    citizen.get_by_role("group", name="这条信息对您有帮助吗？").get_by_role("button", name="没帮助").click()
    expect(citizen.get_by_label("没帮助")).to_be_checked()
    citizen.get_by_label("意见建议（选填）").fill("没有写培训的报名方式。")
    citizen.fill("#id_captcha_1", captcha_answer(citizen))
    look_at(citizen, screenshot, "feedback-form")
    citizen.get_by_role("button", name="提交评价").click()
    expect(citizen.get_by_role("heading", name="感谢您的评价")).to_be_visible()
    assert_accessible(citizen)
    citizen.get_by_role("link", name="返回原页面").click()
    assert citizen.url == demo_server.url(COUNTY, ARTICLE)

    # 我为政府网站找错 from the footer, the page's address filled in; sent without a description first.
    citizen.locator("footer").get_by_role("link", name="我为政府网站找错").click()
    expect(citizen.get_by_label("页面地址（选填）")).to_have_value(ARTICLE)
    citizen.get_by_label("错别字").check()
    citizen.fill("#id_captcha_1", captcha_answer(citizen))
    citizen.get_by_role("button", name="提交", exact=True).click()
    expect(citizen.locator("main")).to_contain_text("请填写问题描述。")
    look_at(citizen, screenshot, "error-report-invalid")
    description = "第二段“培训班”写成了“培训斑”。"
    citizen.get_by_label("问题描述").fill(description)
    citizen.fill("#id_captcha_1", captcha_answer(citizen))
    citizen.get_by_role("button", name="提交", exact=True).click()
    expect(citizen.get_by_role("heading", name="找错已提交")).to_be_visible()
    look_at(citizen, screenshot, "error-report-receipt")
    # The page's address in the receipt breaks rather than widening the narrowest phones.
    citizen.set_viewport_size({"width": 320, "height": PHONE["height"]})
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(citizen)
    citizen.set_viewport_size(PHONE)
    number = citizen.locator(".error-report__number").inner_text()
    expect(citizen.locator(".error-report__due")).to_have_text(re.compile(r"\d{4}-\d{2}-\d{2}"))

    # The county's 编辑: 监测考核 → 网站找错, the report, its answer.
    editor = person("yunxi_editor", COUNTY)
    editor.get_by_role("button", name="监测考核").click()
    editor.get_by_role("link", name="网站找错").click()
    editor.locator("main table").get_by_role("link", name=description).click()
    expect(editor.get_by_role("heading", name=re.compile(rf"^网站找错 {number}\b"))).to_be_visible()
    editor.get_by_label("处理结果").fill("已更正，感谢您的反映。")
    screenshot(editor, "editor-answers")
    editor.get_by_role("button", name="答复", exact=True).click()
    editor.wait_for_load_state()
    assert "已答复" in messages(editor)
    expect(editor.locator("main table tr", has_text=description)).to_contain_text("已答复")


def test_a_content_page_with_the_feedback_box_fits_a_narrow_phone(citizen, demo_server, screenshot):
    citizen.set_viewport_size({"width": 320, "height": PHONE["height"]})
    citizen.goto(demo_server.url(COUNTY, ARTICLE))
    box = citizen.locator(".page-feedback")
    expect(box).to_be_visible()
    screenshot(citizen, "feedback-box-320")
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(citizen)
