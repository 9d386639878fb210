from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailboxConfig(AppConfig):
    """Citizen mailbox (领导信箱, 咨询, 投诉, 建议) with working-day reply deadlines."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "mailbox"
    verbose_name = _("政民互动信箱")
