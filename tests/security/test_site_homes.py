"""Only provisioning opens a site: nobody adds a site home (HomePage) in the page editor.

A home added by hand would be a site without its collection, role groups and workflows, and Wagtail lets
anyone with add rights at a site home add one below it: a county's editors and administrators included.
"""

import pytest
from django.urls import reverse

from home.models import HomePage
from tests.sitegroup.utils import assert_refused

ROLES = ["编辑", "管理员"]


def add_home_url(parent):
    return reverse("wagtailadmin_pages:add", args=["home", "homepage", parent.pk])


@pytest.mark.parametrize("role", ROLES)
def test_the_page_types_offered_at_a_site_home_leave_out_the_site_home(client, site_group, make_user, role):
    home = site_group.county_a.home
    client.force_login(make_user(site_group.county_a.groups[role]))

    response = client.get(reverse("wagtailadmin_pages:add_subpage", args=[home.pk]))

    assert response.status_code == 200
    assert add_home_url(home) not in response.content.decode()
    assert reverse("wagtailadmin_pages:add", args=["home", "columnpage", home.pk]) in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_the_create_view_refuses_a_site_home(client, site_group, make_user, role, method):
    home = site_group.county_a.home
    homes = HomePage.objects.count()
    client.force_login(make_user(site_group.county_a.groups[role]))

    data = {"title": "自建站点", "slug": "zijian", "kind": "county", "intro": ""} if method == "post" else None
    response = getattr(client, method)(add_home_url(home), data)

    assert_refused(response)
    assert HomePage.objects.count() == homes


def test_a_superuser_cannot_add_one_by_hand_either(client, site_group, make_user):
    client.force_login(make_user(is_superuser=True))
    assert_refused(client.get(add_home_url(site_group.portal.home)))
