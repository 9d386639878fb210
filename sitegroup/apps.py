from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteGroupConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sitegroup"
    verbose_name = _("站群管理")
