"""A county article on its way through the release workflow (its people: `county_a_staff` in tests/conftest.py)."""

import pytest

from tests.factories import ArticlePageFactory


@pytest.fixture
def draft(site_group, county_a_staff):
    """An unpublished article written by county A's information officer."""
    column = site_group.county_a.home.get_children().get(slug="zwdt").specific
    article = ArticlePageFactory(parent=column, title="甲县召开防汛工作会议", slug="fangxun", live=False)
    article.owner = county_a_staff.officer
    article.save()
    article.save_revision(user=county_a_staff.officer)
    return article
