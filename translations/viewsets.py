"""The glossary's admin list (设置 → 规范译名): the platform's terms and each site's additions.

Who keeps what is read from data, never from group names:

* the platform's terms (no site) and every site's: superusers and holders of
  `translations.manage_platform_glossary` (维护全平台规范译名, granted to platform administrators in the
  group editor). Seeing every site (`sitegroup.view_all_sites`) gives no right to change terms.
* a site's terms: members of the site's 翻译 and 管理员 groups (their SiteRole records), within the model
  permissions those groups hold (translations.provisioning grants them). They see the platform's terms
  read-only beside their own, never another site's, and the site field offers their own sites only: the
  form refuses any other submitted site, and another site's term answers 404.
"""

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from govcms.core.tree import site_home_model
from sitegroup.models import SiteRole
from translations.models import GlossaryTerm

PLATFORM_PERMISSION = "translations.manage_platform_glossary"
SITE_KEEPER_ROLES = (SiteRole.Role.TRANSLATOR, SiteRole.Role.ADMINISTRATOR)


def keeps_platform_glossary(user):
    return user.is_active and user.has_perm(PLATFORM_PERMISSION)


def glossary_site_homes(user):
    """The original-language site homes whose terms `user` may keep."""
    homes = site_home_model().objects.filter(locale=Locale.get_default())
    if keeps_platform_glossary(user):
        return homes
    own = SiteRole.objects.filter(group__user=user, role__in=SITE_KEEPER_ROLES).values("home_id")
    return homes.filter(pk__in=own)


class GlossaryPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, and for a term: platform terms are the platform's, a site's term its keepers'."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if keeps_platform_glossary(user):
            return True
        if instance.home_id is None:
            return action == "view"
        return glossary_site_homes(user).filter(pk=instance.home_id).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        terms = self.model._default_manager.all()
        if keeps_platform_glossary(user):
            return terms
        own = terms.filter(home__in=glossary_site_homes(user))
        return own | terms.filter(home__isnull=True) if "view" in actions else own

    def instances_user_has_permission_for_action(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


register_permission_policy(GlossaryTerm, GlossaryPermissionPolicy(GlossaryTerm))


class TermObjectMixin:
    """Fetch the term among those the user may perform the view's action on; any other answers 404."""

    object_action = "change"

    def get_object(self, queryset=None):
        terms = self.permission_policy.instances_user_has_permission_for_action(self.request.user, self.object_action)
        try:
            return terms.get(pk=unquote(str(self.kwargs["pk"])))
        except (GlossaryTerm.DoesNotExist, ValueError) as error:
            raise Http404 from error


class TermFormMixin:
    """The site field offers the user's own sites; only keepers of the platform list may leave it empty."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        field = form.fields["home"]
        field.queryset = glossary_site_homes(self.request.user)
        if not keeps_platform_glossary(self.request.user):
            field.required = True
            field.empty_label = None
            field.help_text = _("本站点补充的规范译名；全平台通用译名由平台管理员维护。")
        return form


class GlossaryIndexView(generic.IndexView):
    def get_base_queryset(self):
        policy = self.permission_policy
        return policy.instances_user_has_any_permission_for(self.request.user, ["view"]).select_related("home")

    # Platform terms are listed read-only to a site's keepers: no edit link, no delete.
    def get_edit_url(self, instance):
        if self.permission_policy.user_has_permission_for_instance(self.request.user, "change", instance):
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if self.permission_policy.user_has_permission_for_instance(self.request.user, "delete", instance):
            return super().get_delete_url(instance)
        return None


class GlossaryCreateView(TermFormMixin, generic.CreateView):
    pass


class GlossaryEditView(TermObjectMixin, TermFormMixin, generic.EditView):
    pass


class GlossaryDeleteView(TermObjectMixin, generic.DeleteView):
    object_action = "delete"


class GlossaryHistoryView(TermObjectMixin, history.HistoryView):
    object_action = "view"


class GlossaryUsageView(TermObjectMixin, usage.UsageView):
    object_action = "view"


def term_scope(term):
    return term.home.title if term.home_id else _("全平台")


class GlossaryViewSet(ModelViewSet):
    model = GlossaryTerm
    icon = "doc-full"
    menu_label = _("规范译名")
    menu_order = 320
    add_to_settings_menu = True
    index_view_class = GlossaryIndexView
    add_view_class = GlossaryCreateView
    edit_view_class = GlossaryEditView
    delete_view_class = GlossaryDeleteView
    history_view_class = GlossaryHistoryView
    usage_view_class = GlossaryUsageView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["source", "translation", "language_code", Column("home", label=_("所属站点"), accessor=term_scope)]
    list_filter = ["language_code"]
    search_fields = ["source", "translation"]
    search_backend_name = None
    form_fields = ["home", "language_code", "source", "translation", "note"]
