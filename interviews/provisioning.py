"""Every site gets, when provisioned (govcms_provision_site): a 在线访谈 column under 互动交流, and a 访谈主持
group recorded in HostRole, allowed into the admin, to run the site's broadcasts and to add pictures to them."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.models import GroupCollectionPermission

from home.models import ColumnFamily, UpdateCategory
from home.provisioning import provision_interaction_page
from interviews.access import HOST_ROLE_NAME
from interviews.models import HostRole, InterviewIndexPage

INDEX_TITLE = "在线访谈"
INDEX_SLUG = "zxft"
INDEX_DESCRIPTION = "领导和部门负责人在线解读政策、回答网友提问：访谈预告、正在直播和往期回顾。"
# (app label, codename): the host's model permissions; the site's image collection comes on top.
HOST_PERMISSIONS = (("wagtailadmin", "access_admin"), ("interviews", "host_interview"))
HOST_IMAGE_PERMISSIONS = ("add_image", "choose_image")


def provision_interviews(context):
    _provision_index(context)
    _provision_host_role(context)


def _provision_index(context):
    index = InterviewIndexPage(
        title=INDEX_TITLE,
        slug=INDEX_SLUG,
        search_description=INDEX_DESCRIPTION,
        family=ColumnFamily.INTERACT,
        update_category=UpdateCategory.OTHER,
    )
    provision_interaction_page(context, index, _("在线访谈栏目"))


def _provision_host_role(context):
    """The site's 访谈主持 group, recorded once; later runs give it back any permission it lost."""
    record = HostRole.objects.filter(home=context.home).select_related("group").first()
    if record is None:
        group, _created = Group.objects.get_or_create(name=f"{context.name}{HOST_ROLE_NAME}")
        if HostRole.objects.filter(group=group).exists():
            raise ValidationError(_("用户组“%(group)s”已是其他站点的访谈主持。") % {"group": group.name})
        record = HostRole.objects.create(home=context.home, group=group)
        context.created.append(group.name)
    _grant_host_permissions(record.group, context.collection)


def _grant_host_permissions(group, collection):
    for app_label, codename in HOST_PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    for codename in HOST_IMAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailimages", codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
