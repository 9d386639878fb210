"""意见征集, public side: the consultation page (state, period, draft, comments, feedback), 提交意见 (the public-form
pattern; nothing stored on any error, nor outside the period) and the 意见征集 list with its RSS, on county A."""

import datetime
from datetime import timedelta
from itertools import count

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from consultations.models import (
    Comment,
    CommentStatus,
    ConsultationIndexPage,
    ConsultationKind,
    ConsultationPage,
    FeedbackTheme,
    Outcome,
    State,
)
from tests.citizen_mailbox.conftest import captcha_answer
from workdays.models import WorkdayOverride

pytestmark = pytest.mark.django_db

HOST = "county-a.localhost"
CONTENT = "建议第二条增加对小微企业的过渡期安排。"
_numbers = count(1)
TZ = timezone.get_fixed_timezone(8 * 60)


def visitor(number=1):
    return Client(HTTP_HOST=HOST, REMOTE_ADDR=f"10.4.0.{number}")


def index_under(home):
    """The 意见征集 column provisioned under the site's 互动交流."""
    return ConsultationIndexPage.objects.child_of(Page.objects.child_of(home).get(slug="hdjl")).get()


@pytest.fixture
def index(site_group):
    return index_under(site_group.county_a.home)


def kind(name="规章"):
    return ConsultationKind.objects.get(name=name)


def draft(sections=3):
    return [
        ("section", {"heading": f"标题{number}", "body": f"<p>第{number}条的内容。</p>"})
        for number in range(1, sections + 1)
    ]


def make_consultation(index, *, opens=None, closes=None, live=True, **fields):
    number = next(_numbers)
    now = timezone.now()
    page = ConsultationPage(
        title=fields.pop("title", f"关于某办法的征求意见稿{number}"),
        slug=fields.pop("slug", f"consultation-{number}"),
        kind=fields.pop("kind", kind()),
        organiser=fields.pop("organiser", "甲县司法局"),
        summary=fields.pop("summary", "现将征求意见稿全文公布，征求社会公众意见。"),
        opens_at=opens or now - timedelta(days=1),
        closes_at=closes or now + timedelta(days=40),
        draft=fields.pop("draft", draft()),
        live=live,
        **fields,
    )
    index.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return ConsultationPage.objects.get(pk=page.pk)


def page_url(page):
    return page.get_url_parts()[2]


def comment_url(page):
    return page_url(page) + "comment/"


def form_data(client, page, **overrides):
    response = client.get(comment_url(page))
    assert response.status_code == 200
    hashkey, answer = captcha_answer(response)
    data = {"name": "张三", "contact": "13812345678", "section": "2", "content": CONTENT}
    data.update({"captcha_0": hashkey, "captcha_1": answer}, **overrides)
    return data


def add_comment(page, status=CommentStatus.APPROVED, outcome="", **fields):
    return Comment.objects.create(
        consultation=page,
        site_home=page.get_parent().get_parent().get_parent().specific,
        content=fields.pop("content", CONTENT),
        status=status,
        outcome=outcome,
        **fields,
    )


# --- state and period ----------------------------------------------------------------------------------------


def test_the_state_changes_at_the_opening_and_closing_instants():
    opens = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=TZ)
    closes = datetime.datetime(2026, 3, 31, 17, 0, tzinfo=TZ)
    page = ConsultationPage(opens_at=opens, closes_at=closes, feedback="")
    second = timedelta(seconds=1)
    assert page.state(opens - second) == State.UPCOMING
    assert page.state(opens) == State.OPEN
    assert page.state(closes - second) == State.OPEN
    assert page.state(closes) == State.CLOSED
    assert page.state(closes + second) == State.CLOSED
    page.feedback = "<p>采纳情况如下。</p>"
    assert page.state(closes + second) == State.ANSWERED
    assert page.state(closes - second) == State.OPEN


