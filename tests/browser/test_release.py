"""Journeys of the release process: a county article through 初审 and 签发, 三同步, the emergency fast track."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import TaskState

from release.models import ContentCheckTask
from tests.browser.pages import (
    act_from_dashboard,
    add_body_block,
    assert_submitted,
    fill_table,
    page_at,
    status_panel,
    submit_for_review,
    type_paragraph,
    upload_document,
    workflow_action,
)

pytestmark = pytest.mark.browser

COUNTY = "yunxi.localhost"


def test_an_article_with_an_attachment_and_a_table_goes_live_through_both_reviews(
    person, demo_server, screenshot, tmp_path
):
    title = "关于开展冬季供暖设施安全检查的通知"
    column = page_at(COUNTY, "zwgk/tzgg/")
    attachment = tmp_path / "schedule.pdf"
    attachment.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    # Citizens have read 通知公告 before: the first visit stored the column in the page cache (the journeys run
    # with it on), the second citizen was served from it.
    public = person(None)
    for visitor, cache in ((public, "miss"), (person(None), "hit")):
        response = visitor.goto(demo_server.url(COUNTY, "/zwgk/tzgg/"))
        assert response.headers["x-page-cache"] == cache
        expect(visitor.get_by_role("link", name=title)).to_have_count(0)

    # The officer writes the notice in the column 通知公告: a paragraph, a table, an attachment.
    officer = person("yunxi_officer", COUNTY)
    officer.goto(demo_server.url(COUNTY, f"/admin/pages/{column.pk}/"))
    officer.get_by_role("link", name=re.compile("添加子页面")).first.click()
    officer.get_by_role("link", name="文章", exact=True).click()
    officer.fill("#id_title", title)
    officer.locator("#id_kind").select_option(label="通知公告")
    officer.fill("#id_source", "云溪县住房和城乡建设局")
    type_paragraph(
        add_body_block(officer, "正文段落"), "各乡镇：为保障群众温暖过冬，现将供暖设施安全检查安排通知如下。"
    )
    fill_table(add_body_block(officer, "表格"), [["乡镇", "检查日期"], ["青溪镇", "12月10日"], ["白沙乡", "12月11日"]])
    officer.click("#id_attachments-ADD")
    upload_document(officer, officer.locator("#inline_child_attachments-0"), attachment, "供暖检查安排表")
    screenshot(officer, "officer-writes")
    submit_for_review(officer)
    screenshot(officer, "officer-submitted")
    assert_submitted(officer)
    article = column.get_children().get(title=title).specific

    # The reviewer (初审) sends it back with a comment.
    reviewer = person("yunxi_reviewer", COUNTY)
    assert title in reviewer.locator("main").inner_text()  # 等待你的审查 on the dashboard
    reviewer.goto(demo_server.url(COUNTY, f"/admin/pages/{article.pk}/edit/"))
    workflow_action(reviewer, "请求修改", comment="请在表格中补充各乡镇的联系电话。")
    screenshot(reviewer, "reviewer-requests-changes")

    # The officer sees the request and the comment, fixes the table and resubmits.
    officer.goto(demo_server.url(COUNTY, f"/admin/pages/{article.pk}/workflow_history/"))
    officer.locator("main table a").first.click()
    officer.get_by_role("tab", name=re.compile("时间轴")).click()
    expect(officer.get_by_text("请在表格中补充各乡镇的联系电话。").filter(visible=True).first).to_be_visible()
    screenshot(officer, "officer-reads-the-comment")
    officer.goto(demo_server.url(COUNTY, f"/admin/pages/{article.pk}/edit/"))
    fill_table(
        officer.locator("#body-root [data-streamfield-child]").last,
        [
            ["乡镇", "检查日期", "联系电话"],
            ["青溪镇", "12月10日", "0000-5551234"],
            ["白沙乡", "12月11日", "0000-5555678"],
        ],
    )
    submit_for_review(officer)
    screenshot(officer, "officer-resubmitted")
    assert_submitted(officer)

    # The content check ran again on the resubmission, and the page waits at 初审 once more.
    check_runs = TaskState.objects.for_instance(article).filter(task__in=ContentCheckTask.objects.all())
    assert check_runs.count() == 2
    assert check_runs.order_by("-started_at").first().status == TaskState.STATUS_APPROVED

    # 初审 approves, 签发 approves: the page is live.
    reviewer.goto(demo_server.url(COUNTY, f"/admin/pages/{article.pk}/edit/"))
    workflow_action(reviewer, "批准")
    screenshot(reviewer, "reviewer-approves")
    expect(reviewer.locator(".messages li.error")).to_have_count(0)
    approver = person("yunxi_approver", COUNTY)
    approver.goto(demo_server.url(COUNTY, f"/admin/pages/{article.pk}/edit/"))
    workflow_action(approver, "批准")
    screenshot(approver, "approver-releases")
    approver.goto(demo_server.url(COUNTY, f"/admin/pages/{article.pk}/edit/"))
    assert "已发布" in status_panel(approver)

    # The citizen finds it in 通知公告 on the county's hostname on the next visit, with its table and attachment.
    public.goto(demo_server.url(COUNTY, "/zwgk/tzgg/"))
    public.get_by_role("link", name=title).click()
    screenshot(public, "public-reads")
    assert public.locator("h1").inner_text() == title
    assert public.get_by_role("cell", name="0000-5555678").is_visible()
    assert public.get_by_role("link", name=re.compile("供暖检查安排表")).is_visible()


def test_an_emergency_goes_live_with_one_approval_and_shows_its_banner(person, demo_server, screenshot):
    title = "云溪县青溪河段山洪橙色预警"
    index = page_at(COUNTY, "tfsj/")

    # The officer reports it under 突发事件: the title, the level, a summary and the first report.
    officer = person("yunxi_officer", COUNTY)
    officer.goto(demo_server.url(COUNTY, f"/admin/pages/{index.pk}/add_subpage/"))
    officer.fill("#id_title", title)
    officer.locator("#id_level").select_option(index=2)
    officer.fill("#id_summary", "青溪河上游强降雨，沿河低洼地带群众请立即向高处转移。")
    officer.fill("#id_updates-0-text", "县防汛办发布山洪橙色预警，青溪镇已组织沿河群众转移。")
    screenshot(officer, "officer-reports")
    submit_for_review(officer)
    screenshot(officer, "officer-submitted")
    assert_submitted(officer)
    emergency = index.get_children().get(title=title).specific

    # One step, 签发: the approver's approval puts it live at once (no 初审, no waiting).
    approver = person("yunxi_approver", COUNTY)
    expect(approver.locator("tr", has_text=title).first).to_be_visible()  # 等待你的审查
    act_from_dashboard(approver, title)
    screenshot(approver, "approver-releases")
    approver.goto(demo_server.url(COUNTY, f"/admin/pages/{emergency.pk}/edit/"))
    assert "已发布" in status_panel(approver)

    # Every page of the county carries the banner; it leads to the emergency's page.
    public = person(None)
    public.goto(demo_server.url(COUNTY, "/zwgk/tzgg/"))
    banner = public.get_by_role("region", name="突发事件提示")
    expect(banner.get_by_role("link", name=title)).to_be_visible()
    screenshot(public, "banner")
    banner.get_by_role("link", name=title).click()
    expect(public.locator("h1")).to_have_text(title)
    expect(public.get_by_text("县防汛办发布山洪橙色预警")).to_be_visible()
    screenshot(public, "emergency-page")
