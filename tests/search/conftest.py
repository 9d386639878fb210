import datetime

import pytest

from home.models import ColumnPage
from tests.factories import ArticlePageFactory


def paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


def news_column(home):
    return ColumnPage.objects.child_of(home).get(slug="zwdt")


def add_article(home, title, body="", *, date=datetime.date(2024, 5, 1), **kwargs):
    return ArticlePageFactory(
        parent=news_column(home), title=title, body=paragraph(body) if body else [], date=date, **kwargs
    )


@pytest.fixture
def article(site_group):
    return add_article(
        site_group.portal.home,
        "国务院办公厅关于加强政府网站信息内容建设的意见",
        "各省、自治区、直辖市人民政府：为加强政府网站信息内容建设，推进 Wagtail 2024 年数据开放，经国务院同意。",
    )


@pytest.fixture(autouse=True)
def _indexed(search_index):
    """Every test here searches: pages are indexed as they are saved, as in production."""
