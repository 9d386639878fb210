"""Journey of a citizen in 意见征集 and 网上调查 on the portal: from the home page through 互动交流 to an open
consultation, a comment with its receipt; then a survey answered and its results read.

The consultation and the survey are made here, with titles of their own, rather than taken from the demo: the
journey then depends only on the columns that provisioning gives every site, not on the demo's dates."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Page, Site

from consultations.models import (
    Comment,
    ConsultationIndexPage,
    ConsultationKind,
    ConsultationPage,
    SurveyIndexPage,
    SurveyPage,
    SurveyQuestion,
)
from tests.browser.citizen import captcha_answer, captcha_field, look_at

pytestmark = pytest.mark.browser

PORTAL = "localhost"
CONSULTATION = "关于《示例市公园管理办法（征求意见稿）》公开征求意见"
SURVEY = "示例市公园开放时间满意度调查"
COMMENT = "建议第二条明确夏季延长开放时间的具体日期。"


def interaction_column(model):
    """The portal's 意见征集 or 网上调查 column, provisioned under its 互动交流."""
    portal_home = Site.objects.get(hostname=PORTAL).root_page
    interaction = Page.objects.child_of(portal_home).get(slug="hdjl")
    return model.objects.child_of(interaction).get()


@pytest.fixture(scope="module")
def open_consultation(demo_server):
    now = timezone.now()
    page = ConsultationPage(
        title=CONSULTATION,
        slug="gongyuan-guanli",
        kind=ConsultationKind.objects.get(name="规章"),
        organiser="示例市园林绿化局",
        summary="现将《示例市公园管理办法（征求意见稿）》全文公布，征求社会公众意见。",
        opens_at=now - timedelta(days=2),
        closes_at=now + timedelta(days=30),
        draft=[
            ("section", {"heading": "适用范围", "body": "<p>本办法适用于本市城市公园。</p>"}),
            ("section", {"heading": "开放时间", "body": "<p>公园每日6时至22时开放。</p>"}),
        ],
    )
    interaction_column(ConsultationIndexPage).add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture(scope="module")
def open_survey(demo_server):
    now = timezone.now()
    survey = SurveyPage(
        title=SURVEY,
        slug="gongyuan-diaocha",
        summary="请就本市公园的开放时间发表意见。",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=14),
        public_results=True,
    )
    for order, (text, kind, options, required) in enumerate(
        [
            ("您多久去一次公园？", "single", "每天\n每周\n很少", True),
            ("您通常什么时候去？", "multiple", "早晨\n傍晚\n周末", True),
            ("对目前开放时间的满意度", "rating", "", True),
            ("其他建议", "text", "", False),
        ]
    ):
        survey.questions.add(SurveyQuestion(text=text, kind=kind, options=options, required=required, sort_order=order))
    interaction_column(SurveyIndexPage).add_child(instance=survey)
    survey.save_revision().publish()
    return survey


def test_a_citizen_comments_on_an_open_consultation(citizen, demo_server, screenshot, open_consultation):
    citizen.goto(demo_server.url(PORTAL))
    citizen.goto(demo_server.url(PORTAL, "/hdjl/"))
    citizen.get_by_role("link", name="意见征集").first.click()
    expect(citizen.get_by_role("heading", level=1, name="意见征集")).to_be_visible()
    look_at(citizen, screenshot, "consultation-list")
    citizen.get_by_role("link", name=CONSULTATION).click()

    expect(citizen.locator(".consultation__meta .badge")).to_have_text("征集中")
    expect(citizen.get_by_role("heading", name="征求意见稿", exact=True)).to_be_visible()
    look_at(citizen, screenshot, "consultation")
    # A comment may point to a section of the draft: its link pre-selects it.
    citizen.get_by_role("link", name="对第2条提意见").click()
    expect(citizen.get_by_role("heading", level=1, name="提交意见")).to_be_visible()
    expect(citizen.get_by_label("针对条款（选填）")).to_have_value("2")
    citizen.get_by_label("姓名（选填）").fill("李四")
    citizen.get_by_label("联系方式（选填）").fill("13912345678")
    citizen.get_by_label("意见内容").fill(COMMENT)
    captcha_field(citizen).fill(captcha_answer(citizen))
    look_at(citizen, screenshot, "comment-form")
    citizen.get_by_role("button", name="提交意见").click()

    expect(citizen.get_by_role("heading", level=1, name="意见已提交")).to_be_visible()
    look_at(citizen, screenshot, "comment-receipt")
    stored = Comment.objects.get(consultation=open_consultation, content=COMMENT)
    assert (stored.section, stored.status, stored.name) == (2, "pending", "李四")
    # Pending moderation, and this consultation does not publish comments: nothing of it on the page.
    citizen.get_by_role("link", name="返回征求意见稿").click()
    expect(citizen.locator("main")).not_to_contain_text(COMMENT)


def test_a_citizen_answers_a_survey_and_reads_the_results(citizen, demo_server, screenshot, open_survey):
    citizen.goto(demo_server.url(PORTAL, "/hdjl/"))
    citizen.get_by_role("link", name="网上调查").first.click()
    expect(citizen.get_by_role("heading", level=1, name="网上调查")).to_be_visible()
    look_at(citizen, screenshot, "survey-list")
    citizen.get_by_role("link", name=SURVEY).click()
    expect(citizen.get_by_role("heading", name="调查结果")).to_be_visible()
    expect(citizen.locator("main")).to_contain_text("暂无答卷。")
    citizen.get_by_role("link", name="参加调查").click()

    # A required question left unanswered is named in the error summary, and nothing is stored.
    captcha_field(citizen).fill(captcha_answer(citizen))
    citizen.get_by_role("button", name="提交答卷").click()
    expect(citizen.locator(".error-summary")).to_contain_text("请回答“您多久去一次公园？”")
    assert not open_survey.responses.exists()

    citizen.get_by_role("radio", name="每周").check()
    citizen.get_by_role("checkbox", name="傍晚").check()
    citizen.get_by_role("checkbox", name="周末").check()
    citizen.get_by_role("group", name=re.compile("对目前开放时间的满意度")).get_by_role("radio", name="4").check()
    citizen.get_by_label("其他建议").fill("希望夏季延长到23时。")
    captcha_field(citizen).fill(captcha_answer(citizen))
    look_at(citizen, screenshot, "survey-form")
    citizen.get_by_role("button", name="提交答卷").click()
    expect(citizen.get_by_role("heading", level=1, name="提交成功")).to_be_visible()

    # The results: one response, a chart with its table beside it; free text is never shown.
    citizen.get_by_role("link", name="返回调查").click()
    results = citizen.get_by_role("region", name="调查结果")
    expect(results).to_contain_text("共收到 1 份答卷。")
    table = citizen.get_by_role("table", name="“您多久去一次公园？”的统计")
    expect(table.get_by_role("row", name=re.compile("每周"))).to_contain_text("100")
    expect(citizen.get_by_role("img", name=re.compile("您多久去一次公园？"))).to_be_visible()
    expect(citizen.locator("main")).not_to_contain_text("希望夏季延长到23时。")
    look_at(citizen, screenshot, "survey-results")

    # One response per person: the same browser coming back to the form is told it has answered.
    citizen.get_by_role("link", name="参加调查").click()
    expect(citizen.get_by_role("heading", level=1, name="您已参加过本次调查")).to_be_visible()
    expect(citizen.get_by_role("button", name="提交答卷")).to_have_count(0)
    assert open_survey.responses.count() == 1
