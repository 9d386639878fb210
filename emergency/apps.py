from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmergencyConfig(AppConfig):
    """Emergency information (突发事件): live updates, a one-step release and a banner across the site group."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "emergency"
    verbose_name = _("突发事件")
