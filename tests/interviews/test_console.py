"""The live console (interviews.console, interviews.admin_views), through the admin views as a logged-in user."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import registry as log_registry
from wagtail.models import PageLogEntry, WorkflowState
from wagtail_factories import ImageFactory

from interviews import console
from interviews.live import live_cache_key
from interviews.models import (
    Broadcast,
    HostRole,
    InterviewIndexPage,
    InterviewPage,
    Question,
    QuestionStatus,
    Speaker,
    TranscriptEntry,
    answer_due_after,
)
from tests.interviews.factories import make_interview
from tests.policy.workflow import approve

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(site_group):
    return InterviewIndexPage.objects.descendant_of(site_group.county_a.home).get()


@pytest.fixture
def interview(index):
    return make_interview(index)


@pytest.fixture
def host(site_group, make_user):
    return make_user(HostRole.objects.get(home=site_group.county_a.home).group)


@pytest.fixture
def host_client(client, host):
    client.force_login(host)
    return client


def url(name, interview, *args):
    return reverse(f"interviews_console:{name}", args=[interview.pk, *args])


def guest_choice(interview, position=0):
    return f"guest:{interview.guests.all()[position].pk}"


def add(client, interview, **fields):
    data = {"speaker": guest_choice(interview), "text": "稳就业政策今年有三项新举措。", **fields}
    return client.post(url("add_entry", interview), {f"entry-{key}": value for key, value in data.items()})


def adopted_question(interview, text="灵活就业人员如何参保？"):
    return Question.objects.create(interview=interview, nickname="小王", text=text, status=QuestionStatus.ADOPTED)


def state_shown(client, interview):
    page = client.get(url("console", interview)).content.decode()
    return page.split('class="interview-console__state">', 1)[1].split("<", 1)[0]


def broadcast_of(interview):
    """The stored broadcast; a blank one while nothing was stored (a refused action stores nothing)."""
    return Broadcast.objects.filter(pk=interview.pk).first() or Broadcast()


# --- State: the schedule and the host's overrides -----------------------------------------------


def test_state_follows_the_schedule(host_client, index):
    now = timezone.now()
    upcoming = make_interview(index, start=now + timedelta(hours=1), end=now + timedelta(hours=2))
    running = make_interview(index)
    past = make_interview(index, start=now - timedelta(hours=2), end=now - timedelta(hours=1))
    assert [state_shown(host_client, i) for i in (upcoming, running, past)] == ["预告", "直播中", "已结束"]


def test_start_early_extend_and_end(host_client, index):
    now = timezone.now()
    interview = make_interview(index, start=now + timedelta(hours=1), end=now + timedelta(hours=2))
    assert host_client.post(url("start", interview)).status_code == 302
    assert state_shown(host_client, interview) == "直播中"
    assert broadcast_of(interview).started_at is not None

    until = timezone.localtime(now + timedelta(hours=3)).replace(second=0, microsecond=0)
    response = host_client.post(url("extend", interview), {"extend-until": until.strftime("%Y-%m-%d %H:%M")})
    assert response.status_code == 302
    assert broadcast_of(interview).extended_until == until

    assert host_client.post(url("end", interview)).status_code == 302
    assert state_shown(host_client, interview) == "已结束"
    assert broadcast_of(interview).ended_at is not None


def test_extending_a_broadcast_past_its_schedule_keeps_it_live(host_client, index):
    now = timezone.now()
    interview = make_interview(index, start=now - timedelta(hours=1), end=now - timedelta(minutes=5))
    until = timezone.localtime(now + timedelta(minutes=30))
    host_client.post(url("extend", interview), {"extend-until": until.strftime("%Y-%m-%d %H:%M")})
    assert state_shown(host_client, interview) == "直播中"
    assert add(host_client, interview).status_code == 302


def test_extending_into_the_past_is_refused(host_client, interview):
    past = timezone.localtime(timezone.now() - timedelta(minutes=5))
    response = host_client.post(url("extend", interview), {"extend-until": past.strftime("%Y-%m-%d %H:%M")})
    assert response.status_code == 400
    assert broadcast_of(interview).extended_until is None


def test_an_upcoming_interview_takes_no_entries_until_started(host_client, index):
    now = timezone.now()
    interview = make_interview(index, start=now + timedelta(hours=1), end=now + timedelta(hours=2))
    assert add(host_client, interview).status_code == 400
    assert not interview.entries.exists()


# --- Entries: added, edited, retracted, logged ---------------------------------------------------


def test_add_edit_and_retract_are_logged_with_who_and_when(host_client, host, interview):
    cache.set(live_cache_key(interview.pk), "stale")
    assert add(host_client, interview).status_code == 302
    entry = interview.entries.get()
    assert (entry.speaker, entry.speaker_name, entry.created_by) == (Speaker.GUEST, "张明", host)
    assert cache.get(live_cache_key(interview.pk)) is None  # the live endpoint's answer is rebuilt
    version = broadcast_of(interview).version

    assert "稳就业政策今年有三项新举措。" in host_client.get(url("edit_entry", interview, entry.pk)).content.decode()
    edited = {"entry-text": "更正：今年有四项新举措。", "entry-spoken_at": "", "entry-image_alt": ""}
    assert host_client.post(url("edit_entry", interview, entry.pk), edited).status_code == 302
    entry.refresh_from_db()
    assert (entry.text, entry.edited_by) == ("更正：今年有四项新举措。", host)
    assert entry.edited_at is not None

    assert host_client.post(url("retract_entry", interview, entry.pk)).status_code == 302
    entry.refresh_from_db()
    assert entry.retracted_by == host and entry.retracted_at is not None  # the row stays
    assert broadcast_of(interview).version == version + 2

    logged = PageLogEntry.objects.filter(page=interview, action__startswith="interviews.").order_by("pk")
    assert [(log.action, log.user) for log in logged] == [
        (console.ADD_ACTION, host),
        (console.EDIT_ACTION, host),
        (console.RETRACT_ACTION, host),
    ]
    assert all(log.timestamp is not None and log.data["entry_id"] == entry.pk for log in logged)
    assert log_registry.get_action_label(console.RETRACT_ACTION) == "撤回直播记录"


def test_the_console_lists_entries_newest_first(host_client, interview):
    now = timezone.localtime()
    add(host_client, interview, text="第一条", spoken_at=(now - timedelta(minutes=10)).strftime("%Y-%m-%d %H:%M"))
    add(host_client, interview, text="第二条", speaker="host")
    page = host_client.get(url("console", interview)).content.decode()
    assert page.index("第二条") < page.index("第一条")
    assert "王主持" in page  # the host speaks under the page's host name


def test_a_quoted_question_is_answered_by_its_entry(host_client, interview):
    question = adopted_question(interview)
    assert add(host_client, interview, speaker=f"question:{question.pk}", text="").status_code == 302
    entry = interview.entries.get()
    assert (entry.speaker, entry.speaker_name, entry.text) == (Speaker.NETIZEN, "小王", question.text)
    question.refresh_from_db()
    assert (question.status, question.answer_entry) == (QuestionStatus.ANSWERED, entry)

    host_client.post(url("retract_entry", interview, entry.pk))
    question.refresh_from_db()
    assert (question.status, question.answer_entry) == (QuestionStatus.ADOPTED, None)


def test_an_image_needs_its_description(host_client, site_group, interview):
    image = ImageFactory(collection=site_group.county_a.collection)
    assert add(host_client, interview, image=image.pk).status_code == 400
    assert add(host_client, interview, image=image.pk, image_alt="座谈会现场").status_code == 302
    assert interview.entries.get().image == image


@pytest.mark.parametrize("foreign", ["guest", "question", "pending_question", "image"])
def test_submitted_ids_from_elsewhere_are_refused(host_client, site_group, index, interview, foreign):
    other = make_interview(index)
    values = {
        "guest": {"speaker": guest_choice(other)},
        "question": {"speaker": f"question:{adopted_question(other).pk}"},
        "pending_question": {
            "speaker": f"question:{Question.objects.create(interview=interview, nickname='甲', text='问').pk}"
        },
        "image": {"image": ImageFactory(collection=site_group.county_b.collection).pk, "image_alt": "别县图片"},
    }[foreign]
    assert add(host_client, interview, **values).status_code == 400
    assert not TranscriptEntry.objects.exists()


def test_console_actions_check_speakers_without_the_form(host, interview, index):
    other_question = adopted_question(make_interview(index))
    with pytest.raises(console.ValidationError):
        console.add_entry(interview, host, speaker=Speaker.GUEST, speaker_name="冒名者", text="你好")
    with pytest.raises(console.ValidationError):
        console.add_entry(interview, host, speaker=Speaker.NETIZEN, speaker_name="", text="", question=other_question)
    assert not TranscriptEntry.objects.exists()


def test_editing_the_text_keeps_the_time_to_the_second(host_client, host, interview):
    said = timezone.now().replace(second=37, microsecond=0) - timedelta(minutes=5)
    entry = console.add_entry(interview, host, speaker=Speaker.HOST, speaker_name="", text="原文", spoken_at=said)
    neighbour = console.add_entry(
        interview,
        host,
        speaker=Speaker.HOST,
        speaker_name="",
        text="同一分钟稍早",
        spoken_at=said - timedelta(seconds=20),
    )
    form = host_client.get(url("edit_entry", interview, entry.pk)).content.decode()
    shown = re.search(r'name="entry-spoken_at"[^>]*value="([^"]+)"', form).group(1)
    assert shown == timezone.localtime(said).strftime("%Y-%m-%d %H:%M")  # to the minute

    response = host_client.post(
        url("edit_entry", interview, entry.pk), {"entry-text": "改正后的原文", "entry-spoken_at": shown}
    )

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.text, entry.spoken_at) == ("改正后的原文", said)  # still after its neighbour
    assert list(interview.entries.order_by("spoken_at")) == [neighbour, entry]

    earlier = timezone.localtime(said - timedelta(minutes=3)).replace(second=0)
    host_client.post(
        url("edit_entry", interview, entry.pk),
        {"entry-text": "改正后的原文", "entry-spoken_at": earlier.strftime("%Y-%m-%d %H:%M")},
    )
    entry.refresh_from_db()
    assert entry.spoken_at == earlier  # a time the user changed is saved


def test_a_question_answered_meanwhile_is_refused_in_words_not_ids(host_client, host, interview):
    question = adopted_question(interview)
    console.add_entry(interview, host, speaker=Speaker.NETIZEN, speaker_name="", text="", question=question)

    response = add(host_client, interview, speaker=f"question:{question.pk}", text="又一次引用")

    assert response.status_code == 400
    errors = response.context["entry_form"].errors["speaker"]
    assert errors == ["该发言人已不可选（提问可能已被回答），请重新选择。"]
    assert f"question:{question.pk}" not in str(errors)
    assert interview.entries.count() == 1


def test_retracting_asks_for_confirmation_first(host_client, interview):
    add(host_client, interview)
    entry = interview.entries.get()
    console_page = host_client.get(url("console", interview)).content.decode()
    retract_form = console_page.split(f'action="{url("retract_entry", interview, entry.pk)}"', 1)[0].rsplit("<form", 1)[
        1
    ]
    assert 'method="get"' in retract_form  # the button opens the confirmation; console.js asks in a dialog

    confirmation = host_client.get(url("retract_entry", interview, entry.pk))

    assert confirmation.status_code == 200 and "确认撤回" in confirmation.content.decode()
    entry.refresh_from_db()
    assert entry.retracted_at is None
    assert host_client.post(url("retract_entry", interview, entry.pk)).status_code == 302
    entry.refresh_from_db()
    assert entry.retracted_at is not None


def test_the_console_pages_are_headed_by_the_interview_title(host_client, interview):
    add(host_client, interview)
    entry = interview.entries.get()
    pages = {
        "直播控制台": url("console", interview),
        "修改直播记录": url("edit_entry", interview, entry.pk),
        "撤回直播记录": url("retract_entry", interview, entry.pk),
        "结束访谈": url("end", interview),
    }
    for name, address in pages.items():
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", host_client.get(address).content.decode(), re.S)
        assert heading, address
        assert interview.title in heading.group(1) and name in heading.group(1), heading.group(1)
    index_heading = re.search(
        r"<h1[^>]*>(.*?)</h1>", host_client.get(reverse("interviews_console:index")).content.decode(), re.S
    )
    assert "在线访谈" in index_heading.group(1)


def test_an_upcoming_interview_cannot_be_ended(host_client, host, index):
    now = timezone.now()
    interview = make_interview(index, start=now + timedelta(hours=1), end=now + timedelta(hours=2))
    assert url("end", interview) not in host_client.get(url("console", interview)).content.decode()
    assert host_client.get(url("end", interview)).status_code == 302  # back to the console, saying why

    response = host_client.post(url("end", interview))

    assert response.status_code == 400 and "访谈尚未开始，不能结束" in response.content.decode()
    assert not Broadcast.objects.filter(pk=interview.pk, ended_at__isnull=False).exists()
    with pytest.raises(console.ValidationError):
        console.end_interview(interview, host)
    console.start_early(interview, host)
    assert url("end", interview) in host_client.get(url("console", interview)).content.decode()


# --- The end: the transcript frozen into the page ------------------------------------------------


def test_the_frozen_transcript_equals_the_live_entries(host_client, host, site_group, interview):
    image = ImageFactory(collection=site_group.county_a.collection)
    question = adopted_question(interview)
    open_question = Question.objects.create(interview=interview, nickname="老李", text="何时落实？")
    start = timezone.localtime() - timedelta(minutes=20)
    for minutes, fields in enumerate(
        [
            {"speaker": "host", "text": "欢迎各位网友。"},
            {"speaker": f"question:{question.pk}", "text": ""},
            {"text": "可以按灵活就业人员参保。", "image": image.pk, "image_alt": "参保流程图"},
            {"speaker": guest_choice(interview, 1), "text": "这条说错了。"},
        ]
    ):
        add(host_client, interview, spoken_at=(start + timedelta(minutes=minutes)).strftime("%Y-%m-%d %H:%M"), **fields)
    wrong = interview.entries.get(text="这条说错了。")
    host_client.post(url("retract_entry", interview, wrong.pk))
    standing = list(interview.entries.filter(retracted_at__isnull=True).order_by("spoken_at", "pk"))

    assert "确认结束访谈" in host_client.get(url("end", interview)).content.decode()
    assert host_client.post(url("end", interview)).status_code == 302

    page = InterviewPage.objects.get(pk=interview.pk)
    frozen = [block.value for block in page.transcript]
    assert [(v["entry_id"], v["speaker"], v["speaker_name"], v["text"]) for v in frozen] == [
        (e.pk, e.speaker, e.speaker_name, e.text) for e in standing
    ]
    assert [v["time"] for v in frozen] == [e.spoken_at for e in standing]
    assert (frozen[1]["question"]["nickname"], frozen[1]["question"]["text"]) == ("小王", question.text)
    assert (frozen[2]["image"], frozen[2]["image_alt"]) == (image, "参保流程图")
    assert not page.has_unpublished_changes and page.live_revision == page.latest_revision
    broadcast = broadcast_of(interview)
    assert broadcast.frozen_at is not None and broadcast.ended_by == host
    open_question.refresh_from_db()
    assert open_question.answer_due == answer_due_after(broadcast.ended_at)


def test_ending_publishes_the_live_content_not_a_pending_draft(host_client, interview):
    live_title = interview.title
    draft = interview.get_latest_revision_as_object()
    draft.title = "未经审核的新标题"
    draft.save_revision()
    add(host_client, interview)
    host_client.post(url("end", interview))

    page = InterviewPage.objects.get(pk=interview.pk)
    assert page.title == live_title and len(page.transcript) == 1
    # The draft stays on top, with the transcript, for its review to publish.
    latest = page.get_latest_revision_as_object()
    assert latest.title == "未经审核的新标题" and len(latest.transcript) == 1
    assert page.has_unpublished_changes


def test_a_quoted_question_is_public_masked_like_the_question_list(client, host_client, interview):
    quoted = adopted_question(interview, text="我电话13812345678，失业金怎么领？")
    add(host_client, interview, speaker=f"question:{quoted.pk}", text="这位网友问失业金。")  # the question quoted
    question = adopted_question(interview, text="我电话13812345678，灵活就业如何参保？")
    add(host_client, interview, speaker=f"question:{question.pk}", text="")  # read out as it is

    def public():
        live_json = client.get(reverse("interviews:live_json", args=[interview.pk]), HTTP_HOST="county-a.localhost")
        return client.get(interview.url, HTTP_HOST="county-a.localhost").content.decode() + live_json.content.decode()

    assert "13812345678" not in public() and "失业金怎么领" in public() and "灵活就业如何参保" in public()
    assert interview.entries.latest("pk").text == question.public_text != question.text
    host_client.post(url("end", interview))

    frozen = [block.value["question"]["text"] for block in InterviewPage.objects.get(pk=interview.pk).transcript]
    assert frozen == [quoted.public_text, question.public_text]
    assert "13812345678" not in public() and "失业金怎么领" in public() and "灵活就业如何参保" in public()


def test_ending_keeps_an_edit_in_review_with_its_approvals(client, site_group, county_a_staff, interview, host):
    console.add_entry(interview, host, speaker=Speaker.HOST, speaker_name="", text="开场白")
    draft = interview.get_latest_revision_as_object()
    draft.summary = "修改后的简介"
    draft.save_revision(user=county_a_staff.officer)
    interview.get_workflow().start(InterviewPage.objects.get(pk=interview.pk), county_a_staff.officer)
    approved = approve(client, county_a_staff.reviewer, interview)

    console.end_interview(interview, host)

    page = InterviewPage.objects.get(pk=interview.pk)
    assert page.summary != "修改后的简介" and len(page.transcript) == 1  # the live page has the transcript
    review = page.current_workflow_state
    assert review is not None and review.status == WorkflowState.STATUS_IN_PROGRESS
    assert approved.task in [state.task for state in review.successful_task_states]  # not to be approved again
    approve(client, county_a_staff.approver, interview)
    page = InterviewPage.objects.get(pk=interview.pk)
    assert (page.summary, len(page.transcript)) == ("修改后的简介", 1)
    assert not page.has_unpublished_changes


def test_entries_are_read_only_after_the_end(host_client, interview):
    add(host_client, interview)
    entry = interview.entries.get()
    host_client.post(url("end", interview))
    version = broadcast_of(interview).version

    page = host_client.get(url("console", interview)).content.decode()
    assert 'name="entry-text"' not in page and url("retract_entry", interview, entry.pk) not in page
    assert add(host_client, interview).status_code == 400
    assert host_client.post(url("edit_entry", interview, entry.pk), {"entry-text": "改"}).status_code == 400
    assert host_client.get(url("edit_entry", interview, entry.pk)).status_code == 302
    assert host_client.post(url("retract_entry", interview, entry.pk)).status_code == 400
    assert host_client.get(url("retract_entry", interview, entry.pk)).status_code == 302  # no confirmation
    assert host_client.post(url("end", interview)).status_code == 400
    entry.refresh_from_db()
    assert entry.text == "稳就业政策今年有三项新举措。" and entry.retracted_at is None
    assert interview.entries.count() == 1 and broadcast_of(interview).version == version

    # The pinned announcement stays the host's to change, e.g. to announce the written answers.
    notice = {"announcement-announcement": "未能现场回答的问题将在5个工作日内书面答复。"}
    assert host_client.post(url("pin", interview), notice).status_code == 302
    assert broadcast_of(interview).announcement == notice["announcement-announcement"]


# --- Who may run the console ---------------------------------------------------------------------

ACTIONS = {
    "open console": lambda client, interview, entry: client.get(url("console", interview)),
    "add": lambda client, interview, entry: add(client, interview),
    "edit": lambda client, interview, entry: client.post(
        url("edit_entry", interview, entry.pk), {"entry-text": "被改了"}
    ),
    "retract": lambda client, interview, entry: client.post(url("retract_entry", interview, entry.pk)),
    "pin": lambda client, interview, entry: client.post(url("pin", interview), {"announcement-announcement": "公告"}),
    "start": lambda client, interview, entry: client.post(url("start", interview)),
    "extend": lambda client, interview, entry: client.post(
        url("extend", interview),
        {"extend-until": (timezone.localtime() + timedelta(hours=3)).strftime("%Y-%m-%d %H:%M")},
    ),
    "end": lambda client, interview, entry: client.post(url("end", interview)),
}


def console_snapshot(interview):
    broadcast = Broadcast.objects.filter(pk=interview.pk).values().first()
    entries = list(TranscriptEntry.objects.filter(interview=interview).values())
    page = InterviewPage.objects.get(pk=interview.pk)
    return broadcast, entries, page.latest_revision_id, PageLogEntry.objects.filter(page=interview).count()


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize(
    "outsider",
    [("county_b", "编辑"), ("county_b", "管理员"), ("portal", "编辑"), ("county_a", "信息员"), ("county_a", "审核")],
)
def test_others_can_neither_open_nor_post(client, host, site_group, make_user, index, action, outsider):
    now = timezone.now()
    interview = make_interview(index, start=now + timedelta(minutes=5), end=now + timedelta(hours=1))
    console.start_early(interview, host)
    entry = console.add_entry(interview, host, speaker=Speaker.HOST, speaker_name="", text="开始")
    site, role = outsider
    client.force_login(make_user(getattr(site_group, site).groups[role]))
    before = console_snapshot(interview)
    response = ACTIONS[action](client, interview, entry)
    assert response.status_code == 404
    assert console_snapshot(interview) == before


@pytest.mark.parametrize("role", ["编辑", "管理员"])
def test_the_sites_editors_run_its_console(client, site_group, make_user, interview, role):
    client.force_login(make_user(site_group.county_a.groups[role]))
    assert client.get(url("console", interview)).status_code == 200
    assert add(client, interview).status_code == 302


def test_an_unpublished_interview_has_no_console(host_client, index):
    draft = make_interview(index, live=False)
    response = host_client.get(url("console", draft))
    assert response.status_code == 409 and "尚未发布" in response.content.decode()
    assert add(host_client, draft).status_code == 409
    assert not draft.entries.exists()


# --- The menu, the list and the page button -----------------------------------------------------


def test_the_menu_lists_the_interviews_of_the_users_sites(client, host, site_group, make_user, interview):
    county_b_index = InterviewIndexPage.objects.descendant_of(site_group.county_b.home).get()
    elsewhere = make_interview(county_b_index, title="乙县访谈")
    client.force_login(host)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("interviews_console:index") in menu
    listing = client.get(reverse("interviews_console:index")).content.decode()
    assert url("console", interview) in listing and url("console", elsewhere) not in listing

    client.force_login(make_user(site_group.portal.groups["编辑"]))  # county interviews are the county's
    assert url("console", interview) not in client.get(reverse("interviews_console:index")).content.decode()

    client.force_login(make_user(site_group.county_a.groups["信息员"]))
    assert reverse("interviews_console:index") not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(reverse("interviews_console:index")).status_code != 200


def test_the_page_header_offers_the_console_to_those_who_run_it(client, site_group, make_user, interview):
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    assert (
        url("console", interview)
        in client.get(reverse("wagtailadmin_pages:edit", args=[interview.pk])).content.decode()
    )
    client.force_login(make_user(site_group.county_a.groups["信息员"]))
    assert (
        url("console", interview)
        not in client.get(reverse("wagtailadmin_pages:edit", args=[interview.pk])).content.decode()
    )


# --- close_interviews ----------------------------------------------------------------------------


def test_close_interviews_freezes_what_the_schedule_ended(host, index):
    now = timezone.now()
    ended = make_interview(index, start=now - timedelta(hours=2), end=now - timedelta(minutes=10))
    extended = make_interview(index, start=now - timedelta(hours=2), end=now - timedelta(minutes=10))
    running = make_interview(index)
    console.extend(extended, host, now + timedelta(hours=1))
    TranscriptEntry.objects.create(interview=ended, speaker=Speaker.HOST, speaker_name="王主持", text="各位好")
    question = adopted_question(ended)

    call_command("close_interviews", stdout=open("/dev/null", "w"))  # noqa: SIM115

    broadcast = broadcast_of(ended)
    assert broadcast.ended_at == ended.scheduled_end and broadcast.frozen_at is not None
    assert len(InterviewPage.objects.get(pk=ended.pk).transcript) == 1
    question.refresh_from_db()
    assert question.answer_due == answer_due_after(ended.scheduled_end)
    assert broadcast_of(extended).frozen_at is None
    assert not Broadcast.objects.filter(pk=running.pk, frozen_at__isnull=False).exists()

    revisions = ended.revisions.count()
    assert console.close_ended() == []  # idempotent
    assert ended.revisions.count() == revisions
