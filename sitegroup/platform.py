"""The platform's three administrator groups (三权分立, 等保 level 3), which exist on every installation.

* 系统管理员 (system): opens sites, keeps every site's identity and settings,
  Wagtail's Site records and the platform's lists (topics, issuing bodies,
  the holiday schedule, the content-check words); no user or group management.
* 安全管理员 (security): user accounts, groups and passwords, staffing every
  site (`sitegroup.staff_sites`), unlocking accounts and resetting
  two-factor authentication; no content, no site settings.
* 审计管理员 (audit): every site's logs and reports (`sitegroup.view_all_sites`),
  nothing else: no content, no settings, no users.

Rights come from the permissions listed here, never from the groups' names.
Each group is (re)set to exactly its list after every `migrate`, so a fresh
installation has the three groups without the demo and a right added to one of
them in the admin does not survive the next upgrade: the separation cannot
drift. Who may change a group and its members is sitegroup.users: a security
administrator edits neither their own group nor a group holding rights they
lack, so membership of the system and audit groups is given by superusers.

Workflows are no one's here: a workflow's steps and the groups that approve
them are the release control itself (三审), so only superusers change them.
Earlier installations had one 平台管理员 group; migration 0004 renames it
系统管理员, and its members lose user management with the next `migrate`.
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

SYSTEM_ADMIN_GROUP = "系统管理员"
SECURITY_ADMIN_GROUP = "安全管理员"
AUDIT_ADMIN_GROUP = "审计管理员"

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
# Every site's rows in every list and report (govcms.core.scope.is_platform_wide).
VIEW_ALL_SITES = ("sitegroup", "view_all_sites")


def _crud(app_label, model_name, actions=("add", "change", "delete", "view")):
    return tuple((app_label, f"{action}_{model_name}") for action in actions)


SYSTEM_PERMISSIONS = (
    ADMIN_ACCESS,
    VIEW_ALL_SITES,
    ("sitegroup", "provision_subsite"),
    # Every site's identity and settings (model-wide: each site's 管理员 holds them for their own Site only).
    ("sitegroup", "change_siteidentity"),
    ("release", "change_sitecontentrules"),
    ("policy", "change_policysettings"),
    ("release", "change_platformcontentrules"),
    *_crud("wagtailcore", "site", ("add", "change", "delete")),
    # The site group's languages. Wagtail shows 区域 to whoever may change Sites but opens it only with
    # Locale permissions: without them the 系统管理员 was offered a menu item that refused them.
    *_crud("wagtailcore", "locale", ("add", "change", "delete")),
    *_crud("disclosure", "topic", ("add", "change", "delete")),
    *_crud("policy", "issuingbody"),
    # The State Council's holiday schedule (设置 → 节假日调整), which every site's deadlines follow.
    *_crud("workdays", "workdayoverride"),
    # The platform's standard translations (设置 → 规范译名); sites add their own terms.
    ("translations", "manage_platform_glossary"),
    *_crud("translations", "glossaryterm"),
    # Every site's scorecard and the monitoring limits (设置 → 监测设置); sites' 管理员 see their own.
    ("monitoring", "view_scorecard"),
    ("monitoring", "run_audit"),
    ("monitoring", "change_monitoringsettings"),
    # The consultation rules (设置 → 意见征集设置): how long the feedback may take after closing.
    ("consultations", "change_consultationsettings"),
    # The kinds of consultation and their legal minimum periods (设置 → 征集类型), the same for every site.
    *_crud("consultations", "consultationkind", ("add", "change", "view")),
)

SECURITY_PERMISSIONS = (
    ADMIN_ACCESS,
    *_crud("auth", "user"),
    *_crud("auth", "group"),
    # Grant any site's page, collection and site rights: staff the sites (sitegroup.users).
    ("sitegroup", "staff_sites"),
    # Defined by the accounts app (login protection).
    ("accounts", "unlock_account"),
    ("accounts", "reset_two_factor"),
)

# Reading every scorecard is the auditor's; running an audit (which writes a snapshot and mails) is not.
AUDIT_PERMISSIONS = (ADMIN_ACCESS, VIEW_ALL_SITES, ("monitoring", "view_scorecard"))


@dataclass(frozen=True)
class PlatformRole:
    group_name: str
    permissions: tuple[tuple[str, str], ...]


PLATFORM_ROLES = (
    PlatformRole(SYSTEM_ADMIN_GROUP, SYSTEM_PERMISSIONS),
    PlatformRole(SECURITY_ADMIN_GROUP, SECURITY_PERMISSIONS),
    PlatformRole(AUDIT_ADMIN_GROUP, AUDIT_PERMISSIONS),
)


def permissions_named(names):
    wanted = reduce(or_, (Q(content_type__app_label=app, codename=code) for app, code in names))
    return Permission.objects.filter(wanted)


def ensure_platform_group(role):
    """The role's group, holding exactly the role's permissions."""
    group, _created = Group.objects.get_or_create(name=role.group_name)
    group.permissions.set(permissions_named(role.permissions))
    return group


def ensure_platform_groups():
    """The three groups by name, each holding exactly its permissions."""
    return {role.group_name: ensure_platform_group(role) for role in PLATFORM_ROLES}


def ensure_platform_groups_after_migrate(**kwargs):
    # post_migrate fires once per app and each app's permissions appear with its own
    # signal: act once all of them exist.
    every_permission = {name for role in PLATFORM_ROLES for name in role.permissions}
    if permissions_named(every_permission).count() == len(every_permission):
        ensure_platform_groups()
