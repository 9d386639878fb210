from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdminUIConfig(AppConfig):
    """The admin in the platform's words: its name, Chinese where Wagtail has none, the editors' guide."""

    name = "adminui"
    verbose_name = _("管理界面")
