"""Settings → 用户 and 用户组: no one hands out more than they hold (sitegroup/users.py).

A 安全管理员 manages accounts without being a superuser; every path through
Wagtail's user and group admin is tried as them, with a superuser as the
positive control.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission

from sitegroup.platform import SECURITY_ADMIN_GROUP, SYSTEM_ADMIN_GROUP
from tests.factories import PASSWORD, UserFactory
from tests.sitegroup.utils import assert_refused

pytestmark = pytest.mark.django_db

User = get_user_model()
NEW_PASSWORD = "Ch4nged-by-someone-else"


@pytest.fixture
def platform_admin(db):
    """A 安全管理员: the platform's user management."""
    return UserFactory(groups=[Group.objects.get(name=SECURITY_ADMIN_GROUP)])


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True)


@pytest.fixture
def keepers(db):
    """A group with rights the 安全管理员 do not hold: keeping a site's settings and opening sites."""
    group = Group.objects.create(name="设置管理员")
    group.permissions.add(*Permission.objects.filter(codename__in=["change_siteidentity", "provision_subsite"]))
    return group


def new_user_data(**changes):
    return {
        "username": "newcomer",
        "email": "newcomer@example.gov.cn",
        "first_name": "新",
        "last_name": "同事",
        "password1": "Wk7-long-enough",
        "password2": "Wk7-long-enough",
        **changes,
    }


def edit_data(user, **changes):
    return {
        "username": user.username,
        "email": user.email,
        "first_name": "改",
        "last_name": "名",
        "is_active": "on",
        "groups": [group.pk for group in user.groups.all()],
        **changes,
    }


def bulk_action_url(action, *users, **params):
    query = "&".join([f"id={user.pk}" for user in users] + [f"{key}={value}" for key, value in params.items()])
    return reverse("wagtail_bulk_action", args=("auth", "user", action)) + "?" + query


# --- The superuser flag ----------------------------------------------------------------------------


def test_a_platform_administrator_neither_sees_nor_sets_the_superuser_flag(client, platform_admin):
    client.force_login(platform_admin)
    form = client.get(reverse("wagtailusers_users:add")).content.decode()
    assert 'type="checkbox" name="is_superuser"' not in form
    assert "超级用户" not in form

    response = client.post(reverse("wagtailusers_users:add"), new_user_data(is_superuser="on"))

    assert response.status_code == 302
    assert not User.objects.get(username="newcomer").is_superuser


def test_a_superuser_sees_the_flag_named_superuser_and_sets_it(client, superuser):
    client.force_login(superuser)
    form = client.get(reverse("wagtailusers_users:add")).content.decode()
    assert 'type="checkbox" name="is_superuser"' in form
    assert "超级用户" in form

    client.post(reverse("wagtailusers_users:add"), new_user_data(is_superuser="on"))

    assert User.objects.get(username="newcomer").is_superuser


def test_a_platform_administrator_cannot_promote_a_user(client, platform_admin, site_group, make_user):
    officer = make_user(site_group.county_a.groups["信息员"])
    client.force_login(platform_admin)

    response = client.post(reverse("wagtailusers_users:edit", args=[officer.pk]), edit_data(officer, is_superuser="on"))

    assert response.status_code == 302
    officer.refresh_from_db()
    assert not officer.is_superuser
    assert officer.first_name == "改"


# --- Superusers' accounts --------------------------------------------------------------------------


def test_a_platform_administrator_cannot_open_edit_or_demote_a_superuser(client, platform_admin, superuser):
    client.force_login(platform_admin)
    url = reverse("wagtailusers_users:edit", args=[superuser.pk])

    assert_refused(client.get(url))
    data = edit_data(superuser, password1=NEW_PASSWORD, password2=NEW_PASSWORD, is_active="")
    assert_refused(client.post(url, data))

    superuser.refresh_from_db()
    assert superuser.check_password(PASSWORD)
    assert superuser.is_superuser and superuser.is_active
    # The list offers no edit link for them.
    listing = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert url not in listing


def test_a_superuser_changes_another_superusers_password(client, superuser):
    other = UserFactory(is_superuser=True)
    client.force_login(superuser)

    data = edit_data(other, password1=NEW_PASSWORD, password2=NEW_PASSWORD, is_superuser="on")
    response = client.post(reverse("wagtailusers_users:edit", args=[other.pk]), data)

    assert response.status_code == 302
    other.refresh_from_db()
    assert other.check_password(NEW_PASSWORD)


