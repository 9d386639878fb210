"""The platform administrators' group (平台管理员), which exists on every installation.

Sub-site roles are confined to their own sites; opening sites, managing user
accounts and the platform-wide content-check lists is the platform's job.
Workflows are not: a workflow's steps and the groups that approve them are the
release control itself (三审), so only superusers change them. With those rights
a platform administrator made their own group a county's reviewer and deleted
its 初审 step; `ensure_platform_admin_group` takes them away again. The group
is (re)created after every `migrate`, so a fresh installation has it without
the demo.
"""

from functools import reduce
from operator import or_

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

PLATFORM_ADMIN_GROUP = "平台管理员"
PLATFORM_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("sitegroup", "provision_subsite"),
    ("auth", "add_user"),
    ("auth", "change_user"),
    ("auth", "delete_user"),
    ("auth", "view_group"),
    ("release", "change_platformcontentrules"),
    ("disclosure", "add_topic"),
    ("disclosure", "change_topic"),
    ("disclosure", "delete_topic"),
    ("policy", "add_issuingbody"),
    ("policy", "change_issuingbody"),
    ("policy", "delete_issuingbody"),
    ("policy", "view_issuingbody"),
    # The State Council's holiday schedule (设置 → 节假日调整), which every site's deadlines follow.
    ("workdays", "add_workdayoverride"),
    ("workdays", "change_workdayoverride"),
    ("workdays", "delete_workdayoverride"),
    ("workdays", "view_workdayoverride"),
)


# Held by the group on earlier installations; removed whenever the group is ensured.
WITHDRAWN_PERMISSIONS = (
    ("wagtailcore", "add_workflow"),
    ("wagtailcore", "change_workflow"),
    ("wagtailcore", "delete_workflow"),
    ("wagtailcore", "add_task"),
    ("wagtailcore", "change_task"),
    ("wagtailcore", "delete_task"),
)


def permissions_named(names):
    wanted = reduce(or_, (Q(content_type__app_label=app, codename=code) for app, code in names))
    return Permission.objects.filter(wanted)


def platform_permissions():
    return permissions_named(PLATFORM_PERMISSIONS)


def ensure_platform_admin_group():
    group, _created = Group.objects.get_or_create(name=PLATFORM_ADMIN_GROUP)
    group.permissions.add(*platform_permissions())
    group.permissions.remove(*permissions_named(WITHDRAWN_PERMISSIONS))
    return group


def ensure_platform_admin_group_after_migrate(**kwargs):
    # post_migrate fires once per app and each app's permissions appear with its own
    # signal: act once all of them exist.
    if platform_permissions().count() == len(PLATFORM_PERMISSIONS):
        ensure_platform_admin_group()
