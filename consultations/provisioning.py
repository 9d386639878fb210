"""Who moderates comments and exports survey responses on a site (govcms_provision_site): rights on the
site's role groups, by their SiteRole record. The scope (which site) comes from govcms.core.scope: the
permissions say what, the groups' pages say where.

* 管理员 and 编辑: moderate the site's consultation comments and export its survey responses.
"""

from django.contrib.auth.models import Permission

from sitegroup.models import SiteRole

ROLE_PERMISSIONS = {
    SiteRole.Role.ADMINISTRATOR: ("moderate_comment", "export_surveyresponse"),
    SiteRole.Role.EDITOR: ("moderate_comment", "export_surveyresponse"),
}


def provision_consultation_rights(context):
    """Give the site's 管理员 and 编辑 groups their consultation rights (again, when one was lost)."""
    for record in SiteRole.objects.filter(home=context.home, role__in=ROLE_PERMISSIONS).select_related("group"):
        grant_role_permissions(record.group, record.role)


def site_role_permissions():
    """govcms_site_role_permissions: every consultations admin view confines these to the group's site."""
    return {("consultations", codename) for codenames in ROLE_PERMISSIONS.values() for codename in codenames}


def grant_role_permissions(group, role):
    codenames = ROLE_PERMISSIONS[role]
    group.permissions.add(*Permission.objects.filter(content_type__app_label="consultations", codename__in=codenames))