def test_there_is_no_copy_of_an_account_to_change_it_through(client, platform_admin, superuser):
    client.force_login(platform_admin)

    data = new_user_data(username=superuser.username, password1=NEW_PASSWORD, password2=NEW_PASSWORD)
    response = client.post(f"/admin/users/copy/{superuser.pk}/", data)

    assert response.status_code == 404
    superuser.refresh_from_db()
    assert superuser.check_password(PASSWORD)


def test_a_platform_administrator_cannot_delete_a_superuser(client, platform_admin, superuser):
    client.force_login(platform_admin)
    assert_refused(client.post(reverse("wagtailusers_users:delete", args=[superuser.pk])))
    assert User.objects.filter(pk=superuser.pk).exists()


def test_bulk_actions_leave_superusers_alone(client, platform_admin, superuser, keepers, site_group, make_user):
    officer = make_user(site_group.county_a.groups["信息员"])
    client.force_login(platform_admin)

    client.post(bulk_action_url("set_active_state", superuser, officer), {"mark_as_active": "False"})
    client.post(bulk_action_url("assign_role", superuser), {"role": site_group.county_a.groups["编辑"].pk})
    client.post(bulk_action_url("delete", superuser))

    superuser.refresh_from_db()
    assert superuser.is_active
    assert not superuser.groups.exists()
    # The positive control in the same requests: the officer was deactivated.
    officer.refresh_from_db()
    assert not officer.is_active


def test_a_superuser_deactivates_a_superuser_in_bulk(client, superuser):
    other = UserFactory(is_superuser=True)
    client.force_login(superuser)

    client.post(bulk_action_url("set_active_state", other), {"mark_as_active": "False"})

    other.refresh_from_db()
    assert not other.is_active


# --- Groups granted to accounts --------------------------------------------------------------------


def test_a_platform_administrator_staffs_a_site(client, platform_admin, site_group):
    client.force_login(platform_admin)
    editors = site_group.county_a.groups["编辑"]

    response = client.post(reverse("wagtailusers_users:add"), new_user_data(groups=[editors.pk]))

    assert response.status_code == 302
    assert list(User.objects.get(username="newcomer").groups.all()) == [editors]


def test_a_platform_administrator_cannot_grant_a_group_with_rights_they_lack(
    client, platform_admin, keepers, site_group, make_user
):
    client.force_login(platform_admin)
    form = client.get(reverse("wagtailusers_users:add")).content.decode()
    assert keepers.name not in form

    response = client.post(reverse("wagtailusers_users:add"), new_user_data(groups=[keepers.pk]))
    assert response.status_code == 200
    assert not User.objects.filter(username="newcomer").exists()

    officer = make_user(site_group.county_a.groups["信息员"])
    client.post(bulk_action_url("assign_role", officer), {"role": keepers.pk})
    assert not officer.groups.filter(pk=keepers.pk).exists()


def test_a_superuser_grants_any_group(client, superuser, keepers, site_group, make_user):
    officer = make_user(site_group.county_a.groups["信息员"])
    client.force_login(superuser)

    client.post(bulk_action_url("assign_role", officer), {"role": keepers.pk})

    assert officer.groups.filter(pk=keepers.pk).exists()


def test_a_platform_administrator_cannot_manage_an_account_with_rights_they_lack(client, platform_admin, keepers):
    """Setting its password would let them act with those rights."""
    holder = UserFactory(groups=[keepers])
    client.force_login(platform_admin)

    data = edit_data(holder, password1=NEW_PASSWORD, password2=NEW_PASSWORD)
    assert_refused(client.post(reverse("wagtailusers_users:edit", args=[holder.pk]), data))
    client.post(bulk_action_url("set_active_state", holder), {"mark_as_active": "False"})

    holder.refresh_from_db()
    assert holder.check_password(PASSWORD)
    assert holder.is_active


def test_a_platform_administrator_does_not_change_their_own_groups(client, platform_admin, keepers, site_group):
    client.force_login(platform_admin)
    own_groups = set(platform_admin.groups.all())
    approvers = site_group.county_a.groups["签发"]
    assert client.get(reverse("wagtailusers_users:edit", args=[platform_admin.pk])).status_code == 200

    data = edit_data(platform_admin, groups=[group.pk for group in own_groups] + [approvers.pk, keepers.pk])
    client.post(reverse("wagtailusers_users:edit", args=[platform_admin.pk]), data)
    client.post(bulk_action_url("assign_role", platform_admin), {"role": approvers.pk})

    assert set(platform_admin.groups.all()) == own_groups


