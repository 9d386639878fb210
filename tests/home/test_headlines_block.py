"""The 要闻 block (home.blocks.HeadlinesBlock) when its column holds a single article with a cover image."""

import pytest
from wagtail_factories import ImageFactory

from tests.factories import ArticlePageFactory
from tests.home.pages import column, fetch

pytestmark = pytest.mark.django_db


def test_a_lone_lead_article_is_not_flanked_by_no_information(client, site_group):
    image = ImageFactory(title="会场", description="校园安全工作会议现场")
    ArticlePageFactory(parent=column(site_group.county_a.home), title="唯一要闻", slug="only-news", cover_image=image)

    block = fetch(client, "/", host="county-a.localhost").select_one(".home-headlines")

    assert block.select_one(".home-headlines__lead-title").get_text() == "唯一要闻"
    assert block.select_one(".empty") is None
