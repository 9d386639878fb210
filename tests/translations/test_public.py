"""The public English site: the notice where there is no English page, language links to live translations only,
the out-of-date notice, English search and feeds (translations.public, translations.templatetags)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page

from govcms.core.visibility import held_site_paths
from search import engine
from search.backends import ChineseElasticsearch8SearchBackend
from search.models import ELASTICSEARCH_FIELDS, SearchDocument
from search.registry import type_keys
from search.segment import query_terms
from sitegroup.models import SiteIdentity
from tests.factories import ArticlePageFactory
from tests.translations.helpers import english_of
from translations.models import SiteLanguage

COUNTY_A = "county-a.localhost"
COUNTY_B = "county-b.localhost"


def get(client, url, host="localhost"):
    return client.get(url, HTTP_HOST=host)


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def news(home):
    return Page.objects.child_of(home).get(slug="zwdt").specific


def publish_english(page, **fields):
    """Publish the English version of `page` with `fields` (set-up: the review journey is tested elsewhere)."""
    english = english_of(page)
    for name, value in fields.items():
        setattr(english, name, value)
    english.save_revision().publish()
    return english_of(page)


def chinese_article(provisioned, slug, title, **kwargs):
    """A live Chinese article in the site's 政务动态 with its English draft (as follow_source would make it)."""
    from translations.sync import ensure_translation

    article = ArticlePageFactory(parent=news(provisioned.home), slug=slug, title=title, **kwargs)
    ensure_translation(article, Locale.objects.get(language_code="en"))
    return article


@pytest.fixture
def english_portal(english):
    """The portal's English home and 政务动态 are live; its other English pages are drafts."""
    portal = english.portal
    publish_english(portal.home, title="Example City People's Government")
    publish_english(news(portal.home), title="Government News")
    return english


def notice(response):
    soup = soup_of(response)
    return soup, soup.select_one(".not-translated")


def assert_notice_links_to(response, url, page_language):
    assert response.status_code == 404
    soup, box = notice(response)
    assert box is not None
    english_half, chinese_half = box.find_all("section")
    assert english_half["lang"] == "en"
    assert "This page is not available in English" in english_half.get_text()
    assert chinese_half["lang"] == "zh-Hans"
    assert "本页暂无" in chinese_half.get_text()
    assert {link["href"] for link in box.find_all("a")} == {url}
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.html["lang"] == page_language


# 1. /en/… without an English page


def test_a_site_without_english_answers_a_bilingual_notice_not_its_chinese_pages(client, english):
    home = get(client, "/en/", host=COUNTY_B)
    assert_notice_links_to(home, "/", page_language="zh-Hans")
    # Chinese content is never served as English: the county's Chinese home page is not rendered.
    assert not soup_of(home).select(".home-blocks, .site-main h1.home-title")

    assert_notice_links_to(get(client, "/en/zwdt/", host=COUNTY_B), "/zwdt/", page_language="zh-Hans")
    # Nothing at that path in Chinese either: the link goes to the Chinese home.
    assert_notice_links_to(get(client, "/en/no-such-page/", host=COUNTY_B), "/", page_language="zh-Hans")
    # The Chinese site itself is unchanged.
    assert get(client, "/zwdt/", host=COUNTY_B).status_code == 200


def test_a_site_whose_english_home_is_not_live_answers_the_notice(client, english):
    # The portal offers English, but its English home is still a draft.
    assert_notice_links_to(get(client, "/en/zwdt/"), "/zwdt/", page_language="zh-Hans")


def test_a_site_that_stopped_offering_english_answers_the_notice_though_its_tree_is_live(client, english_portal):
    assert get(client, "/en/zwdt/").status_code == 200
    SiteLanguage.objects.filter(home=english_portal.portal.home).delete()
    assert_notice_links_to(get(client, "/en/zwdt/"), "/zwdt/", page_language="zh-Hans")


def test_an_english_site_serves_its_live_pages_in_english(client, english_portal):
    response = get(client, "/en/zwdt/")
    soup = soup_of(response)
    assert response.status_code == 200
    assert soup.html["lang"] == "en"
    assert soup.select_one("h1").get_text(strip=True) == "Government News"
    assert soup.select_one(".not-translated") is None


def test_an_untranslated_page_of_an_english_site_links_to_its_chinese_original(client, english_portal):
    article = chinese_article(english_portal.portal, "spring", "市政府召开春耕生产会议")
    english = english_of(article)
    assert not english.live

    response = get(client, "/en/zwdt/spring/")
    # The English site's chrome (its home in the header), the Chinese half marked as Chinese.
    assert_notice_links_to(response, "/zwdt/spring/", page_language="en")
    assert "Example City People's Government" in soup_of(response).select_one(".site-brand").get_text()

    # A translator gave the draft an English slug: the address is followed to its original by translation key.
    english.slug = "spring-farming"
    english.save()  # a page never published keeps its draft's slug in its row
    assert_notice_links_to(get(client, "/en/zwdt/spring-farming/"), "/zwdt/spring/", page_language="en")


