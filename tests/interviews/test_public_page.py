"""The public interview page before, during and after the broadcast, served on the county's hostname."""

from datetime import datetime, time, timedelta
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from interviews import console
from interviews.blocks import TranscriptEntryBlock
from interviews.models import (
    InterviewGuest,
    InterviewIndexPage,
    InterviewPage,
    InterviewPolicy,
    Question,
    QuestionStatus,
    Speaker,
)
from tests.interviews.factories import make_interview
from tests.policy.utils import add_policy, library_of

HOST = "county-a.localhost"


@pytest.fixture
def index(site_group):
    return InterviewIndexPage.objects.descendant_of(site_group.county_a.home).get()


@pytest.fixture
def host_user(site_group, make_user):
    return make_user(site_group.county_a.groups["编辑"])


@pytest.fixture
def picture(site_group):
    return get_image_model().objects.create(
        title="现场", file=get_test_image_file(), collection=site_group.county_a.collection
    )


def visit(client, interview, query=""):
    response = client.get(interview.url + query, HTTP_HOST=HOST)
    assert response.status_code == 200
    return response.content.decode()


def say(interview, user, text, **fields):
    fields.setdefault("speaker", Speaker.GUEST)
    fields.setdefault("speaker_name", "张明")
    return console.add_entry(interview, user, text=text, **fields)


def positions(html, *needles):
    return [html.index(needle) for needle in needles]


def schedule_shown(html):
    meta = BeautifulSoup(html, "html.parser").select_one(".interview__meta")
    return next(span.get_text() for span in meta.find_all("span", recursive=False) if "访谈时间" in span.get_text())


