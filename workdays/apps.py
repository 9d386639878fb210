from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    """The working-day calendar shared by every deadline (replies, interpretations, solicitations)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "workdays"
    verbose_name = _("工作日历")
