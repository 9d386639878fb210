from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    """Government information disclosure (政府信息公开): index numbers, categories, topics and the catalogue."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "disclosure"
    verbose_name = _("政府信息公开")
