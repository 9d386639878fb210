"""The Elasticsearch path, checked by what it would send (no cluster runs here), and its fallback."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from wagtail.models import Locale

from search import engine
from search.backends import ChineseElasticsearch8SearchBackend
from search.models import ELASTICSEARCH_FIELDS, SearchDocument
from search.segment import query_terms
from tests.search.conftest import add_article

UNREACHABLE = "http://127.0.0.1:9/"


@pytest.fixture
def backend(monkeypatch):
    monkeypatch.setattr(SearchDocument, "search_fields", ELASTICSEARCH_FIELDS)
    return ChineseElasticsearch8SearchBackend({"URLS": [UNREACHABLE], "INDEX_PREFIX": "govcms_test_"})


def test_index_settings_use_chinese_capable_analyzers(backend):
    analyzers = backend.settings["settings"]["analysis"]["analyzer"]
    assert analyzers["default"] == {"type": "cjk"}
    assert analyzers["govcms_segmented"] == {
        "type": "custom",
        "tokenizer": "whitespace",
        "filter": ["cjk_width", "lowercase"],
    }
    # Wagtail's own n-gram analyzers for autocomplete are kept.
    assert "edgengram_analyzer" in analyzers


def test_mapping_sends_segmented_fields_through_the_segmented_analyzer(backend):
    properties = backend.mapping_class(SearchDocument).get_mapping()["properties"]
    assert properties["title_tokens"]["analyzer"] == "govcms_segmented"
    assert "_all_text_boost_4_0" in properties["title_tokens"]["copy_to"]  # titles weigh four times as much
    assert properties["tokens"]["analyzer"] == "govcms_segmented"
    assert properties["locale_id_filter"]["type"] == "integer"
    assert properties["path_filter"]["type"] == "keyword"


def test_indexed_document_holds_the_jieba_words(backend, article):
    document = SearchDocument.objects.get(page_id=article.pk)
    body = backend.mapping_class(SearchDocument).get_document(document)
    assert body["title_tokens"].split()[:6] == ["国务", "院办", "办公", "国务院", "办公厅", "国务院办公厅"]
    assert {"政府", "网站", "wagtail", "2024"} <= set(body["tokens"].split())


def test_query_sent_matches_each_word_or_its_parts_within_the_filters(backend, site_group):
    request = engine.SearchRequest(
        terms=query_terms("国务院办公厅 政府网站"),
        locale_id=Locale.get_default().pk,
        kinds=["policy", "article"],
        group_path=site_group.portal.home.path,
        validity="valid",
    )
    compiler = backend.query_compiler_class(
        engine.elasticsearch_queryset(request),
        engine.elasticsearch_query(request.terms),
        fields=["title_tokens", "tokens"],
    )
    sent = repr(compiler.get_query())
    for token in ["国务院办公厅", "国务院", "办公厅", "政府", "网站"]:
        assert f"'{token}'" in sent
    assert "'path_filter': '" + site_group.portal.home.path + "'" in sent
    assert "'validity_filter': 'valid'" in sent
    assert "'kind_filter': ['policy', 'article']" in sent


@pytest.fixture
def unreachable_elasticsearch(settings, monkeypatch):
    monkeypatch.setattr(SearchDocument, "search_fields", ELASTICSEARCH_FIELDS)
    settings.ELASTICSEARCH_URL = UNREACHABLE
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends", "URLS": [UNREACHABLE], "TIMEOUT": 1, "INDEX_PREFIX": "govcms_test_"}
    }
    cache.delete(engine._ES_DOWN_KEY)
    yield
    cache.delete(engine._ES_DOWN_KEY)


def test_unreachable_elasticsearch_falls_back_to_the_database_and_publishing_works(
    client, site_group, unreachable_elasticsearch, caplog
):
    article = add_article(site_group.portal.home, "政府网站年度报表")  # publishes while the cluster is down
    article.save_revision().publish()
    response = client.get("/search/", {"q": "政府网站"}, HTTP_HOST="localhost")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert [link.get_text() for link in soup.select(".search-results h3 a")] == ["政府网站年度报表"]
    assert "Elasticsearch search failed" in caplog.text
    # The next search does not wait for the cluster again.
    caplog.clear()
    assert client.get("/search/", {"q": "网站"}, HTTP_HOST="localhost").status_code == 200
    assert "Elasticsearch search failed" not in caplog.text


def test_a_broken_database_index_shows_search_unavailable(client, site_group, monkeypatch):
    def broken(request):
        raise engine.SearchUnavailable("index gone")

    monkeypatch.setattr(engine, "database_search", broken)
    response = client.get("/search/", {"q": "政府网站"}, HTTP_HOST="localhost")
    assert response.status_code == 200
    assert "搜索服务暂时不可用" in response.content.decode()
