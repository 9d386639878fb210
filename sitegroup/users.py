"""User and group management in which no one hands out more than they hold.

Wagtail lets anyone with the user-model permissions edit any account: tick the
superuser box, set a superuser's password, or put anyone (themselves too) in
any group. On this platform the 安全管理员 manage accounts without being
superusers (sitegroup.platform), so every path that changes an account or a
group's rights checks that the result stays within the acting user's own rights:

* superusers' accounts are managed by superusers only, and only superusers see
  or set the superuser flag;
* an account is managed only by someone who holds every right it has;
* a group is granted, created, edited or deleted only by someone who holds
  every right it gives (model permissions, and page, collection and site
  permissions covered by the acting user's own on the same or an enclosing
  page, collection or site);
* those who staff the sites (`sitegroup.staff_sites`, the 安全管理员) grant
  any site-confined right: page, collection and site permissions, and the
  model permissions provisioning gives a site's role groups, which the admin
  views confine to the pages the group works on (sitegroup.provisioning.ROLES);
  other model permissions only when they hold them;
* non-superusers change neither their own groups nor what those groups hold:
  no one grants themselves more, not even within their own rights.

`sitegroup.apps.UsersAppConfig` installs these viewsets in place of Wagtail's;
`sitegroup.wagtail_hooks` replaces the user bulk actions.
"""

from dataclasses import dataclass, field

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.boolean_radio_select import BooleanRadioSelect
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
)
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import groups, users
from wagtail.users.views.bulk_actions import AssignRoleBulkAction, DeleteBulkAction, SetActiveStateBulkAction

from govcms.core.hooks import hooks_in_app_order
from govcms.core.provisioning import SITE_ROLE_PERMISSIONS_HOOK
from sitegroup.platform import permissions_named
from sitegroup.provisioning import ROLES

User = get_user_model()

STAFF_SITES_PERMISSION = "sitegroup.staff_sites"

SUPERUSER_LABEL = gettext_lazy("超级用户")
SUPERUSER_HELP = gettext_lazy(
    "超级用户拥有平台的全部权限，不受站点、角色和用户组的限制；只有超级用户可以设置。"
    "站点的“管理员”角色请通过用户组授予。"
)


@dataclass
class Rights:
    """What a group, or a user through their groups, may do.

    Model permissions are kept as permission ids, site permissions as
    (permission id, site id), page and collection permissions as
    (permission id, tree path), since they reach down the page or collection tree.
    """

    model: set = field(default_factory=set)
    pages: set = field(default_factory=set)
    collections: set = field(default_factory=set)
    sites: set = field(default_factory=set)
    # Held by those who staff the sites: every page, collection and site permission, for delegation.
    every_site: bool = False

    def __ior__(self, other):
        self.model |= other.model
        self.pages |= other.pages
        self.collections |= other.collections
        self.sites |= other.sites
        return self

    def beyond(self, holder):
        """The parts of these rights that `holder`'s rights do not cover, to tell the acting user."""
        excess = [("model", permission) for permission in self.model - holder.model]
        if holder.every_site:
            return excess
        excess += [("page", item) for item in self.pages if not _reaches(item, holder.pages)]
        excess += [("collection", item) for item in self.collections if not _reaches(item, holder.collections)]
        # A model-wide permission on a site setting covers every site.
        excess += [("site", item) for item in self.sites - holder.sites if item[0] not in holder.model]
        return excess


def _reaches(item, held):
    permission, path = item
    return any(permission == held_permission and path.startswith(held_path) for held_permission, held_path in held)


def site_role_model_permission_ids():
    """The model permissions of the sites' role groups (the roles' own and the apps' contributions), confined
    by the admin views to the group's pages."""
    names = {name for role in ROLES for name in role.model_permissions}
    for contributed in hooks_in_app_order(SITE_ROLE_PERMISSIONS_HOOK):
        names.update(contributed())
    return set(permissions_named(names).values_list("pk", flat=True)) if names else set()


def rights_of_groups(group_ids=None):
    """The rights of each group (all groups, or those listed), read in four queries."""
    rights = {}

    def rows(queryset, *fields):
        if group_ids is not None:
            queryset = queryset.filter(group_id__in=group_ids)
        return queryset.values_list("group_id", *fields)

    for group_id, permission in rows(Group.permissions.through.objects, "permission_id"):
        rights.setdefault(group_id, Rights()).model.add(permission)
    for group_id, permission, path in rows(GroupPagePermission.objects, "permission_id", "page__path"):
        rights.setdefault(group_id, Rights()).pages.add((permission, path))
    for group_id, permission, path in rows(GroupCollectionPermission.objects, "permission_id", "collection__path"):
        rights.setdefault(group_id, Rights()).collections.add((permission, path))
    for group_id, permission, site in rows(GroupSitePermission.objects, "permission_id", "site_id"):
        rights.setdefault(group_id, Rights()).sites.add((permission, site))
    return rights


