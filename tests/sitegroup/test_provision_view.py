"""Settings → 开设下级站点: who sees and uses it, and what it creates."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageLogEntry

from home.models import HomePage
from tests.factories import UserFactory
from tests.sitegroup.utils import assert_refused_with_message, counts, message_texts

pytestmark = pytest.mark.django_db

URL_NAME = "sitegroup_provision_subsite"


@pytest.fixture
def platform_admin(db):
    """Not a superuser: only admin access and the provisioning permission, as the 平台管理员 group has."""
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="sitegroup", codename="provision_subsite"),
    )
    return user


def county_c(parent, **changes):
    return {"parent": parent.pk, "name": "丙县人民政府", "slug": "county-c", "kind": "county", "port": 80, **changes}


def test_the_form_offers_the_live_sites_as_parents(client, site_group, platform_admin):
    client.force_login(platform_admin)
    response = client.get(reverse(URL_NAME))
    assert response.status_code == 200
    parent = response.context["form"].fields["parent"]
    # In tree order, indented by depth (with ideographic spaces).
    assert [label for _value, label in parent.choices] == [
        "示例市人民政府",
        "\u3000甲县人民政府",
        "\u3000乙县人民政府",
        "\u3000示例市教育局",
    ]
    assert parent.required
    assert "无：这是门户网站本身" not in response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_a_platform_administrator_opens_a_county(client, site_group, platform_admin):
    client.force_login(platform_admin)
    response = client.post(reverse(URL_NAME), county_c(site_group.portal.home, hostname="county-c.localhost"))

    county = HomePage.objects.get(slug="county-c")
    assert county.get_parent().pk == site_group.portal.home.pk
    # Without page permissions the explorer is closed to them: they are sent back to the form.
    assert response.url == reverse(URL_NAME)
    message, *warnings = message_texts(client.get(response.url))
    assert any(warning.startswith("“丙县人民政府”尚未向公众开放") for warning in warnings)
    assert message.startswith("已开设“丙县人民政府”：站点首页与标准栏目、站点域名 county-c.localhost、图片与文件库、")
    entry = PageLogEntry.objects.get(page=county, action="sitegroup.provision")
    assert entry.user == platform_admin


def test_a_superuser_is_taken_to_the_new_site_in_the_explorer(client, site_group, make_user):
    client.force_login(make_user(is_superuser=True))
    response = client.post(reverse(URL_NAME), county_c(site_group.county_a.home, kind="department"))
    department = HomePage.objects.get(slug="county-c")
    assert department.get_parent().pk == site_group.county_a.home.pk
    assert response.url == reverse("wagtailadmin_explore", args=[department.pk])
    assert {column.title for column in client.get(response.url).context["pages"]} == {
        "政务公开",
        "政务动态",
        "互动交流",
        "办事服务",
        "联系我们",
        "网站声明",
        "隐私政策",
        "突发事件",
    }


def test_opening_an_existing_site_again_says_so_and_changes_nothing(client, site_group, platform_admin):
    client.force_login(platform_admin)
    before = counts()
    response = client.post(
        reverse(URL_NAME), county_c(site_group.portal.home, name="甲县人民政府", slug="county-a", hostname="")
    )
    assert counts() == before
    # First; warnings about the site's staffing may follow.
    assert message_texts(client.get(response.url))[0] == "“甲县人民政府”已存在，未作更改。"


CLASHES = [
    ({"slug": "county-a"}, "slug", "“county-a”已被“甲县人民政府”使用。"),
    ({"hostname": "county-b.localhost"}, "hostname", "域名“county-b.localhost”已被其他站点使用。"),
    ({"name": "乙县人民政府", "slug": "county-b2"}, "name", "用户组“乙县人民政府信息员”已属于其他站点。"),
    ({"kind": "portal"}, "kind", "只有门户网站开设在最上层，门户网站也不能开设在其他站点之下。"),
    ({"slug": "县"}, "slug", None),  # refused by the form itself
]


def test_a_clash_shows_on_the_form_and_creates_nothing(client, site_group, platform_admin, subtests):
    client.force_login(platform_admin)
    before = counts()
    for changes, field, message in CLASHES:
        with subtests.test(**changes):
            response = client.post(reverse(URL_NAME), county_c(site_group.portal.home, **changes))
            assert response.status_code == 200
            errors = response.context["form"].errors
            assert list(errors) == [field]
            if message:
                assert errors[field] == [message]
            assert counts() == before
            assert "站点未开设，请修改以下错误。" in message_texts(response)[0]


def test_the_portal_is_offered_only_while_there_is_none(client, make_user, without_site_group):
    client.force_login(make_user(is_superuser=True))
    form = client.get(reverse(URL_NAME)).context["form"]
    assert not form.fields["parent"].required
    assert [label for _value, label in form.fields["parent"].choices] == ["无：这是门户网站本身"]

    response = client.post(
        reverse(URL_NAME), {"parent": "", "name": "示例市人民政府", "slug": "portal", "kind": "portal", "port": 80}
    )
    portal = HomePage.objects.get(slug="portal")
    assert portal.get_parent() == Page.get_first_root_node()
    assert response.url == reverse("wagtailadmin_explore", args=[portal.pk])
    assert client.get(reverse(URL_NAME)).context["form"].fields["parent"].required


def test_county_staff_cannot_open_sites(client, site_group, make_user, subtests):
    before = counts()
    for role in ("管理员", "签发", "编辑"):
        with subtests.test(role=role):
            client.force_login(make_user(site_group.county_a.groups[role]))
            assert_refused_with_message(client, client.get(reverse(URL_NAME)))
            assert_refused_with_message(client, client.post(reverse(URL_NAME), county_c(site_group.county_a.home)))
            assert counts() == before


def test_the_menu_item_is_shown_only_to_those_who_may_provision(client, site_group, platform_admin, make_user):
    link = f'"{reverse(URL_NAME)}"'
    client.force_login(platform_admin)
    assert link in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(make_user(site_group.county_a.groups["管理员"]))
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    assert link not in dashboard.content.decode()


def test_posting_without_the_csrf_token_is_refused(site_group, platform_admin):
    client = Client(enforce_csrf_checks=True)
    client.force_login(platform_admin)
    before = counts()
    response = client.post(reverse(URL_NAME), county_c(site_group.portal.home))
    assert response.status_code == 403
    assert counts() == before
