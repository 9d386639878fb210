"""A county article on its way through the release workflow, and the people who move it."""

from dataclasses import dataclass

import pytest

from tests.factories import ArticlePageFactory


@dataclass
class Staff:
    officer: object
    reviewer: object
    approver: object
    administrator: object


@pytest.fixture
def county_a_staff(site_group, make_user):
    groups = site_group.county_a.groups
    return Staff(
        officer=make_user(groups["信息员"]),
        reviewer=make_user(groups["审核"]),
        approver=make_user(groups["签发"]),
        administrator=make_user(groups["管理员"]),
    )


@pytest.fixture
def draft(site_group, county_a_staff):
    """An unpublished article written by county A's information officer."""
    column = site_group.county_a.home.get_children().get(slug="zwdt").specific
    article = ArticlePageFactory(parent=column, title="甲县召开防汛工作会议", slug="fangxun", live=False)
    article.owner = county_a_staff.officer
    article.save()
    article.save_revision(user=county_a_staff.officer)
    return article