def test_an_address_that_names_nothing_in_either_language_is_a_plain_404(client, english_portal):
    response = get(client, "/en/zwdt/no-such-article/")
    assert response.status_code == 404
    assert soup_of(response).select_one(".not-translated") is None
    assert soup_of(response).html["lang"] == "en"


def test_a_sub_site_without_english_under_the_portal_hostname_answers_the_notice(client, english_portal):
    assert_notice_links_to(get(client, "/en/county-b/"), "/county-b/", page_language="en")


def test_english_search_on_a_site_without_english_answers_the_notice(client, english_portal):
    assert_notice_links_to(get(client, "/en/search/?q=policy", host=COUNTY_B), "/search/?q=policy", "zh-Hans")
    assert get(client, "/en/search/?q=policy").status_code == 200


def test_a_held_sites_english_tree_is_held_too(client, english_portal):
    county_a = english_portal.county_a
    english_home = publish_english(county_a.home, title="County A People's Government")
    assert english_home.path not in held_site_paths()
    assert get(client, "/en/county-a/").status_code == 200

    SiteIdentity.objects.filter(site=county_a.site).update(icp_number="")

    held = held_site_paths()
    assert county_a.home.path in held
    assert english_home.path in held
    # Its English pages answer the holding page under the portal's hostname, as its Chinese ones do.
    assert get(client, "/en/county-a/").status_code == 503
    # The visiting site (here its English tree) is not hidden from itself.
    assert english_home.path not in held_site_paths(english_home.path + "0001")


# 2. Language links


def alternates(response):
    return {
        link["hreflang"]: link["href"]
        for link in soup_of(response).find_all("link", rel="alternate")
        if link.get("hreflang")
    }


def switcher(response):
    return [link["href"] for link in soup_of(response).select(".language-links a")]


def test_language_links_only_to_live_translations_on_sites_offering_the_language(client, english_portal):
    live = chinese_article(english_portal.portal, "live", "已译文章")
    publish_english(live, title="A translated article")
    draft = chinese_article(english_portal.portal, "draft", "未译文章")

    response = get(client, "/zwdt/live/")
    assert alternates(response) == {
        "zh-Hans": "http://localhost/zwdt/live/",
        "en": "http://localhost/en/zwdt/live/",
        "x-default": "http://localhost/zwdt/live/",
    }
    assert switcher(response) == ["/en/zwdt/live/"]

    english = get(client, "/en/zwdt/live/")
    assert alternates(english) == {
        "en": "http://localhost/en/zwdt/live/",
        "zh-Hans": "http://localhost/zwdt/live/",
        "x-default": "http://localhost/zwdt/live/",
    }
    assert switcher(english) == ["/zwdt/live/"]

    # The English draft is no translation to offer: no alternates, no switcher.
    assert english_of(draft).pk
    untranslated = get(client, "/zwdt/draft/")
    assert alternates(untranslated) == {}
    assert switcher(untranslated) == []

    # A live English page of a site that no longer offers English is not offered either.
    SiteLanguage.objects.filter(home=english_portal.portal.home).delete()
    assert switcher(get(client, "/zwdt/live/")) == []


# 3. Out of date


def test_an_english_page_whose_original_changed_says_so_with_a_link(
    client, english_portal, django_capture_on_commit_callbacks
):
    article = chinese_article(english_portal.portal, "plan", "年度工作计划")
    publish_english(article, title="Annual work plan")
    assert get(client, "/en/zwdt/plan/").status_code == 200
    assert soup_of(get(client, "/en/zwdt/plan/")).select_one(".translation-outdated") is None

    article.title = "年度工作计划（修订）"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    soup = soup_of(get(client, "/en/zwdt/plan/"))
    outdated = soup.select_one(".translation-outdated")
    assert outdated is not None
    assert outdated.find("a")["href"] == "/zwdt/plan/"
    assert datetime.date.today().strftime("%Y-%m-%d")[:4] in outdated.get_text()
    # The live English text is still the published one.
    assert soup.select_one("h1").get_text(strip=True) == "Annual work plan"
    # The Chinese page carries no such notice.
    assert soup_of(get(client, "/zwdt/plan/")).select_one(".translation-outdated") is None

    # Publishing the updated translation clears it.
    publish_english(article, title="Annual work plan (revised)")
    assert soup_of(get(client, "/en/zwdt/plan/")).select_one(".translation-outdated") is None


def count_queries(client, url):
    get(client, url)
    with CaptureQueriesContext(connection) as queries:
        response = get(client, url)
    assert response.status_code == 200
    return len(queries)


# /en/… costs two queries more: Wagtail finds the home's translation to route from (Page.localized), and
# translations.public.offers_live checks that the site offers English with a live home.
ENGLISH_EXTRA_QUERIES = 2


