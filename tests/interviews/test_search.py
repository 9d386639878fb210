"""Interviews in site and group search: found by their transcript, summary and guests, typed 在线访谈."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.interviews.factories import make_interview
from tests.interviews.test_lists import index_of

pytestmark = [pytest.mark.django_db, pytest.mark.search_index]


def transcript(*texts):
    spoken_at = timezone.now() - timedelta(hours=2)
    return [
        ("entry", {"entry_id": n, "speaker": "guest", "speaker_name": "张明", "time": spoken_at, "text": text})
        for n, text in enumerate(texts, start=1)
    ]


@pytest.fixture
def past_interview(site_group):
    return make_interview(
        index_of(site_group.county_a),
        title="稳就业政策访谈",
        start=timezone.now() - timedelta(hours=3),
        end=timezone.now() - timedelta(hours=2),
        transcript=transcript("今年起灵活就业人员可以申领社保补贴。", "申请材料在政务服务网一次提交。"),
    )


def results(client, host, **params):
    """[(title, type label)] of the search page's results."""
    response = client.get("/search/", params, HTTP_HOST=host)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        (item.h3.get_text(strip=True), item.select_one(".search-result__type").get_text(strip=True))
        for item in soup.select(".search-results li")
    ]


def test_words_said_in_the_transcript_find_the_interview_labelled_as_one(client, past_interview):
    assert results(client, "county-a.localhost", q="灵活就业人员") == [("稳就业政策访谈", "在线访谈")]


def test_the_group_search_finds_a_countys_interview_by_its_guest(client, past_interview):
    assert ("稳就业政策访谈", "在线访谈") in results(client, "localhost", q="张明", scope="group")
    assert results(client, "county-b.localhost", q="灵活就业人员", scope="site") == []


def test_the_type_filter_offers_and_keeps_to_interviews(client, site_group, past_interview):
    response = client.get("/search/", {"q": "访谈"}, HTTP_HOST="county-a.localhost")
    soup = BeautifulSoup(response.content, "html.parser")
    assert "在线访谈" in [option.get_text() for option in soup.select("select[name=type] option")]
    found = results(client, "county-a.localhost", q="访谈", type="interview")
    assert found == [("稳就业政策访谈", "在线访谈")]


def test_a_draft_interview_is_not_found(client, site_group):
    make_interview(index_of(site_group.county_a), title="未发布的访谈", summary="草稿里的补贴政策。", live=False)
    assert results(client, "county-a.localhost", q="草稿里的补贴政策") == []


def test_the_transcript_frozen_at_the_end_of_a_broadcast_is_found(client, site_group, make_user):
    from interviews.console import add_entry, end_interview

    host = make_user(site_group.county_a.groups["编辑"])
    interview = make_interview(index_of(site_group.county_a), title="正在直播的访谈")
    add_entry(interview, host, speaker="guest", speaker_name="张明", text="零工市场下月在城东开张。")
    assert results(client, "county-a.localhost", q="零工市场") == []

    end_interview(interview, host)

    assert results(client, "county-a.localhost", q="零工市场") == [("正在直播的访谈", "在线访谈")]
