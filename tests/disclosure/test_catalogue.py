"""The 政府信息公开目录: a site's own policies and articles with a 公开类别, by category and topic, with 索引号."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from disclosure.models import DisclosureCatalogPage, Topic
from govcms.core.tree import LISTING_PAGE_SIZE
from tests.factories import ArticlePageFactory
from tests.home.pages import column, fetch, texts
from tests.policy.utils import add_policy, issuing_body, library_of

pytestmark = pytest.mark.django_db

CATALOGUE_URL = "/zwgk/xxgkml/"


def notices(provisioned):
    return column(column(provisioned.home, "zwgk"), "tzgg")


def add_article(provisioned, title, *, category, topics=(), day=datetime.date(2024, 4, 1), **fields):
    article = ArticlePageFactory(
        parent=notices(provisioned),
        title=title,
        date=day,
        source="示例市政务服务中心",
        disclosure_category=category,
        **fields,
    )
    article.topics = list(topics)
    article.save_revision().publish()
    return article


def rows(soup):
    return [texts(row.select("td, th")) for row in soup.select("table.catalogue-table tbody tr")]


def listed_titles(soup):
    return [row[1] for row in rows(soup)]


@pytest.fixture
def topics():
    return Topic.objects.get(name="综合政务"), Topic.objects.get(name="科技、教育")


@pytest.fixture
def catalogue(site_group, topics):
    """The portal's catalogue with one policy and one article listed, and everything that must stay out."""
    general, education = topics
    portal = site_group.portal
    office = issuing_body(portal, "示例市人民政府办公室")
    policy = add_policy(library_of(portal), "关于加强政府网站建设的通知", bodies=[office], topics=[general])
    article = add_article(portal, "政务服务中心周末延时服务公告", category="service", topics=[education])
    add_article(portal, "没有公开类别的文章", category="")
    add_policy(library_of(portal), "尚未发布的文件", publish=False)
    private = add_article(portal, "受限栏目中的文章", category="service")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    add_policy(library_of(site_group.county_a), "甲县的文件")
    add_article(site_group.department, "教育局（下级站点）的公告", category="service")
    return policy, article


def test_provisioning_gives_every_site_a_catalogue_under_its_disclosure_column(site_group):
    for provisioned in (site_group.portal, site_group.county_a, site_group.department):
        catalogue = DisclosureCatalogPage.objects.child_of(column(provisioned.home, "zwgk")).get()
        assert (catalogue.slug, catalogue.title, catalogue.live) == ("xxgkml", "政府信息公开目录", True)


def test_the_catalogue_lists_its_own_sites_live_public_policies_and_articles(client, catalogue):
    policy, article = catalogue

    soup = fetch(client, CATALOGUE_URL)

    assert rows(soup) == [
        [article.index_number, article.title, "服务公开", "示例市政务服务中心", "2024-04-01"],
        [policy.index_number, policy.title, "决策公开", "示例市人民政府办公室", "2024-03-05"],
    ]
    assert all(row[0] for row in rows(soup))
    assert [link["href"] for link in soup.select("table.catalogue-table tbody a")] == [
        urlsplit(article.full_url).path,
        urlsplit(policy.full_url).path,
    ]
    table = soup.select_one("table.catalogue-table")
    assert "共 2 条" in table.caption.get_text()
    assert [th["scope"] for th in table.select("thead th")] == ["col"] * 5
    assert [th["scope"] for th in table.select("tbody th")] == ["row"] * 2


def test_a_sub_site_lists_its_own_items_in_its_own_catalogue(client, catalogue):
    assert listed_titles(fetch(client, CATALOGUE_URL, host="county-a.localhost")) == ["甲县的文件"]
    assert listed_titles(fetch(client, "/jyj/zwgk/xxgkml/")) == ["教育局（下级站点）的公告"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=decision", ["关于加强政府网站建设的通知"]),
        ("category=service", ["政务服务中心周末延时服务公告"]),
        ("category=result", []),
        ("topic={general}", ["关于加强政府网站建设的通知"]),
        ("topic={education}&category=service", ["政务服务中心周末延时服务公告"]),
        ("topic={education}&category=decision", []),
        ("category=nonsense&topic=999999", ["政务服务中心周末延时服务公告", "关于加强政府网站建设的通知"]),
    ],
)
def test_filters_by_category_and_topic(client, catalogue, topics, query, expected):
    general, education = topics
    soup = fetch(client, f"{CATALOGUE_URL}?{query.format(general=general.pk, education=education.pk)}")

    assert listed_titles(soup) == expected
    assert bool(soup.select(".form-error")) == ("nonsense" in query)


def test_category_tabs_count_within_the_topic_and_keep_it_in_their_links(client, catalogue, topics):
    _general, education = topics

    soup = fetch(client, f"{CATALOGUE_URL}?category=service&topic={education.pk}")

    tabs = soup.select("nav.catalogue-categories a")
    assert texts(tabs) == [
        "全部（1）",
        "决策公开（0）",
        "执行公开（0）",
        "管理公开（0）",
        "服务公开（1）",
        "结果公开（0）",
    ]
    assert tabs[0]["href"] == f"{CATALOGUE_URL}?topic={education.pk}"
    assert tabs[4]["href"] == f"{CATALOGUE_URL}?category=service&topic={education.pk}"
    assert [tab.get_text() for tab in soup.select('nav.catalogue-categories a[aria-current="page"]')] == [
        "服务公开（1）"
    ]
    assert soup.select_one('form.catalogue-filter input[name="category"]')["value"] == "service"
    assert soup.select_one(f'form.catalogue-filter option[value="{education.pk}"]').has_attr("selected")


def add_items(site_group, count, start):
    """`count` listed items, policies and articles alternately, one day apart from `start`."""
    library = library_of(site_group.portal)
    office = issuing_body(site_group.portal, "示例市人民政府办公室")
    for n in range(count):
        day = start + datetime.timedelta(days=n)
        if n % 2:
            add_article(
                site_group.portal, f"公告{start:%m%d}-{n}", category="result", day=day, slug=f"a-{start:%m%d}-{n}"
            )
        else:
            add_policy(
                library,
                f"文件{start:%m%d}-{n}",
                bodies=[office],
                written_date=day,
                publish_date=day,
                slug=f"p-{start:%m%d}-{n}",
            )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_catalogue_is_paginated_with_a_constant_number_of_queries(client, site_group):
    add_items(site_group, 3, datetime.date(2024, 1, 1))
    client.get(CATALOGUE_URL, HTTP_HOST="localhost")  # warm the site root path cache
    few = queries_for(client, CATALOGUE_URL)

    add_items(site_group, LISTING_PAGE_SIZE + 2, datetime.date(2024, 6, 1))

    assert queries_for(client, CATALOGUE_URL) == few
    assert queries_for(client, f"{CATALOGUE_URL}?category=result&page=2") == queries_for(
        client, f"{CATALOGUE_URL}?category=result"
    )
    first_page = fetch(client, CATALOGUE_URL)
    assert len(rows(first_page)) == LISTING_PAGE_SIZE
    assert all(row[3] == "示例市人民政府办公室" for row in rows(first_page) if row[1].startswith("文件"))
    last_page = fetch(client, f"{CATALOGUE_URL}?page=2")
    assert len(rows(last_page)) == 5
    assert rows(last_page)[-1][1] == "文件0101-0"
