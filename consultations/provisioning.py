"""What every site gets when provisioned (govcms_provision_site):

* a 意见征集 and a 网上调查 column under 互动交流 (once; a site that removed or replaced one keeps its choice);
* rights on the site's role groups, by their SiteRole record — 管理员 and 编辑 moderate the site's
  consultation comments and export its survey responses. The scope (which site) comes from
  govcms.core.scope: the permissions say what, the groups' pages say where.
"""

from django.contrib.auth.models import Permission
from django.utils.translation import gettext as _

from consultations.models import ConsultationIndexPage, SurveyIndexPage
from home.models import ColumnFamily, UpdateCategory
from home.provisioning import provision_interaction_page
from sitegroup.models import SiteRole

# (model, title, slug, description): the columns, in their order under 互动交流 after the mailbox and interviews.
COLUMNS = (
    (
        ConsultationIndexPage,
        "意见征集",
        "yjzj",
        "政策文件草案公开征求意见：征集中的草案、征集期限和意见采纳情况反馈。",
    ),
    (SurveyIndexPage, "网上调查", "wsdc", "就民生热点和政府工作开展网上问卷调查，公开调查结果。"),
)

ROLE_PERMISSIONS = {
    SiteRole.Role.ADMINISTRATOR: ("moderate_comment", "export_surveyresponse"),
    SiteRole.Role.EDITOR: ("moderate_comment", "export_surveyresponse"),
}


def provision_consultation_columns(context):
    for model, title, slug, description in COLUMNS:
        column = model(
            title=title,
            slug=slug,
            search_description=description,
            family=ColumnFamily.INTERACT,
            update_category=UpdateCategory.OTHER,
        )
        provision_interaction_page(context, column, _("%(column)s栏目") % {"column": title})


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
