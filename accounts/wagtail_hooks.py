from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import admin_urls, audit
from accounts.views import RESET_PERMISSION, UNLOCK_PERMISSION


@hooks.register("register_admin_urls")
def register_account_urls():
    return [path("", include(admin_urls))]


hooks.register("register_log_actions", audit.register_log_actions)


class PermissionMenuItem(MenuItem):
    def __init__(self, label, url_name, permission, **kwargs):
        super().__init__(label, reverse(url_name), **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_settings_menu_item")
def register_locks_menu_item():
    return PermissionMenuItem(_("登录锁定"), "accounts_locks", UNLOCK_PERMISSION, icon_name="lock", order=610)


@hooks.register("register_settings_menu_item")
def register_two_factor_menu_item():
    return PermissionMenuItem(
        _("双因素认证"), "accounts_two_factor_users", RESET_PERMISSION, icon_name="key", order=620
    )
