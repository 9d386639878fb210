"""Public pages cost a fixed number of database queries, however much content they list.

Each page is fetched once to warm the caches a running site keeps warm (Wagtail's
site root paths, content types, image renditions), then counted on a second fetch.
The budgets record today's counts so that a change adding queries is noticed.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_factories import DocumentFactory, ImageFactory

from home.models import ArticleAttachment
from tests.factories import ArticlePageFactory
from tests.home.pages import add_articles, column

pytestmark = pytest.mark.django_db

# An aggregating column reads which sub-sites are not yet public (govcms.core.visibility): one query more.
# "home" is a home page with every block (tests/home/test_home_blocks.py): one query per listing, one for
# the sites not yet public (home.blocks.home_context).
# A column's entries (sub-columns, services: home.entries) cost two, plus one per page type listed.
BUDGET = {"home": 22, "column": 21, "aggregating column": 22, "article": 17}


def count_queries(client, url, host="localhost"):
    client.get(url, HTTP_HOST=host)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200
    return len(queries)


def test_column_costs_the_same_with_3_or_25_articles(client, site_group):
    add_articles(column(site_group.county_a.home), 3)
    add_articles(column(site_group.county_b.home), 25)

    short = count_queries(client, "/zwdt/", host="county-a.localhost")
    long = count_queries(client, "/zwdt/", host="county-b.localhost")
    second_page = count_queries(client, "/zwdt/?page=2", host="county-b.localhost")

    assert short == long == second_page <= BUDGET["column"]


def test_home_page_costs_the_same_however_much_it_lists(client, site_group):
    add_articles(column(site_group.county_a.home), 1)
    add_articles(column(site_group.county_b.home), 12)
    add_articles(column(site_group.portal.home), 12)

    county_a = count_queries(client, "/", host="county-a.localhost")
    county_b = count_queries(client, "/", host="county-b.localhost")
    portal = count_queries(client, "/")  # also lists its three sub-sites

    assert county_a == county_b == portal <= BUDGET["home"]


def test_aggregating_column_costs_the_same_for_1_or_3_sub_sites_of_content(client, site_group):
    portal_news = column(site_group.portal.home)
    portal_news.aggregate_subsites = True
    portal_news.save_revision().publish()
    add_articles(column(site_group.county_a.home), 2, slug="a")

    one_site = count_queries(client, "/zwdt/")
    add_articles(column(site_group.county_b.home), 10, slug="b")
    add_articles(column(site_group.department.home), 10, slug="d")
    three_sites = count_queries(client, "/zwdt/")

    assert one_site == three_sites <= BUDGET["aggregating column"]


def article_with_blocks(parent, slug, count):
    """An article with `count` blocks of every body block type and `count` attachments."""
    body = []
    for n in range(count):
        image = ImageFactory(title=f"图片{n}")
        document = DocumentFactory(title=f"文件{n}", file__filename=f"file{n}.pdf")
        body += [
            {"type": "paragraph", "value": f'<p>第{n}段，详见<a href="https://www.gov.cn/">中国政府网</a>。</p>'},
            {"type": "heading", "value": {"text": f"小标题{n}", "level": "h2"}},
            {
                "type": "image",
                "value": {"image": {"image": image.pk, "alt_text": "会议现场", "decorative": False}, "caption": "图注"},
            },
            {"type": "document", "value": {"document": document.pk, "title": ""}},
            {
                "type": "table",
                "value": {"data": [["项目", "数量"], ["学校", "12"]], "first_row_is_table_header": True},
            },
            {"type": "quote", "value": {"text": "引文", "attribution": "出处"}},
        ]
    article = ArticlePageFactory(parent=parent, slug=slug, body=body, date=datetime.date(2024, 1, 1))
    for n in range(count):
        ArticleAttachment.objects.create(page=article, document=DocumentFactory(title=f"附件{n}"), sort_order=n)
    return article


def test_article_costs_the_same_however_many_blocks_and_attachments_it_has(client, site_group):
    news = column(site_group.portal.home)
    article_with_blocks(news, "small", 1)
    article_with_blocks(news, "large", 4)

    small = count_queries(client, "/zwdt/small/")
    large = count_queries(client, "/zwdt/large/")

    assert small == large <= BUDGET["article"]


def test_article_body_renders_every_block_type(client, site_group):
    article_with_blocks(column(site_group.portal.home), "blocks", 2)

    html = client.get("/zwdt/blocks/", HTTP_HOST="localhost").content.decode()

    assert html.count('<h2 class="body-heading">') == 2
    assert html.count('alt="会议现场"') == 2
    assert html.count("<figcaption>图注</figcaption>") == 2
    assert html.count('<p class="body-document">') == 2
    assert html.count('<div class="table-wrap">') == 2
    assert html.count("<blockquote>") == 2
    assert html.count('href="https://www.gov.cn/"') == 2
