"""A site is not public until its mandatory identity is filled in (sitegroup/holding.py)."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page

from home.models import HomePage
from sitegroup.models import SiteIdentity
from sitegroup.platform import SYSTEM_ADMIN_GROUP
from sitegroup.provisioning import provision_subsite
from tests.factories import ArticlePageFactory, UserFactory, site_identity
from tests.sitegroup.utils import message_texts

pytestmark = pytest.mark.django_db

HOST = "county-c.localhost"
HELD = "网站建设中"


@pytest.fixture
def platform_admin(db):
    return UserFactory(groups=[Group.objects.get(name=SYSTEM_ADMIN_GROUP)])


def open_county_c(client, site_group, **identity):
    """Open 丙县 through Settings → 开设下级站点, as a platform administrator does."""
    data = {"parent": site_group.portal.home.pk, "name": "丙县人民政府", "slug": "county-c", "kind": "county"}
    response = client.post(reverse("sitegroup_provision_subsite"), {**data, "hostname": HOST, "port": 80, **identity})
    assert response.status_code == 302, response.context["form"].errors
    return response


def assert_held(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "3600"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert HELD in html and '<meta name="robots" content="noindex">' in html
    assert "政务公开" not in html


def test_a_site_opened_without_its_identity_is_held_until_it_is_filled_in(client, site_group, platform_admin):
    client.force_login(platform_admin)
    response = open_county_c(client, site_group)
    assert (
        "“丙县人民政府”尚未向公众开放：请在“设置 → 网站标识”中填写政府网站标识码、ICP备案号、公安机关备案号、主办单位，"
        "填写完整后即对公众开放。"
    ) in message_texts(client.get(response.url))
    # Those who open sites check them before they open.
    assert client.get("/zwgk/", headers={"host": HOST}).status_code == 200
    client.logout()

    assert_held(client.get("/", headers={"host": HOST}))
    assert_held(client.get("/zwgk/", headers={"host": HOST}))
    assert_held(client.get("/search/?q=政务", headers={"host": HOST}))
    # Its pages under the portal's hostname too; the portal itself is public.
    assert_held(client.get("/county-c/zwgk/"))
    assert client.get("/").status_code == 200
    # Staff still reach the admin on the site's hostname.
    assert client.get(reverse("wagtailadmin_login"), headers={"host": HOST}).status_code == 200


def test_the_sites_staff_see_the_real_pages_but_never_from_a_cache(client, site_group, platform_admin, make_user):
    client.force_login(platform_admin)
    open_county_c(client, site_group)
    editor = make_user(Group.objects.get(name="丙县人民政府编辑"))
    other_county = make_user(site_group.county_b.groups["编辑"])

    client.force_login(editor)
    response = client.get("/zwgk/", headers={"host": HOST})
    assert response.status_code == 200
    assert "政务公开" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert client.get("/county-c/zwgk/").status_code == 200

    client.force_login(other_county)
    assert_held(client.get("/", headers={"host": HOST}))


def test_the_site_opens_once_its_administrator_completes_the_identity(client, site_group, platform_admin, make_user):
    client.force_login(platform_admin)
    open_county_c(client, site_group)
    site = HomePage.objects.get(slug="county-c").get_site()
    url = reverse("wagtailsettings:edit", args=["sitegroup", "siteidentity", site.pk])
    client.force_login(make_user(site_group.county_a.groups["管理员"]))
    assert "站点尚未向公众开放" not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(make_user(Group.objects.get(name="丙县人民政府管理员")))
    # The dashboard tells them, with the way to it.
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "站点尚未向公众开放" in dashboard and url in dashboard

    data = {"site_name": "丙县人民政府", "show_party_government_mark": "on", **site_identity(9)}
    assert client.post(url, data).status_code == 302
    assert "站点尚未向公众开放" not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.logout()

    response = client.get("/", headers={"host": HOST})
    assert response.status_code == 200
    assert HELD not in response.content.decode()


def test_a_site_opened_with_its_identity_is_public_at_once(client, site_group, platform_admin):
    client.force_login(platform_admin)
    response = open_county_c(client, site_group, **site_identity(9))
    assert not any("尚未向公众开放" in message for message in message_texts(client.get(response.url)))
    client.logout()

    assert client.get("/", headers={"host": HOST}).status_code == 200


def test_identity_needs_a_hostname_of_its_own(client, site_group, platform_admin):
    client.force_login(platform_admin)
    data = {"parent": site_group.portal.home.pk, "name": "丙县人民政府", "slug": "county-c", "kind": "county"}

    response = client.post(reverse("sitegroup_provision_subsite"), {**data, "port": 80, **site_identity(9)})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["hostname"]
    assert not HomePage.objects.filter(slug="county-c").exists()


def test_provisioning_refuses_an_invalid_identity(site_group):
    with pytest.raises(ValidationError) as error:
        provision_subsite(
            parent=site_group.portal.home,
            name="丙县人民政府",
            slug="county-c",
            kind="county",
            hostname=HOST,
            identity={"identifier_code": "12345"},
        )
    assert list(error.value.message_dict) == ["identifier_code"]
    assert not HomePage.objects.filter(slug="county-c").exists()


# --- Nothing of a held site is advertised by the sites above it --------------------------------------------------


def hold_county_a(site_group):
    SiteIdentity.objects.filter(site=site_group.county_a.site).update(icp_number="")


def test_the_portals_aggregating_column_leaves_a_held_county_out(client, site_group):
    portal_news = Page.objects.child_of(site_group.portal.home).get(slug="zwdt").specific
    portal_news.aggregate_subsites = True
    portal_news.save_revision().publish()
    for county in (site_group.county_a, site_group.county_b):
        column = Page.objects.child_of(county.home).get(slug="zwdt")
        ArticlePageFactory(parent=column, title=f"{county.home.title}新闻", slug="news")
    hold_county_a(site_group)

    titles = client.get("/zwdt/").content.decode()

    assert "乙县人民政府新闻" in titles
    assert "甲县人民政府新闻" not in titles


@pytest.mark.search_index
def test_the_portals_search_leaves_a_held_county_out(client, site_group):
    for county in (site_group.county_a, site_group.county_b):
        column = Page.objects.child_of(county.home).get(slug="zwdt")
        ArticlePageFactory(parent=column, title=f"{county.home.title}供暖通知", slug="heating")
    hold_county_a(site_group)

    response = client.get("/search/", {"q": "供暖通知", "scope": "group"})

    assert [hit["url"] for hit in response.context["results"]] == ["/county-b/zwdt/heating/"]
    assert site_group.county_a.home.pk not in [site.pk for site in response.context["sites"].sites]
