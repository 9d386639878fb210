"""The index and the database engine: Chinese words inside longer phrases are found, on SQLite and PostgreSQL."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from search import engine
from search.models import SearchDocument
from search.segment import index_tokens, query_terms, s_stem
from tests.search.conftest import add_article, news_column


def run(query, **kwargs):
    defaults = {"locale_id": Locale.get_default().pk, "kinds": ["article", "policy", "interpretation", "emergency"]}
    return engine.database_search(engine.SearchRequest(terms=query_terms(query), **defaults | kwargs))


@pytest.mark.parametrize(
    "query",
    [
        "政府网站",
        "信息内容",
        "网站 建设",
        "国务院办公厅",
        "国务院",
        "wagtail",
        "WAGTAIL 2024",
        "数据开放",
        "经国务院同意",
    ],
)
def test_words_inside_longer_phrases_are_found(article, query):
    assert run(query).page_ids == [article.pk]


@pytest.mark.parametrize("query", ["政府新闻", "教育", "python", "2023"])
def test_words_not_in_the_page_find_nothing(article, query):
    hits = run(query)
    assert hits.page_ids == []
    assert hits.total == 0


def test_title_matches_rank_above_body_matches(site_group):
    # The title match is the older page: a tie would put it second (newest first, then the higher id).
    in_title = add_article(site_group.portal.home, "优化营商环境条例解读", "条例全文。")
    in_body = add_article(site_group.portal.home, "工作动态", "本市召开营商环境优化大会。")
    assert run("营商环境").page_ids == [in_title.pk, in_body.pk]


def test_sort_by_date_puts_newest_first(site_group):
    old = add_article(site_group.portal.home, "营商环境一", date=datetime.date(2023, 1, 1))
    new = add_article(site_group.portal.home, "营商环境二", date=datetime.date(2024, 1, 1))
    assert run("营商环境", sort="date").page_ids == [new.pk, old.pk]


def test_unpublishing_removes_the_page_and_publishing_brings_it_back(article):
    article.unpublish()
    assert run("政府网站").page_ids == []
    article.title = "关于推进政务新媒体建设的意见"
    article.save_revision().publish()
    assert run("政府网站").page_ids == [article.pk]
    assert run("政务新媒体").page_ids == [article.pk]


def test_update_index_leaves_out_pages_behind_a_view_restriction(article):
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    call_command("update_index", verbosity=0)
    assert run("政府网站").page_ids == []


def test_update_index_rebuilds_everything(article):
    SearchDocument.objects.all().delete()
    assert run("政府网站").page_ids == []
    call_command("update_index", verbosity=0)
    assert run("政府网站").page_ids == [article.pk]


def test_moving_a_page_to_another_site_moves_its_document(site_group, article):
    target = site_group.county_a.home
    article.move(news_column(target), pos="last-child")
    document = SearchDocument.objects.get(page_id=article.pk)
    assert document.site_path == target.path
    assert run("政府网站", site_path=target.path).page_ids == [article.pk]


def test_filters_by_site_and_group(site_group, article):
    county = add_article(site_group.county_a.home, "县政府网站建设情况")
    assert run("政府网站", site_path=site_group.county_a.home.path).page_ids == [county.pk]
    assert set(run("政府网站", group_path=site_group.portal.home.path).page_ids) == {article.pk, county.pk}
    assert run("政府网站", kinds=["policy"]).page_ids == []


def test_common_words_count_is_capped(site_group, settings):
    settings.SEARCH_CANDIDATE_LIMIT = 3
    for number in range(5):
        add_article(site_group.portal.home, f"政务公开第{number}期")
    hits = run("政务公开", limit=2)
    assert (hits.total, hits.total_is_lower_bound, len(hits.page_ids)) == (3, True, 2)


@pytest.mark.parametrize("limit", [0, 9, "300"])
def test_a_candidate_limit_below_a_page_of_results_or_not_a_number_fails_the_system_check(settings, limit):
    settings.SEARCH_CANDIDATE_LIMIT = limit
    assert [error.id for error in engine.check_candidate_limit(None)] == ["search.E001"]
    settings.SEARCH_CANDIDATE_LIMIT = engine.MIN_CANDIDATE_LIMIT
    assert engine.check_candidate_limit(None) == []


def test_relevance_ranks_the_most_recent_matches_in_one_query(site_group, settings):
    settings.SEARCH_CANDIDATE_LIMIT = 3
    home = site_group.portal.home
    # The best match is the oldest: beyond the candidates, it is counted out and not ranked.
    add_article(home, "营商环境条例解读", date=datetime.date(2020, 1, 1))
    title_match = add_article(home, "优化营商环境措施", date=datetime.date(2024, 5, 1))
    body_matches = [
        add_article(home, f"工作动态{day}", "本市召开营商环境优化大会。", date=datetime.date(2024, 5, day))
        for day in (2, 3)
    ]
    request = engine.SearchRequest(terms=query_terms("营商环境"), locale_id=home.locale_id, kinds=["article"], limit=2)
    with CaptureQueriesContext(connection) as queries:
        hits = engine.database_search(request)
    assert len(queries) == 1
    newest_body_match = body_matches[-1]
    assert (hits.page_ids, hits.total, hits.total_is_lower_bound) == ([title_match.pk, newest_body_match.pk], 3, True)
    # Equal scores keep the date order, on every page.
    assert run("营商环境", limit=2, offset=2).page_ids == [body_matches[0].pk]


def test_restricting_a_section_takes_it_out_of_search_and_lifting_it_brings_it_back(article):
    restriction = PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    assert run("政府网站").page_ids == []
    restriction.delete()
    assert run("政府网站").page_ids == [article.pk]


def test_a_failing_index_update_does_not_stop_publishing(site_group, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("index write failed")

    monkeypatch.setattr("search.indexing.build_document", broken)
    article = add_article(site_group.portal.home, "政府网站公告")
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.live
    assert "Search index update failed" in caplog.text
    assert not SearchDocument.objects.filter(page_id=article.pk).exists()


def test_foreign_language_text_is_split_into_stemmed_words_not_chinese_segments():
    # Chinese analysis of English keeps jieba's tokens, plural and all.
    assert index_tokens("Policies on e-Government Services") == "policies on e government services"
    # English: words folded to lower case and to the singular, on pages and queries alike; full-width letters
    # are folded; Han characters quoted inside (a 文号) are still cut as Chinese.
    assert index_tokens("Policies on e-Government Services", "en") == "policy on e government service"
    assert (
        index_tokens("ＮＥＷ Measures (国务院办公厅)", "en") == "new measure 国务 院办 办公 国务院 办公厅 国务院办公厅"
    )
    assert [term.word for term in query_terms("POLICIES, services", language="en")] == ["policy", "service"]
    assert query_terms("国务院办公厅", language="en")[0].parts == ("国务院", "办公厅")
    # Harman's S-stemmer: short words and -ss, -us are left alone; crude (series → sery) but the same both sides.
    assert [s_stem(word) for word in ("bus", "status", "business", "has", "agrees", "series")] == [
        "bus",
        "status",
        "business",
        "has",
        "agree",
        "sery",
    ]
