from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Login protection: lock-out, two-factor authentication, password policy and age, login audit events."""

    name = "accounts"
    verbose_name = _("登录安全")
