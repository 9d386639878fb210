from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Login protection: lock-out, two-factor authentication, password policy and age, login audit events."""

    name = "accounts"
    verbose_name = _("登录安全")

    def ready(self):
        from accounts import signal_handlers  # noqa: F401 - connects the login signal receivers
