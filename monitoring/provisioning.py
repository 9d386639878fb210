"""Who does monitoring work on a site (govcms_provision_site): rights on the site's role groups, by their
SiteRole record. The scope (which site) comes from govcms.core.scope: the permissions say what, the
groups' pages say where.

* 管理员: the site's scorecard and annual report, merging and closing its columns, its error reports
  and page feedback.
* 编辑: the site's error reports and page feedback (they fix what the public found).
"""

from django.contrib.auth.models import Permission

from sitegroup.models import SiteRole

ROLE_PERMISSIONS = {
    SiteRole.Role.ADMINISTRATOR: ("view_scorecard", "run_audit", "manage_columns", "handle_errorreport"),
    SiteRole.Role.EDITOR: ("handle_errorreport",),
}


def provision_monitoring(context):
    """Give the site's 管理员 and 编辑 groups their monitoring rights (again, when one was lost)."""
    for record in SiteRole.objects.filter(home=context.home, role__in=ROLE_PERMISSIONS).select_related("group"):
        grant_role_permissions(record.group, record.role)


def site_role_permissions():
    """govcms_site_role_permissions: every monitoring view confines these to the group's site."""
    return {("monitoring", codename) for codenames in ROLE_PERMISSIONS.values() for codename in codenames}


def grant_role_permissions(group, role):
    codenames = ROLE_PERMISSIONS[role]
    group.permissions.add(*Permission.objects.filter(content_type__app_label="monitoring", codename__in=codenames))
