"""Who sees which messages: site staff all of their own sites', department handlers only their department's.

A user's own sites are `SiteScope.own_site_ids` (govcms.core.scope): the sites of
the pages where their groups hold page permissions, each reduced to its own site
home. A portal editor's rights cover the county subtrees too, but a county's
letters belong to the county, so they stay out of the portal's view. Letters
carry citizens' personal information: platform administrators, who see every
site in lists and reports, see none unless they are staff or handlers there;
superusers see all.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.models import GroupPagePermission

from citizen_mailbox.models import Message
from govcms.core.scope import SiteScope
from sitegroup.models import SiteRole


def staff_site_ids(user):
    """Ids of the user's own sites (SiteScope.own_site_ids): the sites whose letters they handle as staff."""
    return SiteScope.of(user).own_site_ids


def visible_messages(user):
    """Messages the user may open in the admin."""
    if user.is_superuser:
        return Message.objects.all()
    if not user.is_authenticated:
        return Message.objects.none()
    visible = Q(site_home_id__in=staff_site_ids(user)) | Q(department__handlers=user)
    return Message.objects.filter(pk__in=Message.objects.filter(visible).values("pk"))


def can_use_mailbox_admin(user):
    return user.is_superuser or bool(staff_site_ids(user)) or user.mailbox_departments.exists()


def is_site_staff(user, message):
    return user.is_superuser or message.site_home_id in staff_site_ids(user)


def is_handler(user, message):
    """Site staff, or a handler of the department the message is assigned to."""
    if is_site_staff(user, message):
        return True
    return message.department_id is not None and message.department.handlers.filter(pk=user.pk).exists()


def is_signer(user, message):
    """The site's 签发 (and 管理员): the groups that may publish on the site's home page."""
    if user.is_superuser:
        return True
    return GroupPagePermission.objects.filter(
        group__user=user, page_id=message.site_home_id, permission__codename="publish_page"
    ).exists()


def site_administrators(site_home):
    """Active users with an e-mail address in the group recorded as the site's 管理员 role, whatever its name."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__site_role__home=site_home,
            groups__site_role__role=SiteRole.Role.ADMINISTRATOR,
        )
        .exclude(email="")
        .distinct()
    )
