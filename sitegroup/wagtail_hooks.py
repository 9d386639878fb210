"""Admin integration: the provisioning view under Settings, its log action, site isolation and user management."""

from django.apps import apps
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter

from govcms.core.scope import SiteScope
from govcms.core.visibility import HELD_SITE_PATHS_HOOK
from govcms.core.wording import join_words
from sitegroup import views
from sitegroup.holding import held_sites_user_may_open, hold_pages_of_held_sites
from sitegroup.models import held_site_paths
from sitegroup.provisioning import LOG_ACTION, PROVISION_PERMISSION
from sitegroup.users import USER_BULK_ACTIONS


@hooks.register("register_admin_urls")
def register_provision_url():
    return [path("sitegroup/provision/", views.ProvisionSubsiteView.as_view(), name="sitegroup_provision_subsite")]


class ProvisionMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PROVISION_PERMISSION)


@hooks.register("register_settings_menu_item")
def register_provision_menu_item():
    return ProvisionMenuItem(
        _("开设下级站点"), reverse("sitegroup_provision_subsite"), name="provision-subsite", icon_name="site", order=601
    )


# Reports Wagtail offers only to page editors, which platform-wide users read in full (sitegroup.scoped_lists),
# the 审计管理员 without any page right: (menu name, URL name, label, icon, order) as Wagtail registers them.
PLATFORM_WIDE_REPORTS = (
    ("workflows", "wagtailadmin_reports:workflow", _("工作流"), "tasks", 800),
    ("workflow-tasks", "wagtailadmin_reports:workflow_tasks", _("工作流任务"), "thumbtack", 900),
    ("site-history", "wagtailadmin_reports:site_history", _("站点历史"), "history", 1000),
)


@hooks.register("construct_reports_menu")
def offer_platform_wide_reports(request, menu_items):
    if not SiteScope.of(request.user).platform_wide:
        return
    shown = {item.name for item in menu_items}
    for name, url_name, label, icon, order in PLATFORM_WIDE_REPORTS:
        if name not in shown:
            menu_items.append(MenuItem(label, reverse(url_name), name=name, icon_name=icon, order=order))


@hooks.register("register_log_actions")
def register_provision_log_action(actions):
    @actions.register_action(LOG_ACTION)
    class ProvisionLogFormatter(LogFormatter):
        label = _("开设站点")

        def format_message(self, log_entry):
            created = log_entry.data.get("created", [])
            return _("开设或补全站点：%(items)s") % {"items": join_words(created)}


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser_to_own_sites(pages, request):
    """Wagtail's page chooser browses and searches the whole tree; keep other sites' pages out of it.

    A chooser for a page type marked `chosen_from_sites_above` (policies) also offers the live
    pages of the sites above the user's own. Platform administrators choose from every site.
    """
    sites_above = any(getattr(model, "chosen_from_sites_above", False) for model in requested_page_types(request))
    return pages.filter(SiteScope.of(request.user).chooser_q(sites_above=sites_above))


def requested_page_types(request):
    """The page models a chooser asks for (Wagtail's `page_type` parameter, e.g. "policy.policypage")."""
    models = []
    for name in request.GET.get("page_type", "").split(","):
        try:
            models.append(apps.get_model(name))
        except (LookupError, ValueError):
            continue
    return models


@hooks.register("before_move_page")
def refuse_moves_the_user_may_not_make(request, page, destination):
    """Wagtail checks a move only when it is confirmed; the confirmation page names any two pages to anyone."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)


# order=1: after Wagtail's own registrations of these endpoint names, which these replace.
@hooks.register("construct_admin_api", order=1)
def scope_media_admin_api(router):
    """Wagtail's admin API lists every image and document to any admin user, whatever their collections."""
    router.register_endpoint("images", views.ScopedImagesAdminAPIViewSet)
    router.register_endpoint("documents", views.ScopedDocumentsAdminAPIViewSet)


@hooks.register("before_serve_page")
def hold_pages_of_sites_not_yet_open(page, request, serve_args, serve_kwargs):
    return hold_pages_of_held_sites(request, page)


class HeldSitesPanel(Component):
    """Tells those who may complete a site's identity that the site is not public until they do."""

    name = "held_sites"
    order = 40
    template_name = "sitegroup/held_sites_panel.html"

    def __init__(self, held):
        self.held = held

    def get_context_data(self, parent_context=None):
        return {"held": self.held}


@hooks.register("construct_homepage_panels")
def warn_about_sites_not_yet_public(request, panels):
    if held := held_sites_user_may_open(request.user):
        panels.append(HeldSitesPanel(held))


# order=1: Wagtail's user bulk actions of the same types are registered (and replaced) before these.
for user_bulk_action in USER_BULK_ACTIONS:
    hooks.register("register_bulk_action", user_bulk_action, order=1)


# Content lists and search ask govcms.core.visibility which sites are held back; sitegroup knows.
hooks.register(HELD_SITE_PATHS_HOOK, held_site_paths)
