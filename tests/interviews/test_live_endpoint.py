"""The live endpoint GET /interviews/<id>/live.json?since=<last id> (interviews.live), through the test client.

Entries are added, edited and retracted with the console's actions (interviews.console), which clear the cached
answer as the live console does; the endpoint is asked on the county's own hostname as the page polls it.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from interviews import console
from interviews.live import live_cache_key
from interviews.models import InterviewIndexPage, InterviewPage, Question, QuestionStatus, Speaker
from sitegroup.models import SiteIdentity
from tests.interviews.factories import make_interview

HOST = "county-a.localhost"


@pytest.fixture
def index(site_group):
    return InterviewIndexPage.objects.descendant_of(site_group.county_a.home).get()


@pytest.fixture
def interview(index):
    return make_interview(index, title="稳就业政策解读")


@pytest.fixture
def host_user(site_group, make_user):
    return make_user(site_group.county_a.groups["编辑"])


def poll(client, interview, since=None, **headers):
    query = "" if since is None else f"?since={since}"
    return client.get(f"/interviews/{interview.pk}/live.json{query}", HTTP_HOST=HOST, **headers)


def say(interview, user, text, **fields):
    fields.setdefault("speaker", Speaker.GUEST)
    fields.setdefault("speaker_name", "张明")
    return console.add_entry(interview, user, text=text, **fields)


def texts(answer):
    return [entry["text"] for entry in answer["entries"]]


def test_entries_come_oldest_first_and_since_returns_only_the_newer(client, interview, host_user):
    first = say(interview, host_user, "各位网友好。", speaker=Speaker.HOST, speaker_name="王主持")
    second = say(interview, host_user, "今年新增就业补贴三项。")
    third = say(interview, host_user, "申请材料已简化。")

    everything = poll(client, interview).json()
    assert texts(everything) == ["各位网友好。", "今年新增就业补贴三项。", "申请材料已简化。"]
    assert everything["last_id"] == third.pk
    assert everything["state"] == "live" and everything["state_label"] == "直播中"
    entry = everything["entries"][0]
    local = timezone.localtime(first.spoken_at)
    assert entry == {
        "id": first.pk,
        "anchor": f"entry-{first.pk}",
        "speaker": "host",
        "speaker_label": "主持人",
        "speaker_name": "王主持",
        "time": local.strftime("%H:%M"),
        "iso": local.isoformat(),
        "text": "各位网友好。",
        "image": None,
        "question": None,
    }

    newer = poll(client, interview, since=second.pk).json()
    assert [entry["id"] for entry in newer["entries"]] == [third.pk]
    assert newer["last_id"] == third.pk
    caught_up = poll(client, interview, since=third.pk).json()
    assert caught_up["entries"] == [] and caught_up["last_id"] == third.pk


def test_an_entry_spoken_earlier_but_added_later_comes_in_its_place(client, interview, host_user):
    first = say(interview, host_user, "第一条。", spoken_at=timezone.now() - timedelta(minutes=10))
    late = say(interview, host_user, "补录：开场白。", spoken_at=timezone.now() - timedelta(minutes=20))
    answer = poll(client, interview).json()
    assert texts(answer) == ["补录：开场白。", "第一条。"]
    assert answer["last_id"] == late.pk > first.pk


def test_an_edit_reaches_clients_that_already_have_the_entry(client, interview, host_user):
    entry = say(interview, host_user, "补贴标准为每人一千元。")
    later = say(interview, host_user, "下一个问题。")
    console.edit_entry(entry, host_user, text="补贴标准为每人一千五百元。")

    caught_up = poll(client, interview, since=later.pk).json()
    assert caught_up["entries"] == []
    assert [(edit["id"], edit["text"]) for edit in caught_up["edited"]] == [(entry.pk, "补贴标准为每人一千五百元。")]
    # A client that never had it gets the corrected text among the new entries, not twice.
    fresh = poll(client, interview, since=0).json()
    assert texts(fresh) == ["补贴标准为每人一千五百元。", "下一个问题。"] and fresh["edited"] == []


def test_a_retracted_entry_is_listed_for_removal_and_never_served_again(client, interview, host_user):
    kept = say(interview, host_user, "保留的发言。")
    wrong = say(interview, host_user, "说错的发言。")
    console.retract_entry(wrong, host_user)

    caught_up = poll(client, interview, since=wrong.pk).json()
    assert caught_up["retracted"] == [wrong.pk] and caught_up["entries"] == []
    fresh = poll(client, interview).json()
    assert [entry["id"] for entry in fresh["entries"]] == [kept.pk]
    assert fresh["retracted"] == [] and fresh["last_id"] == wrong.pk
    # A client that only had the first entry never hears of the second.
    assert poll(client, interview, since=kept.pk).json()["retracted"] == []


def test_quoted_question_picture_and_announcement(client, site_group, interview, host_user):
    question = Question.objects.create(
        interview=interview, nickname="热心市民", text="灵活就业人员能申请吗？", status=QuestionStatus.ADOPTED
    )
    image = get_image_model().objects.create(
        title="现场", file=get_test_image_file(), collection=site_group.county_a.collection
    )
    say(interview, host_user, "", speaker=Speaker.NETIZEN, speaker_name="", question=question)
    say(interview, host_user, "请看现场图片。", image=image, image_alt="嘉宾在演播室")
    console.pin_announcement(interview, host_user, "访谈将延长十分钟。")

    answer = poll(client, interview).json()
    asked, pictured = answer["entries"]
    assert asked["question"] == {"nickname": "热心市民", "text": "灵活就业人员能申请吗？"}
    assert asked["speaker_label"] == "网友"
    assert pictured["image"]["alt"] == "嘉宾在演播室"
    assert pictured["image"]["url"].startswith("/media/images/") and pictured["image"]["width"] > 0
    assert answer["announcement"] == "访谈将延长十分钟。"


def test_headers_and_304_for_an_unchanged_poll(client, interview, host_user):
    entry = say(interview, host_user, "第一条。")
    version = interview.broadcast().version

    response = poll(client, interview, since=entry.pk)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    published = int(interview.last_published_at.timestamp() * 1_000_000)
    assert response["ETag"] == f'W/"{version}-{published}-live-{entry.pk}"'
    assert response["Cache-Control"] == "public, max-age=2"
    assert response["Last-Modified"]
    assert response["Content-Language"] == "zh-hans"
    # Nothing read the session: no cookie set, and shared caches need not vary on cookies.
    assert "Cookie" not in response.get("Vary", "") and not response.cookies

    unchanged = poll(client, interview, since=entry.pk, HTTP_IF_NONE_MATCH=response["ETag"])
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged["ETag"] == response["ETag"] and unchanged["Last-Modified"] == response["Last-Modified"]


def test_only_the_etag_decides_a_304_as_two_changes_may_share_a_second(client, interview, host_user, time_machine):
    time_machine.move_to(timezone.now().replace(microsecond=100000), tick=False)
    say(interview, host_user, "一")
    first = poll(client, interview)
    time_machine.shift(0.5)
    say(interview, host_user, "二")
    again = poll(client, interview, since=0, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200 and texts(again.json()) == ["一", "二"]
    assert again["Last-Modified"] == first["Last-Modified"]


def test_an_unchanged_poll_reads_only_the_small_validators_entry(
    client, interview, host_user, django_assert_num_queries
):
    entry = say(interview, host_user, "第一条。")
    etag = poll(client, interview, since=entry.pk)["ETag"]
    cache.delete(live_cache_key(interview.pk))  # the transcript entry alone
    with django_assert_num_queries(0):
        assert poll(client, interview, since=entry.pk, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_adding_or_retracting_an_entry_clears_the_cached_answer(client, interview, host_user):
    first = say(interview, host_user, "第一条。")
    etag = poll(client, interview, since=first.pk)["ETag"]

    second = say(interview, host_user, "第二条。")
    changed = poll(client, interview, since=first.pk, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and texts(changed.json()) == ["第二条。"]

    etag = poll(client, interview, since=second.pk)["ETag"]
    console.retract_entry(second, host_user)
    retracted = poll(client, interview, since=second.pk, HTTP_IF_NONE_MATCH=etag)
    assert retracted.status_code == 200 and retracted.json()["retracted"] == [second.pk]


def test_a_cached_answer_costs_no_query(client, interview, host_user, django_assert_num_queries):
    entry = say(interview, host_user, "第一条。")
    poll(client, interview)
    with django_assert_num_queries(0):
        assert texts(poll(client, interview).json()) == ["第一条。"]
    with django_assert_num_queries(0):
        etag = poll(client, interview, since=entry.pk)["ETag"]
    with django_assert_num_queries(0):
        assert poll(client, interview, since=entry.pk, HTTP_IF_NONE_MATCH=etag).status_code == 304


def queries_to_build(client, interview):
    cache.delete(live_cache_key(interview.pk))
    with CaptureQueriesContext(connection) as queries:
        assert poll(client, interview).status_code == 200
    return len(queries)


def test_building_the_answer_costs_the_same_queries_for_2_or_20_entries(client, site_group, index, host_user):
    image = get_image_model().objects.create(
        title="现场", file=get_test_image_file(), collection=site_group.county_a.collection
    )
    counts = []
    for number in (2, 20):
        interview = make_interview(index)
        for position in range(number):
            say(interview, host_user, f"第{position}条。", image=image, image_alt="现场")
        poll(client, interview)  # makes the renditions once
        counts.append(queries_to_build(client, interview))
    assert counts[0] == counts[1] == 6, counts


def test_publishing_and_unpublishing_clear_the_cached_answer(client, interview):
    assert poll(client, interview).status_code == 200
    interview.unpublish()
    assert poll(client, interview).status_code == 404
    interview.save_revision().publish()
    assert poll(client, interview).status_code == 200


@pytest.mark.parametrize("since", ["abc", "-1", "1.5", "１", "9" * 19, "9" * 5000])
def test_a_since_that_is_not_a_whole_number_is_refused(client, interview, since):
    assert poll(client, interview, since=since).status_code == 400


def test_a_missing_or_empty_since_means_from_the_start(client, interview, host_user):
    say(interview, host_user, "第一条。")
    assert texts(poll(client, interview).json()) == ["第一条。"]
    assert texts(poll(client, interview, since="").json()) == ["第一条。"]


def test_an_unpublished_interview_is_not_found(client, index):
    draft = make_interview(index, live=False)
    assert poll(client, draft).status_code == 404


def test_an_interview_in_a_protected_section_is_not_found(client, index, interview):
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    assert poll(client, interview).status_code == 404


def test_a_page_that_is_not_an_interview_is_not_found(client, index):
    response = client.get(f"/interviews/{index.pk}/live.json", HTTP_HOST=HOST)
    assert response.status_code == 404
    assert response.json() == {"error": "not_found"} and response["Cache-Control"] == "public, max-age=2"


def test_only_get_and_head_are_answered(client, interview):
    url = f"/interviews/{interview.pk}/live.json"
    assert client.head(url, HTTP_HOST=HOST).status_code == 200
    assert client.post(url, HTTP_HOST=HOST).status_code == 405


def test_an_interview_of_a_site_not_yet_public_is_not_found_on_any_host(client, site_group, interview):
    SiteIdentity.objects.filter(site=site_group.county_a.site).update(icp_number="")
    assert poll(client, interview).status_code == 404
    assert client.get(f"/interviews/{interview.pk}/live.json", HTTP_HOST="localhost").status_code == 404


def test_the_state_follows_the_schedule_and_the_host(client, index, host_user):
    upcoming = make_interview(index, start=timezone.now() + timedelta(hours=1), end=timezone.now() + timedelta(hours=2))
    answer = poll(client, upcoming).json()
    assert (answer["state"], answer["state_label"], answer["entries"]) == ("upcoming", "预告", [])
    console.start_early(upcoming, host_user)
    assert poll(client, upcoming).json()["state"] == "live"
    console.end_interview(upcoming, host_user)
    assert poll(client, upcoming).json()["state"] == "ended"
    past = make_interview(index, start=timezone.now() - timedelta(hours=2), end=timezone.now() - timedelta(hours=1))
    assert poll(client, past).json()["state_label"] == "已结束"


def test_a_page_added_live_without_being_published_is_answered(client, index, interview):
    page = InterviewPage(
        title="未经发布",
        slug="raw",
        summary="s",
        scheduled_start=interview.scheduled_start,
        scheduled_end=interview.scheduled_end,
    )
    index.add_child(instance=page)  # live, with no publication date
    response = poll(client, page)
    assert response.status_code == 200 and response.json()["entries"] == [] and response["Last-Modified"]


def republish_without(interview, text):
    """An editor's correction after the end: the frozen transcript published again without the entry saying `text`."""
    page = InterviewPage.objects.get(pk=interview.pk).get_latest_revision_as_object()
    page.transcript = [
        {"type": block.block_type, "value": block.block.get_prep_value(block.value)}
        for block in page.transcript
        if text not in block.value["text"]
    ]
    page.save_revision().publish()


def test_after_the_end_the_endpoint_serves_the_corrected_frozen_transcript(client, interview, host_user):
    kept = say(interview, host_user, "正常发言。")
    wrong = say(interview, host_user, "误录入：某网友身份证号110101199003071234。")
    console.end_interview(interview, host_user)
    etag = poll(client, interview, since=wrong.pk)["ETag"]

    republish_without(interview, "误录入")
    assert "误录入" not in poll(client, interview).content.decode()
    assert [entry["id"] for entry in poll(client, interview).json()["entries"]] == [kept.pk]
    # A client that had both hears of the removal, despite its ETag of before the correction.
    caught_up = poll(client, interview, since=wrong.pk, HTTP_IF_NONE_MATCH=etag)
    assert caught_up.status_code == 200 and caught_up["ETag"] != etag
    answer = caught_up.json()
    assert answer["retracted"] == [wrong.pk] and [entry["id"] for entry in answer["edited"]] == [kept.pk]
