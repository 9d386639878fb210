from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class SiteGroupConfig(AppConfig):
    default = True
    default_auto_field = "django.db.models.BigAutoField"
    name = "sitegroup"
    verbose_name = _("站群管理")

    def ready(self):
        from sitegroup.scoped_lists import scope_filter_choices
        from sitegroup.signal_handlers import register_signal_handlers

        register_signal_handlers()
        scope_filter_choices()


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app with the user and group views of sitegroup.users (installed in its place)."""

    default = False
    user_viewset = "sitegroup.users.UserViewSet"
    group_viewset = "sitegroup.users.GroupViewSet"
