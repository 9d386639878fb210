from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Login protection: lock-out, two-factor authentication, password policy and age, login audit events."""

    name = "accounts"
    verbose_name = _("登录安全")

    def ready(self):
        from accounts.signal_handlers import register_signal_handlers

        # After axes' own receivers (axes comes first in INSTALLED_APPS): a failure's attempt row exists when
        # it is audited.
        register_signal_handlers()
