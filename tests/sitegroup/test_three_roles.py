"""Three-role separation (三权分立, issue 12 item 7), through the real admin views.

系统管理员 keep sites and settings, 安全管理员 keep accounts and groups, 审计管理员 read every site's
logs and reports (sitegroup.platform). None does another's work, and none grants itself more: their
own groups are out of their reach (sitegroup.users).
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission, Page

from sitegroup.models import SiteIdentity
from sitegroup.platform import AUDIT_ADMIN_GROUP, SECURITY_ADMIN_GROUP, SYSTEM_ADMIN_GROUP
from tests.factories import UserFactory
from tests.sitegroup.test_user_management import bulk_action_url, group_data, new_user_data

pytestmark = pytest.mark.django_db

User = get_user_model()


def member_of(group_name):
    return UserFactory(groups=[Group.objects.get(name=group_name)])


@pytest.fixture
def system_admin(db):
    return member_of(SYSTEM_ADMIN_GROUP)


@pytest.fixture
def security_admin(db):
    return member_of(SECURITY_ADMIN_GROUP)


@pytest.fixture
def audit_admin(db):
    return member_of(AUDIT_ADMIN_GROUP)


def refused(response):
    """Wagtail refuses in the admin with a redirect to the dashboard; Django views with 403."""
    if response.status_code == 302:
        return response.url == reverse("wagtailadmin_home") or response.url.startswith(reverse("wagtailadmin_login"))
    return response.status_code in (403, 404)


def identity_url(site):
    return reverse("wagtailsettings:edit", args=["sitegroup", "siteidentity", site.pk])


def identity_data(site_group, **changes):
    identity = SiteIdentity.for_site(site_group.county_a.site)
    return {
        "site_name": identity.site_name or "甲县人民政府",
        "identifier_code": identity.identifier_code,
        "icp_number": identity.icp_number,
        "police_record_number": identity.police_record_number,
        "sponsor": identity.sponsor,
        "organizer": identity.organizer,
        "phone": identity.phone,
        "address": identity.address,
        "show_party_government_mark": "on",
        **changes,
    }


# --- 安全管理员: accounts and groups, no content -----------------------------------------------------


def test_a_security_administrator_staffs_every_role_of_a_site(client, security_admin, site_group):
    """The 管理员 role carries model permissions (issuing bodies, 强制发布) confined to its site."""
    client.force_login(security_admin)
    roles = list(site_group.county_a.groups.values())

    response = client.post(reverse("wagtailusers_users:add"), new_user_data(groups=[group.pk for group in roles]))

    assert response.status_code == 302
    assert set(User.objects.get(username="newcomer").groups.all()) == set(roles)


def test_a_security_administrator_neither_edits_pages_nor_changes_site_settings(client, security_admin, site_group):
    client.force_login(security_admin)
    home = site_group.county_a.home

    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])))
    assert refused(client.post(reverse("wagtailadmin_pages:edit", args=[home.pk]), {"title": "改标题"}))
    assert refused(client.get(reverse("wagtailimages:index")))
    assert refused(client.get(reverse("wagtaildocs:index")))
    assert refused(client.post(identity_url(site_group.county_a.site), identity_data(site_group, sponsor="改名单位")))
    assert refused(client.get(reverse("sitegroup_provision_subsite")))

    assert Page.objects.get(pk=home.pk).title == home.title
    assert SiteIdentity.for_site(site_group.county_a.site).sponsor != "改名单位"


def test_a_security_administrator_gives_their_own_group_nothing(client, security_admin, site_group):
    """Staffing lets them grant any site's page rights, but not to the group they are in."""
    own_group = Group.objects.get(name=SECURITY_ADMIN_GROUP)
    rights_before = set(own_group.permissions.all())
    client.force_login(security_admin)
    edit_url = reverse("wagtailusers_groups:edit", args=[own_group.pk])
    data = group_data(SECURITY_ADMIN_GROUP, page_permissions=[(site_group.portal.home, ["add_page", "publish_page"])])

    assert refused(client.get(edit_url))
    assert refused(client.post(edit_url, data))
    assert refused(client.post(reverse("wagtailusers_groups:delete", args=[own_group.pk])))

    assert not GroupPagePermission.objects.filter(group=own_group).exists()
    assert set(own_group.permissions.all()) == rights_before


