"""Content of two sibling counties, and their staff, for the isolation tests."""

from dataclasses import dataclass

import pytest
import wagtail_factories
from wagtail.models import Page

from home.models import ArticlePage
from tests.factories import ArticlePageFactory


@dataclass
class CountyContent:
    column: Page
    article: ArticlePage
    image: object
    document: object


def _county_content(provisioned, label):
    """A published article with a later draft (so revisions can be compared), an image and a document."""
    column = provisioned.home.get_children().get(slug="zwdt").specific
    article = ArticlePageFactory(parent=column, title=f"{label}政务动态", slug=f"{label}-news")
    article.save_revision().publish()
    article.title = f"{label}政务动态（修改稿）"
    article.save_revision()
    article.refresh_from_db()
    image = wagtail_factories.ImageFactory(title=f"{label}图片", collection=provisioned.collection)
    document = wagtail_factories.DocumentFactory(title=f"{label}文件", collection=provisioned.collection)
    return CountyContent(column=column, article=article, image=image, document=document)


@pytest.fixture
def county_a(site_group):
    return _county_content(site_group.county_a, "甲县")


@pytest.fixture
def county_b(site_group):
    return _county_content(site_group.county_b, "乙县")


@pytest.fixture
def county_a_user(site_group, make_user):
    """A user in one of county A's role groups, e.g. county_a_user("编辑")."""

    def _user(role):
        return make_user(site_group.county_a.groups[role])

    return _user
