from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PasswordRecord(models.Model):
    """When a user's password was last set, so that passwords older than PASSWORD_MAX_AGE_DAYS must be changed.

    It also carries the security administrator's permissions (unlock, 2FA reset): they are about accounts,
    and a real model gives them a content type the group editor shows.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="password_record"
    )
    changed_at = models.DateTimeField(_("密码设置时间"))

    class Meta:
        verbose_name = _("密码记录")
        verbose_name_plural = _("密码记录")
        default_permissions = ()
        permissions = [
            ("unlock_account", _("解除登录锁定")),
            ("reset_two_factor", _("重置双因素认证")),
        ]

    def __str__(self):
        return f"{self.user} {self.changed_at:%Y-%m-%d}"


def password_expired(user):
    """Whether the user's password is older than PASSWORD_MAX_AGE_DAYS (0 turns the rule off).

    A password set before this record existed counts from the day the account was created.
    """
    max_age = settings.PASSWORD_MAX_AGE_DAYS
    if not max_age or not user.has_usable_password():
        return False
    record = PasswordRecord.objects.filter(user=user).first()
    changed_at = record.changed_at if record else user.date_joined
    return timezone.now() - changed_at > timedelta(days=max_age)