def test_a_security_administrator_joins_no_group_and_makes_no_superuser(client, security_admin, site_group):
    editors = site_group.county_a.groups["编辑"]
    client.force_login(security_admin)
    own_groups = set(security_admin.groups.all())

    client.post(bulk_action_url("assign_role", security_admin), {"role": editors.pk})
    client.post(
        reverse("wagtailusers_users:edit", args=[security_admin.pk]),
        {
            "username": security_admin.username,
            "email": security_admin.email,
            "first_name": "安",
            "last_name": "全",
            "is_active": "on",
            "is_superuser": "on",
            "groups": [group.pk for group in own_groups] + [editors.pk],
        },
    )
    client.post(reverse("wagtailusers_users:add"), new_user_data(is_superuser="on"))

    security_admin.refresh_from_db()
    assert set(security_admin.groups.all()) == own_groups
    assert not security_admin.is_superuser
    assert not User.objects.filter(username="newcomer", is_superuser=True).exists()


@pytest.mark.parametrize("group_name", [SYSTEM_ADMIN_GROUP, AUDIT_ADMIN_GROUP])
def test_a_security_administrator_neither_grants_nor_manages_the_other_platform_roles(
    client, security_admin, group_name
):
    """Their rights are not the security administrator's to hand out: superusers staff those groups."""
    group = Group.objects.get(name=group_name)
    holder = member_of(group_name)
    client.force_login(security_admin)

    client.post(reverse("wagtailusers_users:add"), new_user_data(groups=[group.pk]))
    assert refused(client.post(reverse("wagtailusers_users:edit", args=[holder.pk]), {"username": holder.username}))
    assert refused(client.post(reverse("wagtailusers_groups:edit", args=[group.pk]), group_data(group_name)))

    assert not User.objects.filter(username="newcomer").exists()
    assert list(group.user_set.all()) == [holder]


# --- 系统管理员: sites and settings, no users ----------------------------------------------------------


def test_a_system_administrator_keeps_every_sites_settings(client, system_admin, site_group):
    client.force_login(system_admin)
    site = site_group.county_a.site

    response = client.post(identity_url(site), identity_data(site_group, sponsor="甲县人民政府办公室"))

    assert response.status_code == 302 and not refused(response)
    assert SiteIdentity.for_site(site).sponsor == "甲县人民政府办公室"
    assert client.get(reverse("sitegroup_provision_subsite")).status_code == 200


def test_a_system_administrator_opens_the_languages_the_menu_offers(client, system_admin):
    client.force_login(system_admin)
    assert reverse("wagtaillocales:index") in client.get(reverse("wagtailadmin_home")).text
    assert client.get(reverse("wagtaillocales:index")).status_code == 200
    assert client.get(reverse("wagtaillocales:add")).status_code == 200


def test_a_system_administrator_opens_no_user_or_group_and_joins_no_group(client, system_admin, site_group):
    client.force_login(system_admin)
    own_groups = set(system_admin.groups.all())
    own_group = Group.objects.get(name=SYSTEM_ADMIN_GROUP)

    for url_name in ("wagtailusers_users:index", "wagtailusers_users:add", "wagtailusers_groups:index"):
        assert refused(client.get(reverse(url_name))), url_name
    assert refused(client.get(reverse("wagtailusers_users:edit", args=[system_admin.pk])))
    assert refused(client.post(reverse("wagtailusers_users:add"), new_user_data()))
    client.post(bulk_action_url("assign_role", system_admin), {"role": site_group.county_a.groups["编辑"].pk})
    edit_own_group = reverse("wagtailusers_groups:edit", args=[own_group.pk])
    all_rights = {"permissions": list(Permission.objects.values_list("pk", flat=True))}
    assert refused(client.post(edit_own_group, {**group_data(SYSTEM_ADMIN_GROUP), **all_rights}))

    assert set(system_admin.groups.all()) == own_groups
    assert not User.objects.filter(username="newcomer").exists()
    assert not own_group.permissions.filter(codename="add_user").exists()


