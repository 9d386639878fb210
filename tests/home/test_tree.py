import pytest

from home.models import ArticlePage, ColumnPage, HomePage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (HomePage, HomePage, True),
        (ColumnPage, HomePage, True),
        (ColumnPage, ColumnPage, True),
        (ArticlePage, ColumnPage, True),
        (ArticlePage, HomePage, False),
        (HomePage, ColumnPage, False),
        (ColumnPage, ArticlePage, False),
        (ArticlePage, ArticlePage, False),
    ],
)
def test_parent_and_child_type_rules(child, parent, allowed):
    assert child.can_create_at(parent()) is allowed