class Delegation:
    """What the acting user may hand out and whose accounts they may manage: only within their own rights."""

    def __init__(self, user):
        self.user = user
        self.unlimited = user.is_superuser

    @cached_property
    def group_rights(self):
        return rights_of_groups()

    @cached_property
    def held(self):
        held = Rights(
            model=set(self.user.user_permissions.values_list("pk", flat=True)),
            every_site=self.user.has_perm(STAFF_SITES_PERMISSION),
        )
        if held.every_site:
            held.model |= site_role_model_permission_ids()
        for group_id in self.own_group_ids:
            held |= self.group_rights.get(group_id, Rights())
        return held

    @cached_property
    def own_group_ids(self):
        return set(self.user.groups.values_list("pk", flat=True))

    def excess(self, rights):
        return [] if self.unlimited else rights.beyond(self.held)

    @cached_property
    def ungrantable_group_ids(self):
        if self.unlimited:
            return set()
        return {group_id for group_id, rights in self.group_rights.items() if self.excess(rights)}

    def grantable_groups(self):
        return Group.objects.exclude(pk__in=self.ungrantable_group_ids)

    def may_grant(self, group):
        return group.pk not in self.ungrantable_group_ids

    def may_change(self, group):
        """Edit or delete `group`: grantable, and not one of the user's own (that would change their own rights)."""
        return self.unlimited or (self.may_grant(group) and group.pk not in self.own_group_ids)

    def manageable_users(self):
        if self.unlimited:
            return User.objects.all()
        return (
            User.objects.filter(is_superuser=False)
            .exclude(groups__in=self.ungrantable_group_ids)
            .exclude(user_permissions__in=Permission.objects.exclude(pk__in=self.held.model))
        )

    def may_manage(self, user):
        return self.unlimited or self.manageable_users().filter(pk=user.pk).exists()


def delegation_for(request):
    """One Delegation per request: the user views ask several times."""
    if not hasattr(request, "_sitegroup_delegation"):
        request._sitegroup_delegation = Delegation(request.user)
    return request._sitegroup_delegation


def describe(excess):
    """Name the rights in `excess` (from Rights.beyond) for an error message."""
    permissions = Permission.objects.in_bulk([item if kind == "model" else item[0] for kind, item in excess])
    names = []
    for kind, item in excess:
        if kind == "model":
            names.append(str(permissions[item]))
            continue
        permission, where = item
        if kind == "page":
            place = Page.objects.get(path=where).get_admin_display_title()
        elif kind == "collection":
            place = Collection.objects.get(path=where).name
        else:
            place = str(Site.objects.get(pk=where))
        names.append(f"{place}：{permissions[permission].name}")
    return "；".join(sorted(names))


class DelegatedUserFormMixin:
    """The superuser flag only for superusers; groups only among those the acting user may grant."""

    def __init__(self, *args, delegation, **kwargs):
        super().__init__(*args, **kwargs)
        if "is_superuser" in self.fields:  # Wagtail leaves it out when users edit themselves
            self.fields["is_superuser"].label = SUPERUSER_LABEL
            self.fields["is_superuser"].help_text = SUPERUSER_HELP
        if delegation.unlimited:
            return
        if "is_superuser" in self.fields:
            # Disabled: whatever is posted, the flag keeps its value (False for a new user).
            # No label or help either: Wagtail's create template renders the field unconditionally.
            self.fields["is_superuser"].disabled = True
            self.fields["is_superuser"].widget = forms.HiddenInput()
            self.fields["is_superuser"].label = ""
            self.fields["is_superuser"].help_text = ""
        groups_field = self.fields["groups"]
        if self.instance.pk == delegation.user.pk:
            groups_field.disabled = True
            groups_field.help_text = _("您不能更改自己所在的用户组。")
        else:
            groups_field.queryset = delegation.grantable_groups()
            groups_field.help_text = _("只列出您可以授予的用户组：其权限不超出您本人的权限。")


class DelegatedUserCreationForm(DelegatedUserFormMixin, UserCreationForm):
    pass


class DelegatedUserEditForm(DelegatedUserFormMixin, UserEditForm):
    pass


class DelegationFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "delegation": delegation_for(self.request)}


