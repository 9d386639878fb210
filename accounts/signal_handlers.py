"""Login, logout, failure and lock-out signals: audit entries and the password-age check at login."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from accounts import audit
from accounts.models import password_expired

PASSWORD_EXPIRED_SESSION_KEY = "accounts_password_expired"  # noqa: S105 - a session key, not a password  # nosec B105


def logged_in(sender, request, user, **kwargs):
    audit.log_event(request, audit.LOGIN, user.get_username(), actor=user)
    if password_expired(user):
        request.session[PASSWORD_EXPIRED_SESSION_KEY] = True


def logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit.log_event(request, audit.LOGOUT, user.get_username(), actor=user)


def login_failed(sender, credentials, request=None, **kwargs):
    # Without a request (the test client's login(), a script) there is no address and no attacker to count.
    if request is not None:
        audit.log_event(request, audit.LOGIN_FAILED, credentials.get("username", ""))


def locked_out(sender, request, username, ip_address, **kwargs):
    audit.log_event(request, audit.LOCKED, username or "")


def register_signal_handlers():
    user_logged_in.connect(logged_in, dispatch_uid="accounts_logged_in")
    user_logged_out.connect(logged_out, dispatch_uid="accounts_logged_out")
    user_login_failed.connect(login_failed, dispatch_uid="accounts_login_failed")
    user_locked_out.connect(locked_out, dispatch_uid="accounts_locked_out")
