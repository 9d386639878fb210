from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterviewsConfig(AppConfig):
    """Online interviews (在线访谈); built out by its own issue."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "interviews"
    verbose_name = _("在线访谈")

    def ready(self):
        from interviews.signal_handlers import register_signal_handlers

        register_signal_handlers()
