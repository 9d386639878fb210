from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    """Policy documents and their interpretations (政策文件与解读); linked both ways."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "policy"
    verbose_name = _("政策文件")

    def ready(self):
        from policy.signal_handlers import register_signal_handlers

        register_signal_handlers()