class RefuseUnmanageableUserMixin:
    def dispatch(self, request, *args, **kwargs):
        if not delegation_for(request).may_manage(self.get_object()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UserFilterSet(users.UserFilterSet):
    is_superuser = django_filters.BooleanFilter(label=SUPERUSER_LABEL, widget=BooleanRadioSelect)


class UserIndexView(users.IndexView):
    @cached_property
    def columns(self):
        superuser_column = Column(
            "is_superuser",
            accessor=lambda user: SUPERUSER_LABEL if user.is_superuser else None,
            label=gettext_lazy("权限级别"),
            sort_key="is_superuser",
            classname="level",
            width="10%",
        )
        return [superuser_column if column.name == "is_superuser" else column for column in super().columns]

    def get_edit_url(self, instance):
        if delegation_for(self.request).may_manage(instance):
            return super().get_edit_url(instance)

    def get_delete_url(self, instance):
        if delegation_for(self.request).may_manage(instance):
            return super().get_delete_url(instance)


class UserCreateView(DelegationFormMixin, users.CreateView):
    pass


class UserEditView(RefuseUnmanageableUserMixin, DelegationFormMixin, users.EditView):
    pass


class UserDeleteView(RefuseUnmanageableUserMixin, users.DeleteView):
    pass


class UserViewSet(users.UserViewSet):
    filterset_class = UserFilterSet
    index_view_class = UserIndexView
    add_view_class = UserCreateView
    edit_view_class = UserEditView
    delete_view_class = UserDeleteView
    # Wagtail's copy view binds the form to the account being copied, so saving it changed that
    # account (its password included); an account is not a template for another.
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return DelegatedUserEditForm if for_update else DelegatedUserCreationForm


class ExceedsOwnRights(Exception):
    pass


class DelegatedGroupSaveMixin:
    """Save the group with its permission panels in one transaction, undone if it would exceed the user's rights.

    The page, collection and site panels are Wagtail's own (and those other apps
    register), so the check reads the saved result rather than each panel's fields.
    """

    def process_form(self):
        form = self.get_form()
        if not self.is_valid(form):
            return self.form_invalid(form)
        try:
            return self.form_valid(form)
        except ExceedsOwnRights as error:
            if self.object.pk is not None and not Group.objects.filter(pk=self.object.pk).exists():
                self.object.pk = None  # a new group whose creation was undone
            form.add_error(None, _("您不能授予自己没有的权限：%(rights)s。") % {"rights": error.args[0]})
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def save_instance(self):
        with transaction.atomic():
            instance = super().save_instance()
            for panel in self.permission_panel_forms:
                panel.save()
            excess = delegation_for(self.request).excess(rights_of_groups([instance.pk]).get(instance.pk, Rights()))
            if excess:
                raise ExceedsOwnRights(describe(excess))
        return instance


class RefuseUngrantableGroupMixin:
    """A group that gives more than the user holds is left to those who hold it: editing or deleting it
    would hand out or take away rights the user does not have. The user's own groups are left to others:
    editing them would change the user's own rights."""

    def dispatch(self, request, *args, **kwargs):
        if not delegation_for(request).may_change(self.get_object()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class GroupCreateView(DelegatedGroupSaveMixin, groups.CreateView):
    pass


class GroupEditView(RefuseUngrantableGroupMixin, DelegatedGroupSaveMixin, groups.EditView):
    pass


class GroupDeleteView(RefuseUngrantableGroupMixin, groups.DeleteView):
    pass


class GroupViewSet(groups.GroupViewSet):
    add_view_class = GroupCreateView
    edit_view_class = GroupEditView
    delete_view_class = GroupDeleteView


class DelegatedUserBulkActionMixin:
    """Bulk actions act only on the accounts the acting user may manage."""

    def check_perm(self, obj):
        return super().check_perm(obj) and delegation_for(self.request).may_manage(obj)


class DelegatedDeleteBulkAction(DelegatedUserBulkActionMixin, DeleteBulkAction):
    pass


class DelegatedSetActiveStateBulkAction(DelegatedUserBulkActionMixin, SetActiveStateBulkAction):
    pass


class DelegatedAssignRoleBulkAction(DelegatedUserBulkActionMixin, AssignRoleBulkAction):
    """Only groups the acting user may grant, and never to themselves unless they are a superuser."""

    def check_perm(self, obj):
        delegation = delegation_for(self.request)
        return super().check_perm(obj) and (delegation.unlimited or obj.pk != self.request.user.pk)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["role"].queryset = delegation_for(self.request).grantable_groups()
        return form


USER_BULK_ACTIONS = (DelegatedDeleteBulkAction, DelegatedSetActiveStateBulkAction, DelegatedAssignRoleBulkAction)
