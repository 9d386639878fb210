"""网友提问 in the admin (interviews.question_admin, interviews.questions): moderation, written answers and their
deadline across a holiday, the overdue flag and report, and the public page's published questions."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from interviews import console, questions
from interviews.live import live_cache_key
from interviews.models import (
    Broadcast,
    HostRole,
    InterviewIndexPage,
    Question,
    QuestionStatus,
    Speaker,
    answer_due_after,
)
from tests.interviews.factories import make_interview
from tests.sitegroup.utils import assert_refused

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
REPORT = "interviews_overdue_questions"


@pytest.fixture
def index(site_group):
    return InterviewIndexPage.objects.descendant_of(site_group.county_a.home).get()


@pytest.fixture
def interview(index):
    return make_interview(index)


def host_of(site, make_user):
    return make_user(HostRole.objects.get(home=site.home).group)


@pytest.fixture
def host(site_group, make_user):
    return host_of(site_group.county_a, make_user)


@pytest.fixture
def host_client(client, host):
    client.force_login(host)
    return client


def ask(interview, status=QuestionStatus.PENDING, text="灵活就业人员怎样参保？", **fields):
    return Question.objects.create(
        interview=interview, nickname="小王", text=text, contact="13812345678", status=status, **fields
    )


def list_url(interview):
    return reverse("interviews_questions:list", args=[interview.pk])


def action_url(name, question):
    return reverse(f"interviews_questions:{name}", args=[question.pk])


def version_of(interview):
    return Broadcast.objects.filter(pk=interview.pk).values_list("version", flat=True).first() or 0


# --- The list ----------------------------------------------------------------------------------


def test_the_list_shows_the_questions_by_status_with_the_contact_masked(host_client, interview):
    for status in QuestionStatus.values:
        ask(interview, status=status, text=f"问题{status}")
    body = host_client.get(list_url(interview)).content.decode()
    headings = [body.index(f'id="questions-{status}">') for status in QuestionStatus.values]
    assert headings == sorted(headings)  # 待审核, 已采用, 已回答, 不予采用
    for status in QuestionStatus.values:
        section = body[body.index(f'id="questions-{status}">') :].split("</section>", 1)[0]
        assert f"问题{status}" in section
    assert "138******78" in body and "13812345678" not in body


# --- Adopting and rejecting --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "status", "label"), [("adopt", "adopted", "采用"), ("reject", "rejected", "不予采用")]
)
def test_a_decision_is_logged_and_tells_the_live_page(host_client, host, interview, action, status, label):
    question = ask(interview)
    version = version_of(interview)
    cache.set(live_cache_key(interview.pk), "cached answer")

    response = host_client.post(action_url(action, question))

    assert response.status_code == 302 and response.url == list_url(interview)
    question.refresh_from_db()
    assert (question.status, question.moderated_by) == (status, host)
    assert question.moderated_at is not None
    entry = PageLogEntry.objects.get(action=f"interviews.question_{action}")
    assert (entry.page_id, entry.user) == (interview.pk, host)
    assert entry.message == f"{label}网友提问：小王（提问编号{question.pk}）"
    assert "13812345678" not in str(entry.data)
    assert version_of(interview) == version + 1
    assert cache.get(live_cache_key(interview.pk)) is None


@pytest.mark.parametrize(("role", "history"), [("信息员", "site"), ("审核", "page")])
def test_the_histories_show_no_question_text_to_staff_who_do_not_moderate(
    client, site_group, make_user, host, interview, role, history
):
    """The site's and the page's history are read by 信息员 and 审核; a question not adopted is not public."""
    pending = questions.submit(interview, nickname="小李", text="请回电13912345678，低保怎么办？", contact="")
    questions.reject(ask(interview, text="不予采用的问题原文"), host)
    client.force_login(make_user(site_group.county_a.groups[role]))
    history_url = {
        "site": reverse("wagtailadmin_reports:site_history"),
        "page": reverse("wagtailadmin_pages:history", args=[interview.pk]),
    }[history]

    page = client.get(history_url).content.decode()

    assert f"网友提问：小李（提问编号{pending.pk}）" in page
    assert "13912345678" not in page and "低保" not in page and "不予采用的问题原文" not in page


def test_a_decision_can_be_reversed_until_the_question_is_answered(host_client, interview):
    question = ask(interview)
    host_client.post(action_url("reject", question))
    host_client.post(action_url("adopt", question))
    question.refresh_from_db()
    assert question.status == QuestionStatus.ADOPTED

    answered = ask(interview, status=QuestionStatus.ANSWERED, written_answer="已答复。")
    for action in ("adopt", "reject"):
        response = host_client.post(action_url(action, answered), follow=True)
        assert "不能再作此操作" in response.content.decode()
    answered.refresh_from_db()
    assert answered.status == QuestionStatus.ANSWERED
    assert PageLogEntry.objects.filter(action__startswith="interviews.question_").count() == 2


def test_a_get_changes_nothing(host_client, interview):
    question = ask(interview)
    assert host_client.get(action_url("adopt", question)).status_code == 405
    question.refresh_from_db()
    assert question.status == QuestionStatus.PENDING


# --- Another site's staff ----------------------------------------------------------------------


@pytest.fixture(params=["county B's host", "county B's editor", "the portal's editor", "county A's 信息员"])
def outsider(request, site_group, make_user):
    if request.param == "county B's host":
        return host_of(site_group.county_b, make_user)
    site, role = {
        "county B's editor": (site_group.county_b, "编辑"),
        "the portal's editor": (site_group.portal, "编辑"),
        "county A's 信息员": (site_group.county_a, "信息员"),
    }[request.param]
    return make_user(site.groups[role])


ACTIONS = [
    ("list", "get", lambda question: list_url(question.interview), {}),
    ("adopt", "post", lambda question: action_url("adopt", question), {}),
    ("reject", "post", lambda question: action_url("reject", question), {}),
    ("answer form", "get", lambda question: action_url("answer", question), {}),
    ("answer", "post", lambda question: action_url("answer", question), {"written_answer": "越权答复。"}),
]


@pytest.mark.parametrize(("name", "method", "url_of", "data"), ACTIONS, ids=[action[0] for action in ACTIONS])
def test_staff_who_do_not_run_the_interview_are_refused_and_nothing_changes(
    client, outsider, interview, name, method, url_of, data
):
    question = ask(interview, status=QuestionStatus.ADOPTED)
    version = version_of(interview)
    client.force_login(outsider)

    response = getattr(client, method)(url_of(question), data)

    assert response.status_code == 404
    question.refresh_from_db()
    assert (question.status, question.written_answer, question.moderated_by) == (QuestionStatus.ADOPTED, "", None)
    assert not PageLogEntry.objects.filter(action__startswith="interviews.question_").exists()
    assert version_of(interview) == version


def test_the_sites_editor_moderates_too(client, site_group, make_user, interview):
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    question = ask(interview)
    assert client.post(action_url("adopt", question)).status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.ADOPTED


# --- Written answers ---------------------------------------------------------------------------


def test_an_adopted_question_is_answered_in_writing_and_shown_with_its_date(host_client, host, interview):
    question = ask(interview, status=QuestionStatus.ADOPTED)
    form = host_client.get(action_url("answer", question))
    assert "13812345678" in form.content.decode()  # the staff answering see the whole contact

    response = host_client.post(action_url("answer", question), {"written_answer": "可以以个人身份参保。\n详见通知。"})

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED
    assert (question.written_answer, question.answered_by) == ("可以以个人身份参保。\n详见通知。", host)
    assert PageLogEntry.objects.get(action="interviews.question_answer").user == host
    page = Client(HTTP_HOST="county-a.localhost").get(interview.get_url_parts()[2]).content.decode()
    assert "可以以个人身份参保。" in page
    assert f'datetime="{timezone.localdate():%Y-%m-%d}"' in page


@pytest.mark.parametrize("status", [QuestionStatus.PENDING, QuestionStatus.REJECTED, QuestionStatus.ANSWERED])
def test_only_an_adopted_question_is_answered_in_writing_while_the_interview_runs(host_client, interview, status):
    question = ask(interview, status=status)
    response = host_client.post(action_url("answer", question), {"written_answer": "答复。"})
    assert response.status_code == 400
    assert "现在不能书面答复" in response.content.decode()
    question.refresh_from_db()
    assert (question.status, question.written_answer) == (status, "")


def test_an_empty_written_answer_is_refused(host_client, interview):
    question = ask(interview, status=QuestionStatus.ADOPTED)
    response = host_client.post(action_url("answer", question), {"written_answer": "  "})
    assert response.status_code == 400
    assert "请填写书面答复。" in response.content.decode()
    question.refresh_from_db()
    assert question.status == QuestionStatus.ADOPTED


def at(*args):
    return time_machine.travel(datetime.datetime(*args, tzinfo=SHANGHAI), tick=False)


def test_questions_left_open_are_due_5_working_days_after_the_end_past_the_national_day_holiday(
    client, site_group, make_user, index
):
    """An interview ending on 2026-09-30: 10-01 to 10-07 are the 国庆 holiday and Saturday 10-10 a working day,
    so the written answers are due on 10-13; on 10-14 they are overdue, in the list, the console and the report."""
    host = host_of(site_group.county_a, make_user)
    with at(2026, 9, 30, 9, 30):
        client.force_login(host)
        interview = make_interview(
            index,
            start=datetime.datetime(2026, 9, 30, 9, 0, tzinfo=SHANGHAI),
            end=datetime.datetime(2026, 9, 30, 10, 0, tzinfo=SHANGHAI),
        )
        pending, adopted = ask(interview), ask(interview, status=QuestionStatus.ADOPTED)
        ended = client.post(reverse("interviews_console:end", args=[interview.pk]))
        assert ended.status_code == 302, ended
        assert ended.url == reverse("interviews_console:console", args=[interview.pk]), ended.url
    pending.refresh_from_db()
    adopted.refresh_from_db()
    assert pending.answer_due == adopted.answer_due == datetime.date(2026, 10, 13)
    assert answer_due_after(datetime.datetime(2026, 9, 30, 23, 0, tzinfo=SHANGHAI)) == datetime.date(2026, 10, 13)

    with at(2026, 10, 13, 17, 0):
        client.force_login(host)  # the admin session of 09-30 has expired
        listed = client.get(list_url(interview))
        assert listed.status_code == 200 and "逾期" not in listed.content.decode()
        assert not client.get(reverse(REPORT)).context["object_list"]
    with at(2026, 10, 14, 9, 0):
        client.force_login(host)
        body = client.get(list_url(interview)).content.decode()
        assert body.count('class="question-overdue"') == 2 and "逾期" in body
        assert (
            "书面答复超期 2 条"
            in client.get(reverse("interviews_console:console", args=[interview.pk])).content.decode()
        )
        rows = client.get(reverse(REPORT)).context["object_list"]
        assert [(row.pk, row.days_overdue, row.answer_due) for row in rows] == [
            (pending.pk, 1, datetime.date(2026, 10, 13)),
            (adopted.pk, 1, datetime.date(2026, 10, 13)),
        ]
        # After the end a pending question is adopted, then answered in writing; it is then no longer overdue.
        client.post(action_url("adopt", pending))
        client.post(action_url("answer", pending), {"written_answer": "已书面答复。"})
        assert [row.pk for row in client.get(reverse(REPORT)).context["object_list"]] == [adopted.pk]


def test_a_pending_question_is_answered_in_writing_only_once_adopted_even_after_the_end(host_client, host, interview):
    pending = ask(interview)
    host_client.post(reverse("interviews_console:end", args=[interview.pk]))
    assert action_url("answer", pending) not in host_client.get(list_url(interview)).content.decode()
    assert host_client.get(action_url("answer", pending)).status_code == 302  # back to the list, saying why

    response = host_client.post(action_url("answer", pending), {"written_answer": "未经审核的答复。"})

    assert response.status_code == 400 and "待审核的请先采用" in response.content.decode()
    pending.refresh_from_db()
    assert (pending.status, pending.written_answer) == (QuestionStatus.PENDING, "")
    assert "未经审核" not in public_page(interview).content.decode()

    host_client.post(action_url("adopt", pending))
    assert action_url("answer", pending) in host_client.get(list_url(interview)).content.decode()
    assert host_client.post(action_url("answer", pending), {"written_answer": "审核后的答复。"}).status_code == 302
    logged = PageLogEntry.objects.filter(action__startswith="interviews.question_").order_by("pk")
    assert [entry.action for entry in logged] == [questions.ADOPT, questions.ANSWER]


# --- The report --------------------------------------------------------------------------------


def overdue_question(index, text):
    interview = make_interview(index)
    return ask(interview, status=QuestionStatus.ADOPTED, text=text, answer_due=datetime.date(2026, 1, 5))


def test_the_report_lists_the_overdue_questions_of_the_sites_the_user_runs(client, site_group, make_user, index):
    own = overdue_question(index, "甲县的逾期提问")
    other_index = InterviewIndexPage.objects.descendant_of(site_group.county_b.home).get()
    overdue_question(other_index, "乙县的逾期提问")
    ask(own.interview, status=QuestionStatus.ADOPTED, text="未到期的提问", answer_due=timezone.localdate())
    client.force_login(host_of(site_group.county_a, make_user))

    page = client.get(reverse(REPORT))
    body = page.content.decode()
    assert "甲县的逾期提问" in body and "乙县的逾期提问" not in body and "未到期的提问" not in body
    assert "甲县人民政府" in body and "之前" not in body  # the deadline is a date, not "4 日，4 小时 之前"
    assert re.search(r"<td[^>]*>\s*2026-01-05\s*</td>", body)
    assert list_url(own.interview) in body
    days = (timezone.localdate() - datetime.date(2026, 1, 5)).days
    assert page.context["object_list"][0].days_overdue == days

    export = client.get(reverse(REPORT), {"export": "csv"})
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "甲县的逾期提问" in text and "乙县的逾期提问" not in text and str(days) in text

    # The contact never reaches the report.
    assert "13812345678" not in body and "13812345678" not in text


def test_an_empty_report_says_so_in_words(client, site_group, make_user):
    client.force_login(host_of(site_group.county_a, make_user))
    assert "没有逾期未答的网友提问。" in client.get(reverse(REPORT)).content.decode()


def test_the_report_is_refused_to_users_who_run_no_interviews(client, site_group, make_user):
    client.force_login(make_user(site_group.county_a.groups["信息员"]))
    assert_refused(client.get(reverse(REPORT)))
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(REPORT) not in menu


def test_the_report_is_in_the_reports_menu_of_a_host(client, site_group, make_user):
    client.force_login(host_of(site_group.county_a, make_user))
    assert reverse(REPORT) in client.get(reverse("wagtailadmin_home")).content.decode()


# --- The public page ---------------------------------------------------------------------------


def public_page(interview):
    return Client(HTTP_HOST="county-a.localhost").get(interview.get_url_parts()[2])


def test_the_page_shows_adopted_and_answered_questions_only_and_links_live_answers(host, interview):
    shown = ask(interview, status=QuestionStatus.ADOPTED, text="公开的提问，电话13900001111")
    answered_live = ask(interview, status=QuestionStatus.ADOPTED, text="现场回答的提问")
    entry = console.add_entry(
        interview, host, speaker=Speaker.NETIZEN, speaker_name="", text="", question=answered_live
    )
    ask(interview, status=QuestionStatus.PENDING, text="待审核的提问")
    ask(interview, status=QuestionStatus.REJECTED, text="不予采用的提问")

    body = public_page(interview).content.decode()
    section = body[body.index('class="interview-questions"') :]
    assert "公开的提问" in section and "现场回答的提问" in section
    assert f'href="#entry-{entry.pk}"' in section
    assert "待审核的提问" not in body and "不予采用的提问" not in body
    assert "13812345678" not in body  # the contact is never shown
    assert "13900001111" not in section  # a number typed into the question is masked
    assert shown.nickname in section
    assert 'href="' + interview.get_url_parts()[2] + 'ask/"' in section


def test_the_page_offers_the_form_until_the_end_then_a_notice(interview):
    assert "我要提问" in public_page(interview).content.decode()
    Broadcast.objects.update_or_create(interview=interview, defaults={"ended_at": timezone.now()})
    body = public_page(interview).content.decode()
    assert "本次访谈已结束，不再接受提问。" in body and "ask/" not in body


def test_the_questions_cost_the_page_a_constant_number_of_queries(host, interview):
    def add_questions(number):
        ask(interview, status=QuestionStatus.ANSWERED, text=f"问题{number}", written_answer="答复。")
        ask(interview, status=QuestionStatus.ADOPTED, text=f"采用{number}")
        live = ask(interview, status=QuestionStatus.ADOPTED, text=f"现场{number}")
        console.add_entry(interview, host, speaker=Speaker.NETIZEN, speaker_name="", text="", question=live)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert public_page(interview).status_code == 200
        return len(captured)

    add_questions(0)
    queries()  # the first request fills Wagtail's caches (site root paths)
    one = queries()
    for number in range(1, 6):
        add_questions(number)
    assert queries() == one
