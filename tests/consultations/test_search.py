"""Consultations and surveys in site search: found by their draft, feedback and summary, typed 意见征集 and 网上调查,
and kept to by the 类型 filter."""

import pytest
from bs4 import BeautifulSoup

from search.models import SearchDocument
from tests.consultations.test_consultation_public import HOST, index_under, make_consultation
from tests.consultations.test_surveys import add_survey, survey_index
from tests.interviews.test_search import results

pytestmark = [pytest.mark.django_db, pytest.mark.search_index]


@pytest.fixture
def consultation(site_group):
    return make_consultation(
        index_under(site_group.county_a.home),
        title="甲县停车管理办法（征求意见稿）",
        draft=[("section", {"heading": "总则", "body": "<p>住宅小区共享泊位由物业统一登记。</p>"})],
    )


@pytest.fixture
def survey(site_group):
    # Summary: 请就本区公交线路发表意见。
    return add_survey(survey_index(site_group.county_a.home), title="停车收费满意度调查", slug="tcdc")


def test_the_draft_finds_the_consultation_labelled_as_one(client, consultation):
    assert results(client, HOST, q="共享泊位") == [("甲县停车管理办法（征求意见稿）", "意见征集")]


def test_the_summary_finds_the_survey_labelled_as_one(client, survey):
    assert results(client, HOST, q="公交线路") == [("停车收费满意度调查", "网上调查")]


def test_the_type_filter_offers_and_keeps_to_each_type(client, consultation, survey):
    soup = BeautifulSoup(client.get("/search/", {"q": "停车"}, HTTP_HOST=HOST).content, "html.parser")
    options = [option.get_text() for option in soup.select("select[name=type] option")]
    assert {"意见征集", "网上调查"} <= set(options)

    assert results(client, HOST, q="停车", type="consultation") == [("甲县停车管理办法（征求意见稿）", "意见征集")]
    assert results(client, HOST, q="停车", type="survey") == [("停车收费满意度调查", "网上调查")]


def test_another_sites_search_does_not_find_them(client, consultation, survey):
    assert results(client, "county-b.localhost", q="停车", scope="site") == []


def test_a_draft_consultation_is_not_found(client, site_group):
    make_consultation(
        index_under(site_group.county_a.home), title="未发布的征集", summary="尚未公布的收费办法。", live=False
    )
    assert results(client, HOST, q="尚未公布的收费办法") == []


def test_the_snippet_reads_the_drafts_words_not_its_block_names(consultation):
    document = SearchDocument.objects.get(page=consultation)

    assert "总则" in document.text and "住宅小区共享泊位由物业统一登记。" in document.text
    assert "heading" not in document.text and "body" not in document.text
