"""The public search page: scope, filters, sort, highlighting, pagination, promotions, query log, robustness."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale

from search import engine, views
from search.forms import SearchForm
from search.models import QueryLog
from tests.search.conftest import add_article
from translations.models import SiteLanguage


def search(client, host="localhost", path="/search/", **params):
    response = client.get(path, params, HTTP_HOST=host)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def result_titles(soup):
    return [" ".join(link.get_text().split()) for link in soup.select(".search-results h3 a")]


@pytest.fixture
def portal_and_county(site_group):
    portal = add_article(site_group.portal.home, "市政府网站工作年度报表", "全市政府网站运行情况。")
    county = add_article(site_group.county_a.home, "甲县政府网站整改通知", "县政府网站整改。")
    return portal, county


def test_portal_searches_the_whole_group_and_a_county_only_itself_by_default(client, portal_and_county):
    assert sorted(result_titles(search(client, q="政府网站"))) == ["市政府网站工作年度报表", "甲县政府网站整改通知"]
    assert result_titles(search(client, "county-a.localhost", q="政府网站")) == ["甲县政府网站整改通知"]
    county_group = search(client, "county-a.localhost", q="政府网站", scope="group")
    assert len(result_titles(county_group)) == 2
    assert result_titles(search(client, q="政府网站", scope="site")) == ["市政府网站工作年度报表"]
    checked = {
        host: search(client, host, q="政府网站").select_one("input[name=scope][checked]")["value"]
        for host in ("localhost", "county-a.localhost")
    }
    assert checked == {"localhost": "group", "county-a.localhost": "site"}


def test_site_type_and_date_filters(client, site_group, portal_and_county):
    county_home = site_group.county_a.home
    assert result_titles(search(client, q="政府网站", site=county_home.pk)) == ["甲县政府网站整改通知"]
    assert result_titles(search(client, q="政府网站", type="policy")) == []
    add_article(site_group.portal.home, "政府网站旧闻", date=datetime.date(2020, 3, 1))
    dated = search(client, q="政府网站", date_from="2020-01-01", date_to="2020-12-31")
    assert result_titles(dated) == ["政府网站旧闻"]
    assert result_titles(search(client, q="政府网站", sort="date"))[-1] == "政府网站旧闻"


def test_snippets_mark_the_words_and_escape_everything(client, site_group):
    add_article(
        site_group.portal.home, "<b>政府网站</b>标题", summary="摘要里有<script>alert(1)</script>政府网站的内容。"
    )
    soup = search(client, q="政府网站")
    assert [mark.get_text() for mark in soup.select(".search-results h3 mark")] == ["政府网站"]
    assert [mark.get_text() for mark in soup.select(".search-result__snippet mark")][:1] == ["政府网站"]
    assert soup.select(".search-results script") == [] and soup.select(".search-results b") == []
    assert result_titles(soup) == ["<b>政府网站</b>标题"]  # shown as typed, not as markup


def test_a_document_number_is_marked_whole_not_character_by_character(client, site_group):
    add_article(
        site_group.portal.home,
        "关于示政办发〔2016〕30号文件的说明",
        summary="政府网站示范单位名单见示政办发〔2016〕30号。",
    )
    soup = search(client, q="示政办发〔2016〕30号")
    assert [mark.get_text() for mark in soup.select(".search-results h3 mark")] == ["示政办发〔2016〕30号"]
    assert [mark.get_text() for mark in soup.select(".search-result__snippet mark")] == ["示政办发〔2016〕30号"]


def test_results_are_paginated(client, site_group):
    for number in range(12):
        add_article(site_group.portal.home, f"营商环境专题{number}", date=datetime.date(2024, 1, 1 + number))
    first = search(client, q="营商环境", sort="date")
    assert len(result_titles(first)) == 10
    assert "找到 12 条结果" in first.select_one(".search-summary").get_text()
    second = search(client, q="营商环境", sort="date", page=2)
    assert result_titles(second) == ["营商环境专题1", "营商环境专题0"]
    assert second.select_one(".search-results")["start"] == "11"


def test_the_page_numbers_accepted_follow_the_candidate_bound(settings):
    settings.SEARCH_CANDIDATE_LIMIT = 1200  # 120 pages of candidates
    assert SearchForm({"page": "120"}, [], []).value("page") == 120
    assert SearchForm({"page": "121"}, [], []).value("page") is None
    settings.SEARCH_CANDIDATE_LIMIT = 300  # 30 pages, but never fewer than Elasticsearch's 100
    assert SearchForm({"page": "100"}, [], []).value("page") == 100
    assert SearchForm({"page": "101"}, [], []).value("page") is None


def test_the_pages_linked_stop_where_the_page_numbers_accepted_do(client, portal_and_county, monkeypatch):
    # Elasticsearch counts every match (it cannot run here: its answer is given): 5,000 hits, 100 pages linked.
    answer = engine.SearchHits(page_ids=[page.pk for page in portal_and_county], total=5000, engine="elasticsearch")
    monkeypatch.setattr(engine, "search", lambda request, query="": answer)
    soup = search(client, q="政府网站", page=100)
    assert "5000" in soup.select_one(".search-summary").get_text().replace(",", "")
    assert " ".join(soup.select_one(".pagination__status").get_text().split()) == "第 100 页，共 100 页"
    assert not soup.select_one(".pagination a[rel=next]")
    linked = [int(link["href"].rsplit("page=", 1)[1]) for link in soup.select(".pagination__pages a")]
    assert max(linked) == 99


def test_results_only_in_the_active_language(client, site_group, portal_and_county):
    portal, _county = portal_and_county
    # The portal offers English (/en/search/ elsewhere answers "not available in English", translations.public).
    SiteLanguage.objects.create(home=site_group.portal.home, language_code="en")
    translation = portal.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    translation.title = "Government website 政府网站 report"
    translation.save_revision().publish()
    assert result_titles(search(client, path="/en/search/", q="政府网站")) == ["Government website 政府网站 report"]
    assert "Government website 政府网站 report" not in result_titles(search(client, q="政府网站"))


def test_editors_recommendations_come_first(client, site_group, portal_and_county):
    recommended = add_article(site_group.portal.home, "网站集约化建设指南")
    SearchPromotion.objects.create(query=Query.get("政府网站"), page=recommended, description="编辑推荐", sort_order=0)
    soup = search(client, q="政府网站")
    assert [link.get_text() for link in soup.select(".search-promotions a")] == ["网站集约化建设指南"]
    assert soup.select_one(".search-promotions").sourceline < soup.select_one(".search-results").sourceline


def test_queries_and_zero_results_are_logged_per_site_and_day(client, site_group, portal_and_county):
    search(client, q="政府网站")
    search(client, q="  政府网站 ")
    search(client, q="政府网站", page=2)  # paging through results is not a new search
    search(client, q="没有这个词汇")
    search(client, "county-a.localhost", q="政府网站")
    logs = {(log.site.hostname, log.query_string): (log.hits, log.zero_result_hits) for log in QueryLog.objects.all()}
    assert logs == {
        ("localhost", "政府网站"): (2, 0),
        ("localhost", "没有这个词汇"): (1, 1),
        ("county-a.localhost", "政府网站"): (1, 0),
    }
    assert {log.date for log in QueryLog.objects.all()} == {timezone.localdate()}


def test_the_results_page_costs_the_same_queries_for_one_result_or_ten(client, site_group):
    add_article(site_group.portal.home, "独一无二的标题")
    for number in range(12):
        add_article(site_group.portal.home, f"营商环境专题{number}")

    def count(query):
        search(client, q=query)  # the first request fills per-process caches (site root paths)
        with CaptureQueriesContext(connection) as queries:
            search(client, q=query)
        return len(queries)

    assert count("独一无二") == count("营商环境")


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "政" * 5000,
        "！!？?。.,，、；;：:“”\"'（）()《》<>",
        "😀🎉👍",
        '"政府网站"',
        "' OR 1=1; DROP TABLE search_searchdocument; --",
        "政府 AND OR NOT NEAR * ^ - :",
        "\\ % _ \x00",
        "<script>alert(1)</script>",
    ],
)
def test_odd_queries_answer_with_a_sensible_page(client, portal_and_county, query):
    soup = search(client, q=query)
    assert soup.select_one("h1").get_text() == "站内搜索"
    assert soup.select_one("input[name=q]")["value"] == " ".join(query.replace("\x00", "").split())[:100] or query
    assert soup.select(".search-results script") == []


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "999999"},
        {"date_from": "2024-13-45"},
        {"site": "not-a-number"},
        {"type": "nonexistent"},
        {"sort": "random"},
        {"scope": "universe"},
    ],
)
def test_bad_parameters_are_ignored(client, portal_and_county, params):
    soup = search(client, q="政府网站", **params)
    assert len(result_titles(soup)) == 2


def test_a_flood_of_searches_from_one_address_is_slowed_down(client, site_group, monkeypatch):
    monkeypatch.setattr(views, "RATE_LIMIT", "5/m")
    statuses = [
        client.get("/search/", {"q": f"政府{number}"}, HTTP_HOST="localhost").status_code for number in range(6)
    ]
    assert set(statuses[:-1]) == {200}
    assert statuses[-1] == 429
    assert QueryLog.objects.count() == len(statuses) - 1  # the refused search is not logged