def span(start, end):
    """start至end as the page writes them, local time, the end's date only on another day."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    return (
        f"{start:%Y-%m-%d %H:%M}至{end:%H:%M}"
        if start.date() == end.date()
        else f"{start:%Y-%m-%d %H:%M}至{end:%Y-%m-%d %H:%M}"
    )


def test_before_the_broadcast_the_page_announces_it(client, index, picture, host_user):
    start = timezone.make_aware(datetime(2030, 5, 20, 9, 30))
    interview = make_interview(
        index,
        title="就业政策访谈",
        summary="解读本县稳就业新政。",
        host="王主持",
        start=start,
        end=start + timedelta(hours=1),
    )
    guest = interview.guests.first()
    guest.photo, guest.photo_alt = picture, "张明局长照片"
    guest.save()
    console.pin_announcement(interview, host_user, "访谈时间调整为上午九点半。")

    html = visit(client, interview)
    assert "就业政策访谈" in html and "解读本县稳就业新政。" in html
    # The schedule as it stands, the end's date left out on the same day.
    assert schedule_shown(html) == "访谈时间：2030-05-20 09:30至10:30"
    assert "预告" in html and "主持人：王主持" in html
    assert "张明" in html and "局长，甲县发展和改革局" in html
    assert 'alt="张明局长照片"' in html
    assert "访谈时间调整为上午九点半。" in html
    # The transcript's place is there for live.js, hidden until the broadcast starts.
    assert "data-live-transcript hidden" in html
    assert f'data-live-url="/interviews/{interview.pk}/live.json"' in html
    assert "interviews/live.js" in html
    assert '<nav class="breadcrumbs' in html


def test_during_the_broadcast_the_newest_entry_comes_first_unless_asked_otherwise(client, index, host_user):
    interview = make_interview(index)
    first = say(interview, host_user, "各位网友好。", speaker=Speaker.HOST, speaker_name="王主持")
    second = say(interview, host_user, "补贴标准如下。")

    html = visit(client, interview)
    assert "直播中" in html
    assert 'href="?order=asc"' in html
    newest, oldest = positions(html, f'id="entry-{second.pk}"', f'id="entry-{first.pk}"')
    assert newest < oldest
    ascending = visit(client, interview, "?order=asc")
    oldest, newest = positions(ascending, f'id="entry-{first.pk}"', f'id="entry-{second.pk}"')
    assert oldest < newest
    assert 'data-order="asc"' in ascending and 'href="?"' in ascending
    assert f'data-last-id="{second.pk}"' in html


def test_the_page_shows_the_hosts_times_with_the_schedule_beside_them(client, index, host_user, make_user):
    start = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1), time(10, 0)))
    interview = make_interview(index, start=start, end=start + timedelta(hours=1))
    planned = f"（原定 {span(start, start + timedelta(hours=1))}）"

    console.start_early(interview, host_user)
    started = interview.broadcast().started_at
    assert schedule_shown(visit(client, interview)) == f"访谈时间：{span(started, start + timedelta(hours=1))}{planned}"
    console.extend(interview, host_user, start + timedelta(hours=2))
    assert schedule_shown(visit(client, interview)) == f"访谈时间：{span(started, start + timedelta(hours=2))}{planned}"
    console.end_interview(InterviewPage.objects.get(pk=interview.pk), make_user(is_superuser=True))
    ended = interview.broadcast().ended_at
    assert schedule_shown(visit(client, interview)) == f"访谈时间：{span(started, ended)}{planned}"


def headings_in_order(html, *needles):
    found = positions(html, *needles)
    return found == sorted(found)


def test_while_live_the_transcript_and_the_ask_link_come_before_the_guests(client, index, host_user, make_user):
    tomorrow = timezone.now() + timedelta(days=1)
    upcoming = make_interview(index, start=tomorrow, end=tomorrow + timedelta(hours=1))
    on_air = make_interview(index)
    say(on_air, host_user, "开场。")
    ended = make_interview(index)
    console.end_interview(ended, make_user(is_superuser=True))
    ask = 'class="interview__ask"><a class="button" href="'
    transcript, guests, questions = "interview-transcript-title", "interview-guests-title", "interview-questions-title"

    live_html = visit(client, on_air)
    assert headings_in_order(live_html, f"{ask}{urlsplit(on_air.url).path}ask/", transcript, guests, questions)
    upcoming_html = visit(client, upcoming)
    assert headings_in_order(upcoming_html, f"{ask}{urlsplit(upcoming.url).path}ask/", guests, transcript, questions)
    ended_html = visit(client, ended)
    assert ask not in ended_html and "我要提问" not in ended_html
    assert headings_in_order(ended_html, guests, transcript, questions)


def test_entries_are_escaped_and_keep_their_lines(client, index, host_user, picture):
    interview = make_interview(index)
    question = Question.objects.create(
        interview=interview, nickname="热心市民", text="灵活就业<b>能</b>申请吗？", status=QuestionStatus.ADOPTED
    )
    say(interview, host_user, "", speaker=Speaker.NETIZEN, speaker_name="", question=question)
    say(
        interview, host_user, "第一段<script>alert(1)</script>\n第二行\n\n第二段", image=picture, image_alt="演播室现场"
    )

    html = visit(client, interview)
    assert "<script>alert(1)</script>" not in html
    assert "第一段&lt;script&gt;alert(1)&lt;/script&gt;<br>第二行</p>" in html and "<p>第二段</p>" in html
    assert "热心市民" in html and "灵活就业&lt;b&gt;能&lt;/b&gt;申请吗？" in html
    assert 'alt="演播室现场"' in html


def test_a_retracted_entry_is_not_on_the_page(client, index, host_user):
    interview = make_interview(index)
    kept = say(interview, host_user, "保留的发言。")
    wrong = say(interview, host_user, "说错的发言。")
    console.retract_entry(wrong, host_user)

    html = visit(client, interview)
    assert f'id="entry-{kept.pk}"' in html
    assert "说错的发言。" not in html and f'id="entry-{wrong.pk}"' not in html


def test_after_the_end_the_whole_transcript_reads_oldest_first_with_the_policies(
    client, site_group, index, host_user, make_user
):
    library = library_of(site_group.county_a)
    policy = add_policy(library, "关于稳就业的若干措施")
    draft_policy = add_policy(library, "尚未发布的文件", publish=False)
    interview = make_interview(
        index, policy_links=[InterviewPolicy(policy=policy), InterviewPolicy(policy=draft_policy)]
    )
    first = say(interview, host_user, "开场。", speaker=Speaker.HOST, speaker_name="王主持")
    second = say(interview, host_user, "政策要点。")
    console.end_interview(interview, make_user(is_superuser=True))

    html = visit(client, interview)
    assert "已结束" in html and "文字实录" in html
    oldest, newest = positions(html, f'id="entry-{first.pk}"', f'id="entry-{second.pk}"')
    assert oldest < newest
    assert "?order=asc" not in html and "interviews/live.js" not in html
    assert f'href="{policy.relative_url(site_group.county_a.site)}"' in html and "关于稳就业的若干措施" in html
    assert "尚未发布的文件" not in html


def test_a_corrected_frozen_transcript_is_what_the_page_shows(client, index, host_user, make_user):
    interview = make_interview(index)
    entry = say(interview, host_user, "补贴标准为一千元。")
    console.end_interview(interview, make_user(is_superuser=True))
    interview.refresh_from_db()
    block = interview.transcript[0]
    block.value["text"] = "补贴标准为一千五百元。"
    interview.save_revision().publish()

    html = visit(client, interview)
    assert f'id="entry-{entry.pk}"' in html
    assert "补贴标准为一千五百元。" in html and "补贴标准为一千元。" not in html


def test_an_emptied_frozen_transcript_shows_no_live_entry(client, index, host_user, make_user):
    interview = make_interview(index)
    say(interview, host_user, "不应再公开的发言。")
    console.end_interview(interview, make_user(is_superuser=True))
    page = interview.get_latest_revision_as_object()
    page.transcript = []
    page.save_revision().publish()

    html = visit(client, interview)
    assert "不应再公开的发言。" not in html and "暂无文字实录。" in html


def queries_for(client, interview):
    visit(client, interview)  # renditions and caches made once
    with CaptureQueriesContext(connection) as queries:
        visit(client, interview)
    return len(queries)


def test_the_page_costs_the_same_queries_for_2_or_20_entries_and_guests(client, index, host_user, picture):
    counts = []
    for number in (2, 20):
        interview = make_interview(index)
        for position in range(number):
            InterviewGuest.objects.create(page=interview, name=f"嘉宾{position}", photo=picture, photo_alt="照片")
            say(interview, host_user, f"第{position}条。", image=picture, image_alt="现场")
        counts.append(queries_for(client, interview))
    assert counts[0] == counts[1], counts


def test_the_ended_page_costs_the_same_queries_for_2_or_20_entries(client, index, host_user, picture, make_user):
    counts = []
    for number in (2, 20):
        interview = make_interview(index)
        for position in range(number):
            say(interview, host_user, f"第{position}条。", image=picture, image_alt="现场")
        console.end_interview(interview, make_user(is_superuser=True))
        counts.append(queries_for(client, interview))
    assert counts[0] == counts[1], counts


def test_a_frozen_transcript_block_renders_as_the_page_renders_an_entry():
    block = TranscriptEntryBlock()
    value = block.to_python(
        {
            "entry_id": 12,
            "speaker": "netizen",
            "speaker_name": "热心市民",
            "time": "2026-05-20T09:30:00",
            "question": {"nickname": "热心市民", "text": "能申请吗？"},
            "text": "要点<b>一</b>",
            "image": None,
            "image_alt": "",
        }
    )
    html = block.render(value)
    assert 'id="entry-12"' in html and 'data-entry-id="12"' in html
    assert "网友" in html and "能申请吗？" in html and "要点&lt;b&gt;一&lt;/b&gt;" in html
    assert ">09:30</time>" in html
