"""Two-factor authentication through the real login, set-up and verification views, with codes computed from
the device's key (django_otp.oath.totp). OTP_ENFORCED is off for the rest of the suite (govcms/settings/test.py)."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from tests.accounts.conftest import log_in
from tests.factories import PASSWORD

# No throttle back-off between a wrong code and the right one in a test.
pytestmark = pytest.mark.usefixtures("enforced")


@pytest.fixture
def enforced():
    with override_settings(OTP_ENFORCED=True, OTP_TOTP_THROTTLE_FACTOR=0, OTP_STATIC_THROTTLE_FACTOR=0):
        yield


def code(device, drift=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def set_up(client, user):
    """Log in with the password and link an authenticator; return the recovery codes shown."""
    assert log_in(client, user.username, PASSWORD).status_code == 302
    client.get(reverse("accounts_two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("accounts_two_factor_setup"), {"token": code(device)})
    return re.findall(r"<li><code>(\w+)</code></li>", response.text)


def test_a_password_alone_opens_only_the_set_up_page(staff):
    client = Client()
    log_in(client, staff.username, PASSWORD)
    response = client.get(reverse("wagtailadmin_explore_root"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts_two_factor_setup"))

    page = client.get(response.url)
    assert "<svg" in page.text
    secret = page.context["secret"].replace(" ", "")
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert secret and secret in page.text.replace(" ", "")

    wrong = client.post(reverse("accounts_two_factor_setup"), {"token": "000000"})
    assert "验证码不正确" in wrong.text
    done = client.post(reverse("accounts_two_factor_setup"), {"token": code(device)})
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.text)
    assert len(codes) == 10
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert ModelLogEntry.objects.filter(action="accounts.two_factor_enabled", object_id=str(staff.pk)).exists()


def test_each_later_login_asks_for_a_code_and_a_recovery_code_works_once(staff):
    codes = set_up(Client(), staff)
    device = TOTPDevice.objects.get(user=staff)

    client = Client()
    log_in(client, staff.username, PASSWORD)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.url.startswith(reverse("accounts_two_factor_verify"))
    # Set-up cannot replace a linked authenticator: a stolen password alone must not enrol another phone.
    assert client.get(reverse("accounts_two_factor_setup")).url.startswith(reverse("accounts_two_factor_verify"))
    assert client.post(reverse("accounts_two_factor_verify"), {"token": code(device, drift=1)}).status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    for outcome in (302, 200):
        other = Client()
        log_in(other, staff.username, PASSWORD)
        response = other.post(reverse("accounts_two_factor_verify"), {"token": codes[0]})
        assert response.status_code == outcome


def test_wrong_codes_count_toward_the_lock_out(staff):
    set_up(Client(), staff)
    client = Client()
    log_in(client, staff.username, PASSWORD)
    for _attempt in range(5):
        response = client.post(reverse("accounts_two_factor_verify"), {"token": "000000"})
    assert response.status_code == 429
    assert "登录已锁定" in response.text
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # logged out
    assert log_in(Client(), staff.username, PASSWORD).status_code == 429


def test_the_security_administrator_resets_a_lost_authenticator(staff, security_admin):
    set_up(Client(), staff)
    admin = Client()
    set_up(admin, security_admin)

    listing = admin.get(reverse("accounts_two_factor_users"))
    assert staff.username in listing.text
    admin.post(reverse("accounts_two_factor_reset", args=[staff.pk]))
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticDevice.objects.filter(user=staff).exists()
    entry = ModelLogEntry.objects.get(action="accounts.two_factor_reset")
    assert (entry.object_id, entry.user_id) == (str(staff.pk), security_admin.pk)

    client = Client()
    log_in(client, staff.username, PASSWORD)
    assert client.get(reverse("wagtailadmin_home")).url.startswith(reverse("accounts_two_factor_setup"))