def test_english_pages_cost_a_fixed_number_of_queries_more_than_chinese_ones(
    client, english_portal, django_capture_on_commit_callbacks
):
    article = chinese_article(english_portal.portal, "cost", "费用测试", date=datetime.date(2024, 1, 1))
    publish_english(article, title="Cost test")
    chinese = count_queries(client, "/zwdt/cost/")
    english = count_queries(client, "/en/zwdt/cost/")
    assert english == chinese + ENGLISH_EXTRA_QUERIES

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert soup_of(get(client, "/en/zwdt/cost/")).select_one(".translation-outdated") is not None
    assert count_queries(client, "/en/zwdt/cost/") == english


# 4. Search in English


@pytest.fixture
def english_search(english_portal, search_index):
    portal = english_portal.portal
    article = chinese_article(
        portal,
        "services",
        "政务服务政策",
        body=[("paragraph", "<p>关于优化政务服务的政策</p>")],
        date=datetime.date(2024, 3, 1),
    )
    publish_english(
        article,
        title="Policies on Government Services",
        body=[("paragraph", "<p>The General Office of the State Council improves e-Government SERVICES.</p>")],
    )
    return english_portal


def result_titles(client, url, host="localhost"):
    response = get(client, url, host)
    assert response.status_code == 200
    return [" ".join(link.get_text().split()) for link in soup_of(response).select(".search-results h3 a")]


def test_english_pages_are_indexed_as_english_words_not_chinese_segments(english_search):
    english = SearchDocument.objects.get(title="Policies on Government Services")
    assert english.title_tokens == "policy on government service"
    assert {"general", "office", "state", "council", "e", "government", "service"} <= set(english.tokens.split())
    chinese = SearchDocument.objects.get(title="政务服务政策")
    assert "政务" in chinese.tokens.split()


def test_english_search_finds_english_words_whatever_their_case_or_number(client, english_search):
    for query in ("policy", "POLICIES", "government service", "Council", "e-government"):
        assert result_titles(client, f"/en/search/?q={query}") == ["Policies on Government Services"], query
    # Chinese words find the Chinese page on the Chinese site only, English words the English page only.
    assert result_titles(client, "/en/search/?q=政务服务") == []
    assert result_titles(client, "/search/?q=政务服务") == ["政务服务政策"]
    assert result_titles(client, "/search/?q=policy") == []


def test_elasticsearch_is_sent_english_words_for_english_pages_and_queries(english_search, monkeypatch):
    monkeypatch.setattr(SearchDocument, "search_fields", ELASTICSEARCH_FIELDS)
    backend = ChineseElasticsearch8SearchBackend({"URLS": ["http://127.0.0.1:9/"], "INDEX_PREFIX": "govcms_test_"})
    document = SearchDocument.objects.get(title="Policies on Government Services")
    body = backend.mapping_class(SearchDocument).get_document(document)
    assert body["title_tokens"] == "policy on government service"
    assert "e government service" in body["tokens"]

    english = Locale.objects.get(language_code="en")
    request = engine.SearchRequest(
        terms=query_terms("Government POLICIES", language="en"), locale_id=english.pk, kinds=type_keys()
    )
    compiler = backend.query_compiler_class(
        engine.elasticsearch_queryset(request),
        engine.elasticsearch_query(request.terms),
        fields=["title_tokens", "tokens"],
    )
    sent = repr(compiler.get_query())
    assert "'government'" in sent
    assert "'policy'" in sent
    assert "'policies'" not in sent
    assert f"'locale_id_filter': {english.pk}" in sent


# 5. Feeds


def test_each_language_has_its_own_column_feed(client, english_portal):
    portal = english_portal.portal
    translated = chinese_article(portal, "feed-a", "已译新闻", date=datetime.date(2024, 2, 1))
    publish_english(translated, title="Translated news")
    chinese_article(portal, "feed-b", "未译新闻", date=datetime.date(2024, 2, 2))

    english = BeautifulSoup(get(client, "/en/zwdt/rss/").content, "xml")
    assert english.channel.language.string == "en"
    assert english.channel.title.string == "Example City People's Government Government News"
    assert [item.title.string for item in english.find_all("item")] == ["Translated news"]
    assert english.find("item").link.string == "http://localhost/en/zwdt/feed-a/"

    chinese = BeautifulSoup(get(client, "/zwdt/rss/").content, "xml")
    assert chinese.channel.language.string == "zh-hans"
    assert [item.title.string for item in chinese.find_all("item")] == ["未译新闻", "已译新闻"]

    # Each column page advertises the feed in its own language.
    feeds = soup_of(get(client, "/en/zwdt/")).find_all("link", type="application/rss+xml")
    assert [link["href"] for link in feeds] == ["/en/zwdt/rss/"]
    # No English feed where the column is not translated.
    assert_notice_links_to(get(client, "/en/zwdt/rss/", host=COUNTY_B), "/zwdt/rss/", page_language="zh-Hans")
