from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo site group and `manage.py load_demo`: installed by the dev and test settings, and in
    production only when GOVCMS_DEMO is true (docs/demo.md). It has no models; nothing imports it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = _("演示站群")
