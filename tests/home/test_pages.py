"""Public pages of the portal and its sub-sites, fetched on their own hostnames."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from govcms.core.tree import LISTING_PAGE_SIZE
from tests.factories import ArticlePageFactory
from tests.home.pages import (
    add_articles,
    breadcrumb,
    canonical,
    column,
    column_nav_links,
    fetch,
    listing_links,
    listing_titles,
    texts,
)
from translations.models import SiteLanguage

pytestmark = pytest.mark.django_db


def test_home_column_and_article_pages_answer_on_their_own_hostnames(client, site_group):
    county_article = ArticlePageFactory(parent=column(site_group.county_a.home), title="甲县召开会议", slug="meeting")
    department_article = ArticlePageFactory(
        parent=column(site_group.department.home), title="教育局通知", slug="notice"
    )

    assert fetch(client, "/").h1.get_text() == "示例市人民政府"
    assert fetch(client, "/", host="county-a.localhost").h1.get_text() == "甲县人民政府"
    assert fetch(client, "/zwdt/", host="county-a.localhost").h1.get_text() == "政务动态"
    assert fetch(client, "/zwdt/meeting/", host="county-a.localhost").h1.get_text() == county_article.title
    # A department without a hostname of its own lives under the portal's.
    assert fetch(client, "/jyj/").h1.get_text() == "示例市教育局"
    assert fetch(client, "/jyj/zwdt/notice/").h1.get_text() == department_article.title


def test_breadcrumb_runs_from_the_visited_sites_home_to_the_page(client, site_group):
    ArticlePageFactory(parent=column(site_group.county_a.home), title="甲县召开会议", slug="meeting")
    ArticlePageFactory(parent=column(site_group.department.home), title="教育局通知", slug="notice")

    assert breadcrumb(fetch(client, "/zwdt/meeting/", host="county-a.localhost")) == [
        "首页",
        "政务动态",
        "甲县召开会议",
    ]
    assert breadcrumb(fetch(client, "/jyj/zwdt/notice/")) == ["首页", "示例市教育局", "政务动态", "教育局通知"]
    assert breadcrumb(fetch(client, "/zwgk/zcwj/")) == ["首页", "政务公开", "政策文件"]
    assert breadcrumb(fetch(client, "/")) == ["首页"]


def test_breadcrumb_links_every_step_but_the_current_page(client, site_group):
    ArticlePageFactory(parent=column(site_group.department.home), title="教育局通知", slug="notice")

    soup = fetch(client, "/jyj/zwdt/notice/")

    assert [link["href"] for link in soup.select("nav.breadcrumbs a")] == ["/", "/jyj/", "/jyj/zwdt/"]
    assert soup.select_one('nav.breadcrumbs [aria-current="page"]').get_text() == "教育局通知"


def test_column_navigation_shows_the_columns_of_the_pages_own_site(client, site_group):
    ArticlePageFactory(parent=column(site_group.department.home), title="教育局通知", slug="notice")
    # The 突发事件 index (tfsj) is in the menu too: no other page links to it.
    top_columns = ["zwgk", "zwdt", "hdjl", "bsfw", "tfsj"]

    assert column_nav_links(fetch(client, "/")) == ["/"] + [f"/{slug}/" for slug in top_columns]
    # A department page served on the portal's hostname shows the department's columns.
    assert column_nav_links(fetch(client, "/jyj/zwdt/notice/")) == ["/jyj/"] + [f"/jyj/{slug}/" for slug in top_columns]
    assert column_nav_links(fetch(client, "/zwdt/", host="county-a.localhost")) == ["/"] + [
        f"/{slug}/" for slug in top_columns
    ]


def test_column_navigation_marks_the_current_column(client, site_group):
    ArticlePageFactory(parent=column(site_group.portal.home), title="新闻", slug="news")

    on_column = fetch(client, "/zwdt/")
    on_article = fetch(client, "/zwdt/news/")

    assert [(a["href"], a["aria-current"]) for a in on_column.select("nav.column-nav a[aria-current]")] == [
        ("/zwdt/", "page")
    ]
    assert [(a["href"], a["aria-current"]) for a in on_article.select("nav.column-nav a[aria-current]")] == [
        ("/zwdt/", "true")
    ]


def test_column_lists_its_articles_newest_first_by_date_then_creation(client, site_group):
    """Articles of one date come newest written first (the page id, which the listing index holds), whatever
    their publication times (first_published_at is on another table: ordering by it would need a sort)."""
    news = column(site_group.portal.home)
    now = timezone.now()
    ArticlePageFactory(parent=news, title="旧闻", slug="old", date=datetime.date(2024, 1, 1), first_published_at=now)
    ArticlePageFactory(
        parent=news,
        title="当天先写",
        slug="written-first",
        date=datetime.date(2024, 3, 1),
        first_published_at=now + datetime.timedelta(hours=1),
    )
    ArticlePageFactory(
        parent=news, title="当天后写", slug="written-later", date=datetime.date(2024, 3, 1), first_published_at=now
    )
    draft = ArticlePageFactory(parent=news, title="草稿", slug="draft", date=datetime.date(2024, 5, 1))
    draft.unpublish()

    soup = fetch(client, "/zwdt/")

    assert listing_titles(soup) == ["当天后写", "当天先写", "旧闻"]
    assert [time.get_text() for time in soup.select(".article-list time")] == ["2024-03-01", "2024-03-01", "2024-01-01"]


def test_parent_column_lists_the_articles_of_its_sub_columns(client, site_group):
    ArticlePageFactory(parent=column(site_group.portal.home, "zwgk").get_children().get(slug="tzgg"), title="通知")

    assert listing_titles(fetch(client, "/zwgk/")) == ["通知"]
    assert [link.get_text() for link in fetch(client, "/zwgk/").select("nav.column-entries a")] == [
        "政策文件",
        "政策解读",
        "通知公告",
        "政府信息公开目录",
    ]


def test_column_listing_is_paginated(client, site_group):
    add_articles(column(site_group.portal.home), LISTING_PAGE_SIZE + 5)
    newest = f"文章{LISTING_PAGE_SIZE + 4}"

    first = fetch(client, "/zwdt/")
    second = fetch(client, "/zwdt/?page=2")

    assert len(listing_titles(first)) == LISTING_PAGE_SIZE
    assert listing_titles(first)[0] == newest
    assert listing_titles(second) == [f"文章{n}" for n in range(4, -1, -1)]
    assert first.select_one('.pagination a[rel="next"]')["href"] == "?page=2"
    assert second.select_one('.pagination a[rel="prev"]')["href"] == "?page=1"
    assert second.select_one(".pagination__status").get_text() == "第 2 页，共 2 页"
    assert [(link.get_text(), link["href"]) for link in second.select(".pagination__pages a")] == [("第1页", "?page=1")]
    assert second.select_one('.pagination__pages [aria-current="page"]').get_text() == "第2页"
    assert canonical(first) == "http://localhost/zwdt/"
    assert canonical(second) == "http://localhost/zwdt/?page=2"


@pytest.mark.search_index
def test_search_result_pages_keep_the_query(client, site_group):
    add_articles(column(site_group.portal.home), 12, title="防汛 通知")

    soup = fetch(client, "/search/?q=防汛")

    assert soup.select_one('.pagination a[rel="next"]')["href"] == "?q=%E9%98%B2%E6%B1%9B&page=2"


@pytest.mark.parametrize(
    ("page", "expected_first"), [("abc", "文章24"), ("0", "文章4"), ("99", "文章4"), ("", "文章24")]
)
def test_bad_page_numbers_fall_back_to_a_real_page(client, site_group, page, expected_first):
    add_articles(column(site_group.portal.home), LISTING_PAGE_SIZE + 5)

    soup = fetch(client, f"/zwdt/?page={page}")

    assert listing_titles(soup)[0] == expected_first


def test_empty_column_says_so(client, site_group):
    soup = fetch(client, "/hdjl/")

    assert soup.select_one("main .empty").get_text() == "暂无信息。"
    assert soup.select(".pagination") == []


@pytest.fixture
def aggregating_column(site_group):
    """区县动态 on the portal: the latest articles of every sub-site."""
    page = column(site_group.portal.home)
    page.aggregate_subsites = True
    page.save_revision().publish()
    ArticlePageFactory(parent=page, title="门户自己的新闻", slug="portal-news", date=datetime.date(2024, 6, 1))
    ArticlePageFactory(
        parent=column(site_group.county_a.home), title="甲县新闻", slug="county-news", date=datetime.date(2024, 5, 3)
    )
    ArticlePageFactory(
        parent=column(site_group.department.home), title="教育局新闻", slug="jyj-news", date=datetime.date(2024, 5, 2)
    )
    ArticlePageFactory(
        parent=column(site_group.county_b.home, "zwgk").get_children().get(slug="tzgg"),
        title="乙县通知",
        slug="county-notice",
        date=datetime.date(2024, 5, 1),
    )
    return page


def test_aggregating_column_lists_the_latest_articles_of_every_sub_site(client, aggregating_column):
    soup = fetch(client, "/zwdt/")

    assert listing_titles(soup) == ["甲县新闻", "教育局新闻", "乙县通知"]
    assert [site.get_text() for site in soup.select(".article-list__site")] == [
        "甲县人民政府",
        "示例市教育局",
        "乙县人民政府",
    ]


def test_aggregating_column_links_to_each_articles_canonical_url_on_its_own_site(client, aggregating_column):
    assert listing_links(fetch(client, "/zwdt/")) == [
        "http://county-a.localhost/zwdt/county-news/",
        # The department has no hostname: its canonical address is under the portal's.
        "http://localhost/jyj/zwdt/jyj-news/",
        "http://county-b.localhost/zwgk/tzgg/county-notice/",
    ]


def test_aggregating_column_leaves_out_unpublished_and_private_sub_sites(client, site_group, aggregating_column):
    site_group.county_b.home.unpublish()
    PageViewRestriction.objects.create(page=site_group.department.home, restriction_type=PageViewRestriction.LOGIN)

    assert listing_titles(fetch(client, "/zwdt/")) == ["甲县新闻"]


def test_home_page_lists_its_own_sites_latest_articles_and_its_sub_sites(client, site_group):
    add_articles(column(site_group.portal.home), 3, title="门户新闻", slug="portal")
    add_articles(column(site_group.county_a.home), 2, title="甲县新闻", slug="county")

    portal = fetch(client, "/")
    county = fetch(client, "/", host="county-a.localhost")

    # The 要闻 and 下级站点 blocks of the default home page (home.blocks; tests/home/test_home_blocks.py).
    assert texts(portal.select(".home-headlines .home-list__title")) == ["门户新闻2", "门户新闻1", "门户新闻0"]
    assert [a["href"] for a in portal.select(".home-sites__link")] == [
        "http://county-a.localhost/",
        "http://county-b.localhost/",
        "http://localhost/jyj/",
    ]
    assert texts(county.select(".home-headlines .home-list__title")) == ["甲县新闻1", "甲县新闻0"]
    assert county.select(".home-sites") == []


def test_every_page_type_has_its_canonical_url(client, site_group):
    ArticlePageFactory(parent=column(site_group.county_a.home), title="甲县新闻", slug="news")

    assert canonical(fetch(client, "/")) == "http://localhost/"
    assert canonical(fetch(client, "/", host="county-a.localhost")) == "http://county-a.localhost/"
    assert canonical(fetch(client, "/zwdt/", host="county-a.localhost")) == "http://county-a.localhost/zwdt/"
    assert canonical(fetch(client, "/zwdt/news/", host="county-a.localhost")) == "http://county-a.localhost/zwdt/news/"
    # The same article reached through the portal's tree names the county's address as canonical.
    assert canonical(fetch(client, "/county-a/zwdt/news/")) == "http://county-a.localhost/zwdt/news/"
    assert canonical(fetch(client, "/jyj/zwdt/")) == "http://localhost/jyj/zwdt/"
    assert canonical(fetch(client, "/search/?q=新闻")) == "http://localhost/search/"


def test_article_page_shows_its_metadata_and_attachments(client, site_group):
    from wagtail_factories import DocumentFactory

    from home.models import ArticleAttachment

    article = ArticlePageFactory(
        parent=column(site_group.portal.home),
        title="关于开展检查的通知",
        slug="notice",
        date=datetime.date(2024, 7, 9),
        source="市政府办公室",
        author="张三",
    )
    document = DocumentFactory(title="检查方案", file__filename="plan.pdf")
    ArticleAttachment.objects.create(page=article, document=document, sort_order=0)
    ArticleAttachment.objects.create(page=article, document=document, title="附表", sort_order=1)

    soup = fetch(client, "/zwdt/notice/")

    assert (
        " ".join(soup.select_one(".article-meta").get_text().split())
        == "发布日期：2024-07-09 来源：市政府办公室 作者：张三"
    )
    assert soup.select_one(".article-meta time")["datetime"] == "2024-07-09"
    assert [" ".join(li.get_text().split()) for li in soup.select(".attachments li")] == [
        "检查方案（PDF）",
        "附表（PDF）",
    ]


def test_user_typed_titles_are_escaped_everywhere_they_appear(client, site_group):
    script = "<script>alert(1)</script>"
    news = column(site_group.county_a.home)
    news.aggregate_subsites = False
    ArticlePageFactory(parent=news, title=script, slug="xss")
    site_group.county_b.home.title = script
    site_group.county_b.home.save_revision().publish()

    listing = client.get("/zwdt/", HTTP_HOST="county-a.localhost").content.decode()
    article = client.get("/zwdt/xss/", HTTP_HOST="county-a.localhost").content.decode()

    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert script not in listing
    assert script not in article
    assert f'<a class="article-list__title" href="http://county-a.localhost/zwdt/xss/">{escaped}</a>' in listing
    assert f"<title>{escaped} - 甲县人民政府</title>" in article
    assert f'<span aria-current="page">{escaped}</span>' in article
    assert f'<h1 class="page-title">{escaped}</h1>' in article
    # 站群导航 shows the renamed county.
    assert f'<a href="http://county-b.localhost/">{escaped}</a>' in article


@pytest.fixture
def english(site_group):
    """English versions of the portal home and of one county article; both sites offer English (pages link only
    to translations in languages their site offers, translations.templatetags.translation_tags)."""
    en = Locale.objects.get(language_code="en")
    for provisioned in (site_group.portal, site_group.county_a):
        SiteLanguage.objects.create(home=provisioned.home, language_code="en")
    article = ArticlePageFactory(parent=column(site_group.county_a.home), title="甲县新闻", slug="news")
    home_en = site_group.portal.home.copy_for_translation(en)
    home_en.title = "Example City"
    home_en.save_revision().publish()
    article_en = article.copy_for_translation(en, copy_parents=True)
    article_en.title = "County news"
    article_en.save_revision().publish()
    return article_en


def test_chinese_pages_link_to_their_english_version(client, english):
    soup = fetch(client, "/zwdt/news/", host="county-a.localhost")

    assert soup.html["lang"] == "zh-Hans"
    link = soup.select_one(".language-links a")
    assert (link.get_text(), link["href"], link["lang"], link["hreflang"]) == ("English", "/en/zwdt/news/", "en", "en")
    assert {tag["hreflang"]: tag["href"] for tag in soup.select('link[rel="alternate"]')} == {
        "zh-Hans": "http://county-a.localhost/zwdt/news/",
        "en": "http://county-a.localhost/en/zwdt/news/",
        "x-default": "http://county-a.localhost/zwdt/news/",
    }


def test_english_pages_are_marked_english_and_link_back(client, english):
    article = fetch(client, "/en/zwdt/news/", host="county-a.localhost")
    home = fetch(client, "/en/")

    assert article.html["lang"] == "en"
    assert article.h1.get_text() == "County news"
    assert canonical(article) == "http://county-a.localhost/en/zwdt/news/"
    link = article.select_one(".language-links a")
    assert (link.get_text(), link["href"], link["lang"]) == ("简体中文", "/zwdt/news/", "zh-Hans")
    assert home.html["lang"] == "en"
    assert home.h1.get_text() == "Example City"


def test_pages_without_a_translation_show_no_language_links(client, site_group):
    assert fetch(client, "/").select(".language-links") == []
