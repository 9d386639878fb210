"""The admin refuses everything but the two-factor pages until the session is verified, and everything but
the account page while the password is older than PASSWORD_MAX_AGE_DAYS."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages

from accounts import two_factor
from accounts.models import password_expired
from accounts.signal_handlers import PASSWORD_EXPIRED_SESSION_KEY

ALWAYS_OPEN = {"wagtailadmin_login", "wagtailadmin_logout"}
TWO_FACTOR_PAGES = {"accounts_two_factor_setup", "accounts_two_factor_verify"}
PASSWORD_PAGES = {"wagtailadmin_account"}


class LoginProtectionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The path first: reading request.user loads the session, which public URLs (the live endpoint) never need.
        if not request.path.startswith(reverse("wagtailadmin_home")) or not request.user.is_authenticated:
            return None
        view_name = request.resolver_match.view_name
        if view_name in ALWAYS_OPEN:
            return None
        if settings.OTP_ENFORCED and not request.user.is_verified():
            if view_name in TWO_FACTOR_PAGES:
                return None
            step = "verify" if two_factor.has_authenticator(request.user) else "setup"
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse(f'accounts_two_factor_{step}')}?{query}")
        if request.session.get(PASSWORD_EXPIRED_SESSION_KEY) and view_name not in PASSWORD_PAGES | TWO_FACTOR_PAGES:
            if not password_expired(request.user):
                del request.session[PASSWORD_EXPIRED_SESSION_KEY]
                return None
            message = _("您的密码已超过%(days)d天未更换，请先修改密码。") % {"days": settings.PASSWORD_MAX_AGE_DAYS}
            messages.warning(request, message)
            return redirect("wagtailadmin_account")
        return None
