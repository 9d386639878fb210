from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailboxConfig(AppConfig):
    """Citizen mailbox (领导信箱, 咨询, 投诉, 建议) with working-day reply deadlines."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "citizen_mailbox"
    # The label stays "mailbox": tables, permissions (mailbox.change_message), content types, log actions
    # and template folders keep their names; only the package was renamed, because a top-level package
    # named `mailbox` shadowed the standard library's module of that name.
    label = "mailbox"
    verbose_name = _("政民互动信箱")

    def ready(self):
        # The public forms' rate limits need a shared cache in production: registers that start-up check.
        from govcms.core import ratelimit  # noqa: F401
