"""Journey of 三同步: a major policy and its interpretation pass the same reviews and go live together."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.citizen import assert_accessible
from tests.browser.pages import (
    act_from_dashboard,
    add_body_block,
    assert_submitted,
    choose_page,
    page_at,
    status_panel,
    submit_for_review,
    type_paragraph,
)

pytestmark = pytest.mark.browser

COUNTY = "yunxi.localhost"


def release(person, screenshot, page, label):
    """初审, then 签发, approve the page from their dashboards' 等待你的审查."""
    for username in ("yunxi_reviewer", "yunxi_approver"):
        reviewer = person(username, COUNTY)
        act_from_dashboard(reviewer, page.title)
        screenshot(reviewer, f"{label}-{username}-approves")
        expect(reviewer.locator(".messages li.error")).to_have_count(0)
    return reviewer


def test_a_major_policy_and_its_interpretation_are_released_together(person, demo_server, screenshot):
    policy_title = "云溪县关于推进老旧小区改造的实施意见"
    interpretation_title = "《云溪县关于推进老旧小区改造的实施意见》政策解读"
    policies = page_at(COUNTY, "zwgk/zcwj/")
    interpretations = page_at(COUNTY, "zwgk/zcjd/")

    # The officer drafts the major policy and submits it.
    officer = person("yunxi_officer", COUNTY)
    officer.goto(demo_server.url(COUNTY, f"/admin/pages/add/policy/policypage/{policies.pk}/"))
    officer.fill("#id_title", policy_title)
    officer.fill("#id_document_number", "云政发〔2026〕9号")
    officer.locator("#id_issuing_bodies").select_option(label="云溪县人民政府")
    officer.fill("#id_written_date", "2026-11-20")
    officer.check("#id_is_major")
    officer.locator("#id_disclosure_category").select_option(label="决策公开")
    type_paragraph(add_body_block(officer, "正文段落"), "为改善居民居住条件，现就推进老旧小区改造提出如下意见。")
    submit_for_review(officer)
    screenshot(officer, "policy-submitted")
    assert_submitted(officer)
    policy = policies.get_children().get(title=policy_title).specific

    # 初审 and 签发 approve it; it waits for its interpretation (三同步) and is not live yet.
    approver = release(person, screenshot, policy, "policy")
    approver.goto(demo_server.url(COUNTY, f"/admin/pages/{policy.pk}/edit/"))
    screenshot(approver, "policy-waits")
    assert "三同步" in status_panel(approver)
    policy.refresh_from_db()
    assert not policy.live

    # The officer writes the interpretation, linking the waiting policy, and submits it.
    officer.goto(demo_server.url(COUNTY, f"/admin/pages/add/policy/interpretationpage/{interpretations.pk}/"))
    officer.fill("#id_title", interpretation_title)
    officer.get_by_role("button", name="增加 政策文件").click()
    choose_page(
        officer,
        officer.locator("#id_policy_links-FORMS").get_by_role("button", name=re.compile("选择一个页面")),
        # From the tree root: with the portal's English home beside its Chinese one, the chooser opens there.
        [*policy.get_ancestors().filter(depth__gt=1), policy],
    )
    type_paragraph(add_body_block(officer, "正文段落"), "一、出台背景。二、主要内容。三、改造范围和补助标准。")
    submit_for_review(officer)
    screenshot(officer, "interpretation-submitted")
    assert_submitted(officer)
    interpretation = interpretations.get_children().get(title=interpretation_title).specific

    # Its check accepts the link to the policy released with it; 初审 and 签发 approve it.
    release(person, screenshot, interpretation, "interpretation")

    # Both are live: the public reads the policy and finds its interpretation beside it.
    public = person(None)
    public.goto(demo_server.url(COUNTY, "/zwgk/zcwj/"))
    public.get_by_role("link", name=policy_title).first.click()
    screenshot(public, "public-policy")
    assert_accessible(public)
    expect(public.locator("h1")).to_have_text(policy_title)
    public.get_by_role("link", name=interpretation_title).first.click()
    screenshot(public, "public-interpretation")
    assert_accessible(public)
    expect(public.locator("h1")).to_have_text(interpretation_title)