# --- Groups ----------------------------------------------------------------------------------------


@pytest.fixture
def county_a_user_manager(site_group):
    """Not a platform administrator: manages county A's accounts and groups, holding add and edit rights there."""
    group = Group.objects.create(name="甲县用户管理")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="auth", codename__regex=r"_(user|group)$"),
    )
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=site_group.county_a.home, permission=Permission.objects.get(codename=codename)
        )
    return UserFactory(groups=[group])


def add_image():
    return Permission.objects.get(content_type__app_label="wagtailimages", codename="add_image")


def group_data(name, page_permissions=(), image_permissions=(), permissions=()):
    """What the group form posts: page rows (page, codenames), image rows (collection, permissions)."""
    data = {"name": name, "permissions": [permission.pk for permission in permissions]}
    for prefix, rows, key in (
        ("page_permissions", page_permissions, "page"),
        ("image_permissions", image_permissions, "collection"),
        ("document_permissions", (), None),
        ("collection_permissions", (), None),
    ):
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
        for index, (target, granted) in enumerate(rows):
            data[f"{prefix}-{index}-{key}"] = target.pk
            data[f"{prefix}-{index}-permissions"] = granted
    return data


def test_a_user_manager_creates_a_group_within_their_own_page_rights(client, county_a_user_manager, site_group):
    client.force_login(county_a_user_manager)
    column = site_group.county_a.home.get_children().first()

    response = client.post(
        reverse("wagtailusers_groups:add"), group_data("甲县栏目编辑", page_permissions=[(column, ["add_page"])])
    )

    assert response.status_code == 302
    group = Group.objects.get(name="甲县栏目编辑")
    assert list(group.page_permissions.values_list("page", "permission__codename")) == [(column.pk, "add_page")]


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(lambda sites: {"page_permissions": [(sites.county_a.home, ["publish_page"])]}, id="publish"),
        pytest.param(lambda sites: {"page_permissions": [(sites.county_b.home, ["add_page"])]}, id="other-site"),
        pytest.param(lambda sites: {"page_permissions": [(sites.portal.home, ["add_page"])]}, id="above"),
        pytest.param(
            lambda sites: {
                "image_permissions": [(sites.county_a.collection, [Permission.objects.get(codename="add_image").pk])]
            },
            id="collection",
        ),
        pytest.param(
            lambda sites: {"permissions": [Permission.objects.get(codename="change_siteidentity")]}, id="model"
        ),
    ],
)
def test_a_user_manager_cannot_create_a_group_beyond_their_rights(client, county_a_user_manager, site_group, rows):
    client.force_login(county_a_user_manager)

    response = client.post(reverse("wagtailusers_groups:add"), group_data("越权组", **rows(site_group)))

    assert response.status_code == 200
    assert "您不能授予自己没有的权限" in response.content.decode()
    assert not Group.objects.filter(name="越权组").exists()


def test_a_user_manager_cannot_add_rights_they_lack_to_a_group(client, county_a_user_manager, site_group):
    group = Group.objects.create(name="甲县栏目编辑")
    client.force_login(county_a_user_manager)

    data = group_data("甲县栏目编辑", page_permissions=[(site_group.county_a.home, ["add_page", "publish_page"])])
    client.post(reverse("wagtailusers_groups:edit", args=[group.pk]), data)

    assert not group.page_permissions.exists()


def test_a_user_manager_cannot_edit_or_delete_a_group_beyond_their_rights(client, county_a_user_manager):
    platform_group = Group.objects.get(name=SYSTEM_ADMIN_GROUP)
    client.force_login(county_a_user_manager)

    assert_refused(client.get(reverse("wagtailusers_groups:edit", args=[platform_group.pk])))
    assert_refused(client.post(reverse("wagtailusers_groups:edit", args=[platform_group.pk]), group_data("改名")))
    assert_refused(client.post(reverse("wagtailusers_groups:delete", args=[platform_group.pk])))

    platform_group.refresh_from_db()
    assert platform_group.name == SYSTEM_ADMIN_GROUP


def test_a_superuser_creates_any_group(client, superuser, site_group):
    client.force_login(superuser)

    data = group_data("门户签发", page_permissions=[(site_group.portal.home, ["add_page", "publish_page"])])
    response = client.post(reverse("wagtailusers_groups:add"), data)

    assert response.status_code == 302
    assert Group.objects.get(name="门户签发").page_permissions.count() == 2