def test_a_period_shorter_than_30_days_needs_a_published_explanation(index):
    opens = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=TZ)
    page = make_consultation(index, opens=opens, closes=datetime.datetime(2026, 3, 31, 17, 0, tzinfo=TZ))
    page.full_clean()  # 30 days: legal
    page.closes_at = datetime.datetime(2026, 3, 30, 23, 59, tzinfo=TZ)  # 29 days
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "short_period_explanation" in refused.value.message_dict
    page.short_period_explanation = "因上级部署时间紧迫，征集期缩短。"
    page.full_clean()


def test_seven_working_days_across_national_day_count_the_調休_saturday(index):
    for day in range(1, 8):
        WorkdayOverride.objects.update_or_create(
            date=datetime.date(2026, 10, day), defaults={"is_working_day": False, "note": "国庆节"}
        )
    WorkdayOverride.objects.update_or_create(
        date=datetime.date(2026, 10, 10), defaults={"is_working_day": True, "note": "国庆节调休"}
    )
    opens = datetime.datetime(2026, 9, 30, 9, 0, tzinfo=TZ)
    # Working days after 30 September: 8, 9, 10 (Saturday, worked), 12, 13, 14, 15 October.
    page = make_consultation(
        index, kind=kind("规范性文件"), opens=opens, closes=datetime.datetime(2026, 10, 15, 17, 0, tzinfo=TZ)
    )
    page.full_clean()
    page.closes_at = datetime.datetime(2026, 10, 14, 17, 0, tzinfo=TZ)
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "short_period_explanation" in refused.value.message_dict
    WorkdayOverride.objects.filter(date=datetime.date(2026, 10, 10)).update(is_working_day=False)
    page.closes_at = datetime.datetime(2026, 10, 15, 17, 0, tzinfo=TZ)
    with pytest.raises(ValidationError):
        page.full_clean()  # without the 调休 Saturday, the 15th is the sixth working day


def test_the_page_shows_the_explanation_of_a_short_period(index):
    now = timezone.now()
    page = make_consultation(
        index,
        opens=now - timedelta(days=1),
        closes=now + timedelta(days=5),
        short_period_explanation="时间紧迫的说明。",
    )
    html = visitor().get(page_url(page)).content.decode()
    assert "时间紧迫的说明。" in html and "征集中" in html
    assert 'id="section-1"' in html and 'id="section-3"' in html and "第2条" in html


# --- 提交意见 ----------------------------------------------------------------------------------------------


def test_a_valid_comment_is_stored_pending_for_the_consultations_site_with_a_receipt(index, site_group):
    page = make_consultation(index)
    client = visitor()
    response = client.post(comment_url(page), form_data(client, page))
    assert response.status_code == 200
    assert "意见已提交" in response.content.decode() and "no-store" in response["Cache-Control"]
    comment = Comment.objects.get()
    assert (comment.consultation_id, comment.site_home_id) == (page.pk, site_group.county_a.home.pk)
    assert (comment.name, comment.contact, comment.section, comment.content) == ("张三", "13812345678", 2, CONTENT)
    assert comment.status == CommentStatus.PENDING


def test_a_comment_without_name_contact_or_section_is_accepted(index):
    page = make_consultation(index)
    client = visitor()
    response = client.post(comment_url(page), form_data(client, page, name="", contact="", section=""))
    assert response.status_code == 200
    assert Comment.objects.get().section is None


