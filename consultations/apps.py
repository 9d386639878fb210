from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("意见征集与网上调查")
    default_auto_field = "django.db.models.BigAutoField"
