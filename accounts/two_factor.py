"""Two-factor authentication with django-otp: an authenticator app (TOTP) and single-use recovery codes."""

from base64 import b32encode

import segno
from django.db import transaction
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp import devices_for_user, verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10


def has_authenticator(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_authenticator(user):
    """The authenticator being set up: kept across page loads so the QR code shown stays the one to confirm."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=_("身份验证器"), confirmed=False)


def qr_code_svg(device):
    """The otpauth:// address as an inline SVG QR code, drawn here: the secret never leaves the server."""
    return mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("身份验证器二维码")))  # noqa: S308 - segno's own SVG  # nosec B308 B703


def secret_text(device):
    """The key in base32, in groups of four, for typing into an app that cannot scan."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def confirm_authenticator(device, token):
    """Enable the authenticator if `token` is its current code; return the new recovery codes, or None."""
    with transaction.atomic():
        if not verify_token(device.user, device.persistent_id, token):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return issue_recovery_codes(device.user)


def issue_recovery_codes(user):
    """Replace the user's recovery codes with new ones; they are shown once, each works once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("恢复码"), confirmed=True)
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def matching_device(user, token):
    """The user's confirmed device (authenticator or recovery codes) that accepts `token`, or None."""
    token = token.replace(" ", "")
    for device in devices_for_user(user):
        verified = verify_token(user, device.persistent_id, token)
        if verified:
            return verified
    return None


def reset(user):
    """Remove the user's authenticator and recovery codes: the next login sets up a new authenticator."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