def test_a_system_administrator_edits_no_page(client, system_admin, site_group):
    client.force_login(system_admin)
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[site_group.county_a.home.pk])))


# --- 审计管理员: every site's logs and reports, nothing else ------------------------------------------


REPORTS = (
    "release_audit_report",
    "release_statistics_report",
    "policy_pending_interpretation_report",
    "search_query_report",
)


def test_an_audit_administrator_reads_every_report(client, audit_admin):
    client.force_login(audit_admin)
    for url_name in REPORTS:
        assert client.get(reverse(url_name)).status_code == 200, url_name
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("release_audit_report") in menu


def test_an_audit_administrator_reads_every_sites_workflows(client, audit_admin, draft, county_a_staff):
    draft.get_workflow().start(draft, county_a_staff.officer)
    client.force_login(audit_admin)
    menu = client.get(reverse("wagtailadmin_home")).text
    for url_name in ("wagtailadmin_reports:workflow", "wagtailadmin_reports:workflow_tasks"):
        assert reverse(url_name) in menu
        response = client.get(reverse(url_name))
        assert response.status_code == 200, url_name
        assert draft.title in response.text


def test_an_audit_administrator_changes_nothing(client, audit_admin, site_group):
    client.force_login(audit_admin)
    home = site_group.county_a.home
    site = site_group.county_a.site
    own_group = Group.objects.get(name=AUDIT_ADMIN_GROUP)
    posts = {
        reverse("wagtailadmin_pages:edit", args=[home.pk]): {"title": "改标题"},
        reverse("wagtailadmin_pages:delete", args=[home.pk]): {},
        identity_url(site): identity_data(site_group, sponsor="改名单位"),
        reverse("wagtailusers_users:add"): new_user_data(),
        reverse("wagtailusers_groups:edit", args=[own_group.pk]): group_data(AUDIT_ADMIN_GROUP),
        reverse("wagtailusers_groups:add"): group_data("审计助理"),
        reverse("sitegroup_provision_subsite"): {"parent": home.pk, "name": "丙县", "slug": "county-c"},
        reverse("issuing_bodies:add"): {"site_home": home.pk, "name": "审计机关"},
        reverse("wagtailsites:add"): {"hostname": "audit.example.gov.cn", "port": 80, "root_page": home.pk},
    }

    for url, data in posts.items():
        assert refused(client.post(url, data)), url

    assert Page.objects.get(pk=home.pk).title == home.title
    assert SiteIdentity.for_site(site).sponsor != "改名单位"
    assert not User.objects.filter(username="newcomer").exists()
    assert not Group.objects.filter(name="审计助理").exists()
    assert set(own_group.permissions.values_list("codename", flat=True)) == {
        "access_admin",
        "view_all_sites",
        "view_scorecard",
    }


def test_an_audit_administrator_reads_every_sites_history(client, audit_admin, site_group):
    """Wagtail's 站点历史 shows a user only the pages and models they hold rights on: the auditor holds none."""
    county_b = site_group.county_b.home
    log(instance=county_b, action="wagtail.edit", data={})
    log(instance=Group.objects.create(name="审计可见组"), action="wagtail.create")
    client.force_login(audit_admin)

    for url_name in ("wagtailadmin_reports:site_history", "wagtailadmin_reports:site_history_results"):
        text = client.get(reverse(url_name)).content.decode()
        assert "审计可见组" in text and county_b.title in text, url_name
    export = client.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"})
    assert "审计可见组" in b"".join(export.streaming_content).decode()
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'"{reverse("wagtailadmin_reports:site_history")}"' in menu
