"""Two-factor set-up and verification, the security administrator's unlock and reset pages, and the
lock-out count on Wagtail's password forms for private pages and collections."""

from functools import wraps

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin import messages
from wagtail.documents.views.serve import authenticate_with_password as document_password_view
from wagtail.views import authenticate_with_password as page_password_view

from accounts import audit, two_factor
from accounts.forms import TokenForm
from accounts.lockout import lockout_response

UNLOCK_PERMISSION = "accounts.unlock_account"
RESET_PERMISSION = "accounts.reset_two_factor"


def next_url(request):
    """Where to go once verified: the admin page first asked for, never another host."""
    target = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def two_factor_setup(request):
    """Link an authenticator app: QR code and key, then a code from the app enables it and shows recovery codes.

    Only for a user without an authenticator: replacing one needs the security administrator's reset,
    otherwise a stolen password alone could enrol the thief's phone.
    """
    if two_factor.has_authenticator(request.user):
        return redirect(f"{reverse('accounts_two_factor_verify')}?next={next_url(request)}")
    device = two_factor.pending_authenticator(request.user)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        codes = two_factor.confirm_authenticator(device, form.cleaned_data["token"])
        if codes is not None:
            otp_login(request, device)
            audit.log_event(request, audit.TWO_FACTOR_ENABLED, request.user.get_username(), actor=request.user)
            context = {"codes": codes, "next": next_url(request)}
            return TemplateResponse(request, "accounts/recovery_codes.html", context)
        form.add_error("token", _("验证码不正确，请核对手机时间后重试。"))
    context = {
        "form": form,
        "qr_code": two_factor.qr_code_svg(device),
        "secret": two_factor.secret_text(device),
        "next": next_url(request),
    }
    return TemplateResponse(request, "accounts/two_factor_setup.html", context)


def two_factor_verify(request):
    """The second step of every login: a code from the authenticator or a recovery code.

    A wrong code counts as a failed login (axes), so the six digits cannot be guessed either.
    """
    if not two_factor.has_authenticator(request.user):
        return redirect(f"{reverse('accounts_two_factor_setup')}?next={next_url(request)}")
    form = TokenForm(request.POST or None)
    if form.is_valid():
        credentials = {"username": request.user.get_username()}
        if not AxesProxyHandler.is_allowed(request, credentials):
            return log_out_locked(request, credentials)
        device = two_factor.matching_device(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(next_url(request))
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if request.axes_locked_out:
            return log_out_locked(request, credentials)
        form.add_error("token", _("验证码不正确。"))
    return TemplateResponse(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url(request)})


def log_out_locked(request, credentials):
    logout(request)
    return lockout_response(request, credentials=credentials)


def locked(field):
    """The values of `field` (username or ip_address) whose failures within the cool-off reach the limit."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .values(field)
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by(field)
    )
    return [(row[field], row["failures"]) for row in rows]


@permission_required(UNLOCK_PERMISSION, raise_exception=True)
def locks(request):
    """Locked accounts and addresses; 解锁 clears their failures at once instead of after the cool-off."""
    if request.method == "POST":
        field = {"account": "username", "address": "ip_address"}.get(request.POST.get("kind"))
        value = request.POST.get("value", "")
        if field is None or not value:
            raise PermissionDenied
        # Logged first: an unknown name's entry is attached to the attempt row the reset deletes.
        if field == "username":
            audit.log_event(request, audit.UNLOCKED, value, actor=request.user)
        else:
            audit.log_event(request, audit.UNLOCKED, "", actor=request.user, unlocked_address=value)
        AxesProxyHandler.reset_attempts(**{field: value})
        messages.success(request, _("已解除锁定：%(value)s") % {"value": value})
        return redirect("accounts_locks")
    context = {
        "sections": [
            ("account", _("账号"), locked("username")),
            ("address", _("网络地址"), locked("ip_address")),
        ]
    }
    return TemplateResponse(request, "accounts/locks.html", context)


@permission_required(RESET_PERMISSION, raise_exception=True)
def two_factor_users(request):
    """The accounts that have an authenticator, each with a reset for a lost phone."""
    User = get_user_model()
    users = User.objects.filter(
        pk__in=TOTPDevice.objects.filter(confirmed=True).values("user_id"),
    ).order_by(User.USERNAME_FIELD)
    return TemplateResponse(request, "accounts/two_factor_users.html", {"users": users})


@require_POST
@permission_required(RESET_PERMISSION, raise_exception=True)
def two_factor_reset(request, user_id):
    user = get_object_or_404(get_user_model(), pk=user_id)
    two_factor.reset(user)
    audit.log_event(request, audit.TWO_FACTOR_RESET, user.get_username(), actor=request.user)
    messages.success(request, _("已重置%(user)s的双因素认证，其下次登录时须重新绑定身份验证器。") % {"user": user})
    return redirect("accounts_two_factor_users")


def counting_failures(view, account):
    """Wrap one of Wagtail's password forms (private page, private collection) so wrong passwords count
    toward the lock-out like failed logins: by the restriction, as the "account", and by address."""

    @wraps(view)
    def wrapped(request, **kwargs):
        if request.method != "POST":
            return view(request, **kwargs)
        credentials = {"username": account(**kwargs)}
        if not AxesProxyHandler.is_allowed(request, credentials):
            return lockout_response(request, credentials=credentials)
        response = view(request, **kwargs)
        # The view redirects once the password is right and shows its form again when it is wrong.
        if response.status_code == 200:
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if request.axes_locked_out:
                return lockout_response(request, credentials=credentials)
        return response

    return wrapped


page_password = counting_failures(
    page_password_view, lambda page_view_restriction_id, page_id: f"page-password:{page_view_restriction_id}"
)
document_password = counting_failures(
    document_password_view, lambda restriction_id: f"collection-password:{restriction_id}"
)
