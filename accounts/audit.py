"""Login events in Wagtail's audit log (站点历史), each with the client's address.

An event is logged on the account it concerns; a failure for a name that is no account (or for a page's
password) is logged on the row django-axes keeps for that name and address, so the attempt is still seen.
"""

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log

from accounts.addresses import client_address

LOGIN = "accounts.login"
LOGOUT = "accounts.logout"
LOGIN_FAILED = "accounts.login_failed"
LOCKED = "accounts.locked"
UNLOCKED = "accounts.unlocked"
TWO_FACTOR_ENABLED = "accounts.two_factor_enabled"
TWO_FACTOR_RESET = "accounts.two_factor_reset"

ACTION_LABELS = {
    LOGIN: _("登录"),
    LOGOUT: _("退出登录"),
    LOGIN_FAILED: _("登录失败"),
    LOCKED: _("登录锁定"),
    UNLOCKED: _("解除登录锁定"),
    TWO_FACTOR_ENABLED: _("启用双因素认证"),
    TWO_FACTOR_RESET: _("重置双因素认证"),
}


class AccountEventFormatter(LogFormatter):
    """The action's label with the address it came from and, for unlocks, what was unlocked."""

    def format_message(self, log_entry):
        data = log_entry.data
        message = str(self.label)
        if data.get("account"):
            message += _("，账号：%(account)s") % {"account": data["account"]}
        if data.get("unlocked_address"):
            message += _("，解锁地址：%(address)s") % {"address": data["unlocked_address"]}
        if data.get("address"):
            message += _("，地址：%(address)s") % {"address": data["address"]}
        return message


def register_log_actions(actions):
    for action, label in ACTION_LABELS.items():
        actions.register_action(action)(type("AccountEventFormatter", (AccountEventFormatter,), {"label": label}))


def account_named(username):
    """The account with this login name, or None."""
    User = get_user_model()
    return User.objects.filter(**{User.USERNAME_FIELD: username}).first() if username else None


def log_event(request, action, username, actor=None, **data):
    """Log `action` about the account `username` (else axes' attempt row for it, else the acting user's account),
    with the address the request came from."""
    address = client_address(request)
    subject = (
        account_named(username)
        or AccessAttempt.objects.filter(username=username, ip_address=address).order_by("-attempt_time").first()
        # request.user is lazy twice over (auth, then django-otp), which Wagtail's log cannot see through.
        or (actor and account_named(actor.get_username()))
    )
    if subject is not None:
        log(subject, action, user=actor, data={"account": username, "address": address, **data})
