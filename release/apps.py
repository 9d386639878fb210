from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleaseConfig(AppConfig):
    """The release process (三审): content check, group review with four eyes, audit and statistics."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "release"
    verbose_name = _("发布审核")

    def ready(self):
        from release.signal_handlers import register_signal_handlers

        register_signal_handlers()
