"""The admin's help menu leads to the platform's editors' guide instead of Wagtail's English one."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from adminui.explorer import ExplorerPageViewSet
from adminui.views import GuideView

# Wagtail's own help items: its English editor guide and its release notes.
WAGTAIL_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("register_admin_urls")
def register_guide_urls():
    return [
        path("guide/", GuideView.as_view(), name="guide_index"),
        path("guide/<slug:name>/", GuideView.as_view(), name="guide"),
    ]


@hooks.register("register_help_menu_item")
def register_guide_menu_item():
    return MenuItem(_("编辑指南"), reverse("guide_index"), name="guide", icon_name="help", order=900)


@hooks.register("construct_help_menu")
def remove_wagtail_guides(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_HELP_ITEMS)]


# The explorer's listing for parents with very many children (adminui.explorer). Registered after Wagtail's own
# page viewset (order=1), so that the page viewset registry routes the explorer here.
@hooks.register("register_admin_viewset", order=1)
def register_explorer_viewset():
    return ExplorerPageViewSet()