@pytest.mark.parametrize("when", ["upcoming", "closed"])
def test_a_post_outside_the_period_stores_nothing_and_says_so(index, when):
    now = timezone.now()
    if when == "upcoming":
        page = make_consultation(index, opens=now + timedelta(days=1), closes=now + timedelta(days=40))
    else:
        page = make_consultation(index, opens=now - timedelta(days=40), closes=now - timedelta(seconds=1))
    data = {"content": CONTENT, "captcha_0": "x", "captcha_1": "1"}
    response = visitor().post(comment_url(page), data)
    assert response.status_code == 409
    assert "本次提交未被接收" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_post_one_second_after_closing_is_refused(index):
    now = timezone.now()
    page = make_consultation(index, opens=now - timedelta(days=40), closes=now + timedelta(minutes=5))
    client = visitor()
    data = form_data(client, page)
    with time_machine.travel(page.closes_at + timedelta(seconds=1)):
        response = client.post(comment_url(page), data)
    assert response.status_code == 409 and not Comment.objects.exists()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"content": "长" * 2001}, "意见内容不能超过2000个字"),
        ({"name": "名" * 31}, "姓名不能超过30个字"),
        ({"contact": "1" * 101}, "联系方式不能超过100个字"),
        ({"content": ""}, "请填写意见内容"),
        ({"captcha_1": "999999"}, "验证码答案不正确"),
        ({"section": "4"}, "请从征求意见稿的条款中选择"),
        ({"section": "0"}, "请从征求意见稿的条款中选择"),
        ({"section": "abc"}, "请从征求意见稿的条款中选择"),
        ({"content": "好<script>alert(1)</script>"}, "不要包含网页代码"),
        ({"name": "<b>张</b>"}, "不要包含网页代码"),
    ],
)
def test_bad_input_stores_nothing(index, overrides, message):
    page = make_consultation(index)
    client = visitor()
    response = client.post(comment_url(page), form_data(client, page, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "<script>alert" not in response.content.decode()
    assert not Comment.objects.exists()


def test_posting_too_often_is_refused_and_stores_nothing_more(index, monkeypatch):
    from consultations import views

    monkeypatch.setattr(views, "COMMENT_RATE", "1/h")
    page = make_consultation(index)
    client = visitor()
    assert client.post(comment_url(page), form_data(client, page)).status_code == 200
    response = client.post(comment_url(page), {"content": CONTENT})
    assert response.status_code == 429
    assert Comment.objects.count() == 1


# --- public comments and feedback --------------------------------------------------------------------------


def test_public_comments_are_shown_only_when_approved_and_allowed_with_personal_data_masked(index):
    page = make_consultation(index, show_comments=True)
    add_comment(page, name="欧阳娜娜", contact="13900001111", content="我是欧阳娜娜，电话13912345678，建议延长期限。")
    add_comment(page, status=CommentStatus.PENDING, content="待审核的意见")
    add_comment(page, status=CommentStatus.REJECTED, content="不予采用的意见")
    html = visitor().get(page_url(page)).content.decode()
    assert "建议延长期限" in html and "欧*" in html
    assert "欧阳娜娜" not in html and "13912345678" not in html and "13900001111" not in html
    assert "待审核的意见" not in html and "不予采用的意见" not in html

    ConsultationPage.objects.filter(pk=page.pk).update(show_comments=False)
    html = visitor().get(page_url(page)).content.decode()
    assert "建议延长期限" not in html


def test_the_feedback_counts_are_those_of_the_moderated_comments(index, site_group):
    from policy.models import PolicyPage

    now = timezone.now()
    page = make_consultation(
        index,
        opens=now - timedelta(days=40),
        closes=now - timedelta(days=2),
        feedback="<p>共收到意见若干，采纳情况如下。</p>",
    )
    FeedbackTheme.objects.create(page=page, theme="过渡期", outcome=Outcome.ADOPTED, reason="已增加六个月过渡期。")
    outcomes = [Outcome.ADOPTED] * 3 + [Outcome.PARTLY] * 2 + [Outcome.NOT_ADOPTED]
    for outcome in outcomes:
        add_comment(page, outcome=outcome)
    add_comment(page, status=CommentStatus.REJECTED, outcome=Outcome.NOT_ADOPTED)
    add_comment(page, status=CommentStatus.PENDING, outcome=Outcome.ADOPTED)  # not moderated: not counted
    policy = PolicyPage.objects.live().first()
    if policy is not None:
        ConsultationPage.objects.filter(pk=page.pk).update(adopted_policy=policy)

    response = visitor().get(page_url(page))
    html = response.content.decode()
    assert response.context["state"] == State.ANSWERED
    moderated = Comment.objects.filter(consultation=page).exclude(status=CommentStatus.PENDING)
    expected = {
        "received": moderated.count(),
        "adopted": moderated.filter(outcome=Outcome.ADOPTED).count(),
        "partly": moderated.filter(outcome=Outcome.PARTLY).count(),
        "not_adopted": moderated.filter(outcome=Outcome.NOT_ADOPTED).count(),
    }
    shown = {name: response.context["feedback_counts"][name] for name in expected}
    assert shown == expected == {"received": 7, "adopted": 3, "partly": 2, "not_adopted": 2}
    for name, number in expected.items():
        assert f'data-count="{name}">{number}<' in html
    assert "已增加六个月过渡期。" in html and "已反馈" in html
    if policy is not None:
        assert policy.title in html


def test_the_consultation_page_costs_the_same_queries_for_3_and_10_comments(index):
    now = timezone.now()
    page = make_consultation(
        index,
        opens=now - timedelta(days=40),
        closes=now - timedelta(days=2),
        feedback="<p>反馈</p>",
        show_comments=True,
    )
    for _ in range(3):
        add_comment(page, outcome=Outcome.ADOPTED, name="李四")
    client = visitor()
    client.get(page_url(page))
    with CaptureQueriesContext(connection) as three:
        assert client.get(page_url(page)).status_code == 200
    for _ in range(7):
        add_comment(page, outcome=Outcome.PARTLY, name="王五")
    with CaptureQueriesContext(connection) as ten:
        assert client.get(page_url(page)).status_code == 200
    assert len(ten) == len(three)


# --- the list and its RSS ----------------------------------------------------------------------------------


def test_the_list_shows_open_first_then_upcoming_then_closed_newest_first(index):
    now = timezone.now()
    closed_old = make_consultation(
        index, title="旧的已截止", opens=now - timedelta(days=90), closes=now - timedelta(days=60)
    )
    closed_new = make_consultation(
        index, title="新的已截止", opens=now - timedelta(days=40), closes=now - timedelta(days=5)
    )
    upcoming = make_consultation(
        index, title="即将开始", opens=now + timedelta(days=3), closes=now + timedelta(days=40)
    )
    open_late = make_consultation(index, title="晚截止", closes=now + timedelta(days=50))
    open_soon = make_consultation(index, title="早截止", closes=now + timedelta(days=31))
    make_consultation(index, title="草稿不显示", live=False)

    response = visitor().get(page_url(index))
    listed = [page.pk for page in response.context["consultations"].object_list]
    assert listed == [open_soon.pk, open_late.pk, upcoming.pk, closed_new.pk, closed_old.pk]
    html = response.content.decode()
    assert "草稿不显示" not in html and "征集中" in html and "未开始" in html and "已截止" in html


def test_the_portal_lists_its_sub_sites_consultations_but_not_a_held_sites(site_group, index, monkeypatch):
    portal_index = index_under(site_group.portal.home)
    page = make_consultation(index, title="甲县的征集")
    client = Client(HTTP_HOST="localhost")
    html = client.get(page_url(portal_index)).content.decode()
    assert "甲县的征集" in html
    import govcms.core.visibility

    monkeypatch.setattr(govcms.core.visibility, "held_site_paths", lambda *a: [site_group.county_a.home.path])
    html = client.get(page_url(portal_index)).content.decode()
    assert "甲县的征集" not in html and page.pk


def test_the_list_costs_the_same_queries_for_3_and_10_consultations(index, django_assert_num_queries):
    now = timezone.now()
    for number in range(3):
        make_consultation(index, opens=now - timedelta(days=number + 1))
    client = visitor()
    client.get(page_url(index))
    with CaptureQueriesContext(connection) as three:
        assert client.get(page_url(index)).status_code == 200
    for number in range(7):
        make_consultation(index, opens=now + timedelta(days=number + 1), closes=now + timedelta(days=60))
    with django_assert_num_queries(len(three)):
        response = client.get(page_url(index))
    assert len(response.context["consultations"].object_list) == 10


def test_the_rss_lists_the_consultations_escaped(index):
    make_consultation(index, title="关于<b>某</b>办法的征求意见稿")
    response = visitor().get(page_url(index) + "rss/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<rss" in body and "&lt;b&gt;某&lt;/b&gt;" in body and "<b>某</b>" not in body
