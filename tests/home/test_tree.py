import pytest

from disclosure.models import DisclosureCatalogPage
from home.models import ArticlePage, ColumnPage, HomePage
from policy.models import InterpretationIndexPage, PolicyIndexPage

pytestmark = pytest.mark.django_db

INDEX_PAGES = (PolicyIndexPage, InterpretationIndexPage, DisclosureCatalogPage)


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        # Only provisioning opens a site (tests/security/test_site_homes.py); a home may exist under a home.
        (HomePage, HomePage, False),
        (ColumnPage, HomePage, True),
        (ColumnPage, ColumnPage, True),
        (ArticlePage, ColumnPage, True),
        (ArticlePage, HomePage, False),
        (HomePage, ColumnPage, False),
        (ColumnPage, ArticlePage, False),
        (ArticlePage, ArticlePage, False),
        # The index pages are columns too (AbstractColumnPage), placed like one; only ColumnPage holds articles.
        *((index_page, parent, True) for index_page in INDEX_PAGES for parent in (HomePage, ColumnPage)),
        *((ArticlePage, index_page, False) for index_page in INDEX_PAGES),
        *((ColumnPage, index_page, False) for index_page in INDEX_PAGES),
        *((index_page, ArticlePage, False) for index_page in INDEX_PAGES),
    ],
)
def test_parent_and_child_type_rules(child, parent, allowed):
    assert child.can_create_at(parent()) is allowed
