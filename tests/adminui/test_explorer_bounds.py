"""The explorer of a parent with very many children counts and pages through a bounded number of them."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from adminui.explorer import BoundedExplorableIndexView, BoundedPaginator
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db
LIMIT = 6


@pytest.fixture(autouse=True)
def low_limit(settings, monkeypatch):
    settings.EXPLORER_MAX_ROWS = LIMIT
    monkeypatch.setattr(BoundedExplorableIndexView, "paginate_by", 2)


def column_with(provisioned, count):
    column = Page.objects.child_of(provisioned.home).get(slug="zwdt")
    for number in range(column.get_children().count(), count):
        ArticlePageFactory(parent=column, title=f"栏目文章{number}")
    return column


def explore(client, column, **params):
    response = client.get(reverse("wagtailadmin_explore", args=[column.pk]), params)
    assert response.status_code == 200
    assert isinstance(response.context["view"], BoundedExplorableIndexView)
    return response


def test_a_huge_parent_pages_through_its_first_rows_only_and_says_how_to_find_the_rest(site_group, admin_client):
    column = column_with(site_group.portal, LIMIT + 3)
    first = explore(admin_client, column)
    assert first.context["paginator"].num_pages == LIMIT // 2
    assert f"{LIMIT}+" in first.context["paginator"].items_count_label
    assert any("筛选" in str(message) for message in get_messages(first.wsgi_request))
    # Past the bound: the last page offered, not an OFFSET past every child.
    last = explore(admin_client, column, p=100)
    assert last.context["page_obj"].number == LIMIT // 2
    assert len(last.context["pages"]) == 2


def test_sorting_by_menu_order_pages_a_huge_parent_instead_of_listing_every_child(site_group, admin_client):
    huge = explore(admin_client, column_with(site_group.portal, LIMIT + 1), ordering="ord")
    assert len(huge.context["pages"]) == 2
    small = explore(admin_client, Page.objects.child_of(site_group.county_a.home).get(slug="zwdt"), ordering="ord")
    assert small.context["page_obj"] is None  # drag and drop over every child, as Wagtail does


def test_a_parent_within_the_bound_is_paged_as_before(site_group, admin_client):
    column = column_with(site_group.portal, LIMIT)
    response = explore(admin_client, column)
    assert response.context["paginator"].count == LIMIT
    assert not response.context["paginator"].capped
    assert not list(get_messages(response.wsgi_request))


def test_searching_is_not_bounded_and_a_county_user_still_sees_only_their_site(site_group, admin_client, make_user):
    column = column_with(site_group.portal, LIMIT + 3)
    response = explore(admin_client, column, q="栏目文章")
    assert not isinstance(response.context["paginator"], BoundedPaginator)
    county = Client()
    county.force_login(make_user(site_group.county_a.groups["编辑"]))
    response = county.get(reverse("wagtailadmin_explore", args=[column.pk]))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_explore", args=[site_group.county_a.home.pk])
