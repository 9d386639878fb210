from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SiteGroupConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sitegroup"
    verbose_name = _("站群管理")

    def ready(self):
        from sitegroup.platform import ensure_platform_admin_group_after_migrate

        post_migrate.connect(ensure_platform_admin_group_after_migrate, dispatch_uid="sitegroup_platform_admins")
