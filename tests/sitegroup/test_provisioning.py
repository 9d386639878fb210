"""provision_subsite: exactly the groups, permissions, collection, Site and columns the issue asks for."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    PageLogEntry,
    Site,
)

from citizen_mailbox.models import MailboxPage
from consultations.models import ConsultationIndexPage, SurveyIndexPage
from disclosure.models import DisclosureCatalogPage
from emergency.models import EmergencyIndexPage
from home.models import ColumnPage, HomePage, StandardPage
from interviews.models import InterviewIndexPage
from policy.models import InterpretationIndexPage, PolicyIndexPage
from sitegroup.models import SiteIdentity
from sitegroup.provisioning import SITE_LIST_PERMISSIONS, provision_subsite
from tests.factories import UserFactory
from tests.sitegroup.utils import counts

pytestmark = pytest.mark.django_db

# Written out rather than read from sitegroup.provisioning.ROLES, so a change there has to be made here too.
EXPECTED_PAGE_PERMISSIONS = {
    "信息员": {"add_page"},
    "编辑": {"add_page", "change_page"},
    "审核": {"add_page", "change_page"},
    "签发": {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"},
    "管理员": {"add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"},
}
EXPECTED_COLLECTION_ACTIONS = {
    "信息员": {"add", "choose"},
    "编辑": {"add", "change", "choose"},
    "审核": {"choose"},
    "签发": {"add", "change", "choose"},
    "管理员": {"add", "change", "delete", "choose"},
}
SUFFIXES = list(EXPECTED_PAGE_PERMISSIONS)


def _collection_codenames(actions):
    return {f"{action}_{model}" for action in actions for model in ("image", "document")}


def test_five_role_groups_per_site_with_exact_names(site_group):
    for result, name in [
        (site_group.portal, "示例市人民政府"),
        (site_group.county_a, "甲县人民政府"),
        (site_group.department, "示例市教育局"),
    ]:
        assert {group.name for group in result.groups.values()} == {f"{name}{suffix}" for suffix in SUFFIXES}
        # Besides them, only the groups the apps add through the provisioning hook (interviews' 访谈主持).
        others = Group.objects.filter(name__startswith=name).exclude(pk__in=[g.pk for g in result.groups.values()])
        assert {group.name for group in others} == {f"{name}访谈主持"}


def test_page_permissions_are_on_the_subsite_home_only(site_group, subtests):
    county = site_group.county_a
    for suffix in SUFFIXES:
        with subtests.test(group=suffix):
            granted = GroupPagePermission.objects.filter(group=county.groups[suffix])
            assert {(perm.page_id, perm.permission.codename) for perm in granted} == {
                (county.home.pk, codename) for codename in EXPECTED_PAGE_PERMISSIONS[suffix]
            }


def test_collection_permissions_are_on_the_subsite_collection_only(site_group, subtests):
    county = site_group.county_a
    for suffix in SUFFIXES:
        with subtests.test(group=suffix):
            granted = GroupCollectionPermission.objects.filter(group=county.groups[suffix])
            expected = _collection_codenames(EXPECTED_COLLECTION_ACTIONS[suffix])
            assert {(perm.collection_id, perm.permission.codename) for perm in granted} == {
                (county.collection.pk, codename) for codename in expected
            }


def test_only_the_administrators_manage_site_settings_and_only_of_their_own_site(site_group):
    granted = GroupSitePermission.objects.filter(group__name__startswith="甲县人民政府")
    assert sorted((perm.group.name, perm.site_id, perm.permission.codename) for perm in granted) == [
        ("甲县人民政府管理员", site_group.county_a.site.pk, "change_policysettings"),
        ("甲县人民政府管理员", site_group.county_a.site.pk, "change_sitecontentrules"),
        ("甲县人民政府管理员", site_group.county_a.site.pk, "change_siteidentity"),
    ]
    # A site without a hostname has no Site record, so no settings of its own.
    assert not GroupSitePermission.objects.filter(group__name__startswith="示例市教育局").exists()


def test_groups_get_admin_access_and_no_user_management(site_group, subtests):
    for suffix, group in site_group.county_a.groups.items():
        with subtests.test(group=suffix):
            administrators_own = (*SITE_LIST_PERMISSIONS, ("release", "force_publish")) if suffix == "管理员" else ()
            monitoring = {
                "管理员": ("view_scorecard", "run_audit", "manage_columns", "handle_errorreport"),
                "编辑": ("handle_errorreport",),
            }.get(suffix, ())
            consultations = ("moderate_comment", "export_surveyresponse") if suffix in ("管理员", "编辑") else ()
            assert {(perm.content_type.app_label, perm.codename) for perm in group.permissions.all()} == {
                ("wagtailadmin", "access_admin"),
                *administrators_own,
                *(("monitoring", codename) for codename in monitoring),
                *(("consultations", codename) for codename in consultations),
            }
            member = UserFactory(groups=[group])
            assert not member.has_perm("auth.add_user")
            assert not member.has_perm("auth.change_group")
            assert not member.has_perm("sitegroup.provision_subsite")


def test_collection_and_site_records(site_group):
    county = site_group.county_a
    assert county.collection.name == "甲县人民政府"
    assert county.collection.get_parent() == Collection.get_first_root_node()
    assert (county.site.hostname, county.site.port, county.site.root_page_id) == (
        "county-a.localhost",
        80,
        county.home.pk,
    )
    assert SiteIdentity.objects.get(site=county.site).site_name == "甲县人民政府"
    assert site_group.portal.site.is_default_site and not county.site.is_default_site
    assert site_group.department.site is None
    assert not Site.objects.filter(root_page=site_group.department.home).exists()


def test_standard_column_skeleton(site_group):
    home = site_group.county_b.home

    def tree(page):
        return [(child.title, child.slug, tree(child)) for child in page.get_children().live().specific()]

    assert tree(home) == [
        (
            "政务公开",
            "zwgk",
            [
                ("政策文件", "zcwj", []),
                ("政策解读", "zcjd", []),
                ("通知公告", "tzgg", []),
                ("政府信息公开目录", "xxgkml", []),
            ],
        ),
        ("政务动态", "zwdt", []),
        (
            "互动交流",
            "hdjl",
            [
                ("政民互动信箱", "zmhdxx", []),
                ("在线访谈", "zxft", []),
                ("意见征集", "yjzj", []),
                ("网上调查", "wsdc", []),
            ],
        ),
        ("办事服务", "bsfw", []),
        ("联系我们", "lxwm", []),
        ("网站声明", "wzsm", []),
        ("隐私政策", "yszc", []),
        ("突发事件", "tfsj", []),
    ]
    assert [type(page) for page in home.get_descendants().specific()] == [
        ColumnPage,
        PolicyIndexPage,
        InterpretationIndexPage,
        ColumnPage,
        DisclosureCatalogPage,
        ColumnPage,
        ColumnPage,
        MailboxPage,
        InterviewIndexPage,
        ConsultationIndexPage,
        SurveyIndexPage,
        ColumnPage,
        StandardPage,
        StandardPage,
        StandardPage,
        EmergencyIndexPage,
    ]
    in_menu = ["zwgk", "zwdt", "hdjl", "bsfw", "tfsj"]
    assert list(home.get_children().in_menu().values_list("slug", flat=True)) == in_menu
    assert HomePage.objects.get(pk=home.pk).kind == "county"


def _provision_again(site_group):
    arguments = [
        (Page.get_first_root_node(), "示例市人民政府", "portal", "portal", "localhost"),
        (site_group.portal.home, "甲县人民政府", "county-a", "county", "county-a.localhost"),
        (site_group.portal.home, "乙县人民政府", "county-b", "county", "county-b.localhost"),
        (site_group.portal.home, "示例市教育局", "jyj", "department", ""),
    ]
    return [
        provision_subsite(parent=parent, name=name, slug=slug, kind=kind, hostname=hostname)
        for parent, name, slug, kind, hostname in arguments
    ]


def test_running_it_again_changes_nothing(site_group):
    before = counts()
    results = _provision_again(site_group)
    assert counts() == before
    assert [result.changed for result in results] == [False, False, False, False]
    assert [result.created for result in results] == [[], [], [], []]
    assert results[1].home == site_group.county_a.home
    assert results[1].site == site_group.county_a.site
    assert results[1].groups == site_group.county_a.groups


def test_running_it_again_restores_a_missing_permission(site_group):
    editors = site_group.county_a.groups["编辑"]
    GroupPagePermission.objects.filter(group=editors, permission__codename="change_page").delete()

    result = _provision_again(site_group)[1]

    assert result.created == ["甲县人民政府编辑：补全1项权限"]
    assert GroupPagePermission.objects.filter(
        group=editors, page=site_group.county_a.home, permission__codename="change_page"
    ).exists()


def test_running_it_again_without_the_hostname_still_finds_the_site(site_group):
    result = provision_subsite(parent=site_group.portal.home, name="甲县人民政府", slug="county-a", kind="county")
    assert result.site == site_group.county_a.site
    assert not result.changed


def test_a_new_site_is_logged_on_its_home_page(site_group):
    user = UserFactory(is_superuser=True)
    result = provision_subsite(
        parent=site_group.portal.home, name="丙县人民政府", slug="county-c", kind="county", user=user
    )
    entry = PageLogEntry.objects.get(page=result.home, action="sitegroup.provision")
    assert entry.user == user
    assert entry.data["created"] == result.created
    assert "丙县人民政府编辑" in entry.message

    provision_subsite(parent=site_group.portal.home, name="丙县人民政府", slug="county-c", kind="county")
    assert PageLogEntry.objects.filter(page=result.home, action="sitegroup.provision").count() == 1


def _assert_refused_without_writing(arguments, field, *fragments):
    before = counts()
    with pytest.raises(ValidationError) as error:
        provision_subsite(**arguments)
    messages = error.value.message_dict[field]
    assert all(fragment in " ".join(messages) for fragment in fragments), messages
    assert counts() == before


def test_a_clashing_slug_is_refused(site_group):
    _assert_refused_without_writing(
        {"parent": site_group.portal.home, "name": "丙县人民政府", "slug": "county-a", "kind": "county"},
        "slug",
        "county-a",
        "甲县人民政府",
    )


def test_a_slug_taken_by_a_column_is_refused(site_group):
    _assert_refused_without_writing(
        {"parent": site_group.portal.home, "name": "政务公开", "slug": "zwgk", "kind": "topic"}, "slug", "zwgk"
    )


def test_a_clashing_hostname_is_refused(site_group):
    _assert_refused_without_writing(
        {
            "parent": site_group.portal.home,
            "name": "丙县人民政府",
            "slug": "county-c",
            "kind": "county",
            "hostname": "County-A.localhost",
        },
        "hostname",
        "county-a.localhost",
    )


def test_a_clashing_group_name_is_refused(site_group):
    stray = Group.objects.create(name="丙县人民政府编辑")
    GroupPagePermission.objects.create(
        group=stray,
        page=site_group.county_a.home,
        permission=Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page"),
    )
    _assert_refused_without_writing(
        {"parent": site_group.portal.home, "name": "丙县人民政府", "slug": "county-c", "kind": "county"},
        "name",
        "丙县人民政府编辑",
    )


def test_a_site_of_the_same_name_elsewhere_is_refused(site_group):
    """Same name, another parent: the groups of that name already belong to the first site."""
    _assert_refused_without_writing(
        {"parent": site_group.county_a.home, "name": "乙县人民政府", "slug": "county-b", "kind": "county"},
        "name",
        "乙县人民政府",
    )


INVALID_ARGUMENTS = [
    ({"slug": "县 a"}, "slug"),
    ({"name": ""}, "name"),
    ({"kind": "city"}, "kind"),
    ({"kind": "portal"}, "kind"),
    ({"hostname": "bad host"}, "hostname"),
    ({"hostname": "-a.example.cn"}, "hostname"),
    ({"hostname": "county-c.localhost", "port": 0}, "port"),
]


def test_invalid_arguments_are_refused(site_group, subtests):
    arguments = {"parent": site_group.portal.home, "name": "丙县人民政府", "slug": "county-c", "kind": "county"}
    before = counts()
    for changes, field in INVALID_ARGUMENTS:
        with subtests.test(**changes):
            with pytest.raises(ValidationError) as error:
                provision_subsite(**{**arguments, **changes})
            assert field in error.value.message_dict
            assert counts() == before


def test_only_the_portal_is_opened_at_the_top_of_the_tree(db):
    with pytest.raises(ValidationError) as error:
        provision_subsite(parent=Page.get_first_root_node(), name="丙县人民政府", slug="county-c", kind="county")
    assert "kind" in error.value.message_dict


def test_a_site_can_only_be_opened_under_a_site(site_group):
    column = site_group.county_a.home.get_children().first()
    with pytest.raises(ValidationError) as error:
        provision_subsite(parent=column, name="丙县人民政府", slug="county-c", kind="county")
    assert "parent" in error.value.message_dict
