"""我要提问 (InterviewPage's ask/ route), through the public views on county A's host: the platform's public-form
pattern (captcha, rate limit, CSRF, one transaction), open only before and during the broadcast."""

from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.test import Client
from django.utils import timezone
from wagtail.models import PageLogEntry

from interviews import views
from interviews.models import Broadcast, InterviewIndexPage, Question, QuestionStatus
from tests.citizen_mailbox.conftest import captcha_answer
from tests.citizen_mailbox.test_captcha import shown_captcha
from tests.interviews.factories import make_interview

pytestmark = pytest.mark.django_db

HOST = "county-a.localhost"
QUESTION = "灵活就业人员怎样参加职工养老保险？"


def visitor(number=1, **kwargs):
    return Client(HTTP_HOST=HOST, REMOTE_ADDR=f"10.3.0.{number}", **kwargs)


@pytest.fixture
def index(site_group):
    return InterviewIndexPage.objects.descendant_of(site_group.county_a.home).get()


@pytest.fixture
def interview(index):
    return make_interview(index)


def ask_url(interview):
    return interview.get_url_parts()[2] + "ask/"


def form_data(client, interview, **overrides):
    """A complete, valid question, with the captcha the form just showed answered."""
    response = client.get(ask_url(interview))
    assert response.status_code == 200
    hashkey, answer = captcha_answer(response)
    data = {
        "nickname": "小王",
        "text": QUESTION,
        "contact": "13812345678",
        "captcha_0": hashkey,
        "captcha_1": answer,
    }
    data.update(overrides)
    return data


def test_a_valid_question_is_stored_pending_logged_and_thanked(interview):
    client = visitor()
    form = client.get(ask_url(interview))
    assert "no-store" in form["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in form.content.decode()
    assert "看不清，换一张" in form.content.decode()
    assert not Broadcast.objects.filter(pk=interview.pk).exists()  # a visit writes nothing but its captcha

    response = client.post(ask_url(interview), form_data(client, interview))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "审核" in response.content.decode()
    question = Question.objects.get()
    assert (question.interview_id, question.status) == (interview.pk, QuestionStatus.PENDING)
    assert (question.nickname, question.text, question.contact) == ("小王", QUESTION, "13812345678")
    entry = PageLogEntry.objects.get(action="interviews.question_submit")
    assert entry.page_id == interview.pk and entry.user is None
    assert "13812345678" not in str(entry.data)  # the contact stays private


def test_a_question_without_nickname_or_contact_is_asked_as_网友(interview):
    client = visitor()
    response = client.post(ask_url(interview), form_data(client, interview, nickname="", contact=""))
    assert response.status_code == 200
    assert Question.objects.get().nickname == "网友"


BAD_INPUT = [
    ("empty question", {"text": ""}, "请填写问题。"),
    ("blank question", {"text": "  \n "}, "请填写问题。"),
    ("over-long question", {"text": "问" * 501}, "问题不能超过500个字。"),
    ("over-long nickname", {"nickname": "名" * 21}, "网名不能超过20个字。"),
    ("over-long contact", {"contact": "1" * 101}, "联系方式不能超过100个字。"),
    ("script in the question", {"text": "<script>alert('x')</script>养老保险？"}, "不要包含网页代码"),
    ("markup in the question", {"text": "<b>养老保险</b>怎么交？"}, "不要包含网页代码"),
    ("an event handler in the nickname", {"nickname": "<img src=x onerror=alert(1)>"}, "不要包含网页代码"),
    ("wrong captcha", {"captcha_1": "-999"}, "验证码答案不正确"),
    ("no captcha", {"captcha_1": ""}, "请填写验证码。"),
]


@pytest.mark.parametrize(("case", "overrides", "error"), BAD_INPUT, ids=[case for case, _, _ in BAD_INPUT])
def test_bad_input_is_refused_clearly_keeps_the_text_and_stores_nothing(interview, case, overrides, error):
    client = visitor()
    response = client.post(ask_url(interview), form_data(client, interview, **overrides))

    assert response.status_code == 400
    body = response.content.decode()
    assert error in body
    assert 'class="error-summary"' in body and 'aria-invalid="true"' in body
    # What the citizen typed is shown again, as text: nothing of it runs.
    if "text" not in overrides:
        assert QUESTION in body
    assert "<script>alert" not in body and "<img src=x" not in body and "<b>养老保险" not in body
    if "script" in case:
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body
    assert not Question.objects.exists()
    assert not PageLogEntry.objects.filter(action="interviews.question_submit").exists()


def test_a_flood_from_one_client_is_stopped_with_429_and_stores_nothing(interview):
    client = visitor()
    rate = int(views.ASK_RATE.split("/")[0])
    for _ in range(rate):
        assert client.post(ask_url(interview), {"text": ""}).status_code == 400
    response = client.post(ask_url(interview), form_data(client, interview))
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert not Question.objects.exists()
    # Another client is not affected.
    other = visitor(2)
    assert other.post(ask_url(interview), form_data(other, interview)).status_code == 200
    assert Question.objects.count() == 1


def test_a_new_captcha_keeps_what_was_typed_and_stores_nothing(interview):
    client = visitor()
    data = form_data(client, interview, captcha_1="", captcha_refresh="1")
    response = client.post(ask_url(interview), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert QUESTION in body and 'value="小王"' in body
    assert "您填写的内容已保留" in body
    assert shown_captcha(response)[0] != data["captcha_0"]
    assert not Question.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(interview):
    client = visitor(enforce_csrf_checks=True)
    response = client.post(ask_url(interview), form_data(client, interview))
    assert response.status_code == 403
    assert not Question.objects.exists()


def test_a_10_mb_body_is_refused_with_400_and_stores_nothing(interview):
    client = visitor()
    response = client.post(ask_url(interview), form_data(client, interview, text="问" * (10 * 1024 * 1024 // 3)))
    assert response.status_code == 400
    assert "提交的内容过大" in response.content.decode()
    assert not Question.objects.exists()


def test_questions_are_taken_before_the_broadcast(index):
    now = timezone.now()
    upcoming = make_interview(index, start=now + timedelta(days=2), end=now + timedelta(days=2, hours=1))
    client = visitor()
    assert client.post(ask_url(upcoming), form_data(client, upcoming)).status_code == 200
    assert Question.objects.filter(interview=upcoming).count() == 1


@pytest.mark.parametrize("how", ["by its schedule", "by the host"])
def test_after_the_end_the_form_is_replaced_by_a_notice_and_nothing_is_stored(index, how):
    now = timezone.now()
    if how == "by its schedule":
        ended = make_interview(index, start=now - timedelta(hours=2), end=now - timedelta(hours=1))
    else:
        ended = make_interview(index)
        Broadcast.objects.create(interview=ended, ended_at=now)
    client = visitor()
    captchas_before = CaptchaStore.objects.count()

    page = client.get(ask_url(ended))
    assert page.status_code == 200
    assert "本次访谈已经结束，不再接受提问" in page.content.decode()
    assert 'name="text"' not in page.content.decode() and "captcha" not in page.content.decode()
    assert CaptchaStore.objects.count() == captchas_before  # no captcha made for a closed form

    posted = client.post(ask_url(ended), {"text": QUESTION, "captcha_0": "x", "captcha_1": "1"})
    assert posted.status_code == 400
    assert not Question.objects.exists()


def test_a_draft_interview_takes_no_questions(index):
    draft = make_interview(index, live=False)
    client = visitor()
    assert client.get(f"/hdjl/zxft/{draft.slug}/ask/").status_code == 404
