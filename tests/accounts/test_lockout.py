"""Five failed logins lock the account and the address for 30 minutes, on the admin's login form and on
Wagtail's password forms for private pages; the security administrator unlocks; every event is audited."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageViewRestriction

from tests.accounts.conftest import log_in
from tests.factories import PASSWORD

LOCKED_TEXT = "登录已锁定"


def client_at(address):
    return Client(REMOTE_ADDR=address)


def fail(client, username, times=5):
    """Wrong passwords: the form again for the first four, the lock-out page with the fifth."""
    for attempt in range(1, times + 1):
        response = log_in(client, username, "wrong password")
        assert response.status_code == (429 if attempt == 5 else 200)


def test_five_failures_lock_the_account_from_every_address(staff):
    fail(client_at("10.0.0.1"), staff.username)

    for address in ("10.0.0.1", "10.0.0.2"):
        response = log_in(client_at(address), staff.username, PASSWORD)
        assert response.status_code == 429
        assert LOCKED_TEXT in response.text
        assert "30分钟" in response.text
    assert not ModelLogEntry.objects.filter(action="accounts.login", object_id=str(staff.pk)).exists()


def test_five_failures_lock_the_address_for_every_account(staff, make_user):
    attacker = client_at("10.0.0.3")
    for number in range(5):
        log_in(attacker, f"guess{number}", "wrong password")

    assert log_in(attacker, staff.username, PASSWORD).status_code == 429
    assert log_in(client_at("10.0.0.4"), staff.username, PASSWORD).status_code == 302


def test_a_forged_first_hop_behind_the_proxy_does_not_escape_the_address_lock(staff, settings):
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_FORWARDED_FOR"
    # The proxy appends the address it saw (10.0.0.9); what comes before is whatever the client claimed.
    for number in range(5):
        forged = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 10.0.0.9")
        log_in(forged, f"guess{number}", "wrong password")

    again = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.99, 10.0.0.9")
    assert log_in(again, staff.username, PASSWORD).status_code == 429


def test_a_successful_login_does_not_clear_earlier_failures(staff):
    client = client_at("10.0.0.5")
    fail(client, staff.username, times=4)
    assert log_in(client, staff.username, PASSWORD).status_code == 302
    assert log_in(client_at("10.0.0.5"), staff.username, "wrong password").status_code == 429


def test_failures_on_a_private_pages_password_form_count(site_group):
    page = site_group.county_a.home
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="page-secret"
    )
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    client = client_at("10.0.0.6")
    for attempt in range(1, 6):
        response = client.post(url, {"password": "wrong", "return_url": "/"})
        assert response.status_code == (429 if attempt == 5 else 200)
    response = client.post(url, {"password": "page-secret", "return_url": "/"})
    assert response.status_code == 429
    assert LOCKED_TEXT in response.text
    # The restriction counts as the account: its password is refused from every address until the cool-off ends.
    assert client_at("10.0.0.7").post(url, {"password": "page-secret", "return_url": "/"}).status_code == 429


def test_failures_and_the_lock_are_in_the_audit_log_with_the_address(staff):
    fail(client_at("10.0.0.8"), staff.username)
    log_in(client_at("10.0.0.8"), staff.username, PASSWORD)

    entries = ModelLogEntry.objects.filter(object_id=str(staff.pk), content_type__model="user")
    failures = entries.filter(action="accounts.login_failed")
    assert failures.count() == 6
    assert {entry.data["address"] for entry in failures} == {"10.0.0.8"}
    assert entries.filter(action="accounts.locked", data__address="10.0.0.8").exists()


def test_unknown_names_are_audited_on_axes_attempt_row(db):
    fail(client_at("10.0.0.9"), "no-such-user", times=1)
    entry = ModelLogEntry.objects.get(action="accounts.login_failed")
    assert entry.content_type.app_label == "axes"
    assert entry.data == {"account": "no-such-user", "address": "10.0.0.9"}


def test_login_and_logout_are_audited_with_the_address(staff):
    client = client_at("10.0.1.1")
    assert log_in(client, staff.username, PASSWORD).status_code == 302
    client.post(reverse("wagtailadmin_logout"))
    actions = ModelLogEntry.objects.filter(object_id=str(staff.pk), data__address="10.0.1.1")
    assert set(actions.values_list("action", flat=True)) == {"accounts.login", "accounts.logout"}
    assert actions.get(action="accounts.login").user_id == staff.pk


def test_the_site_history_shows_login_events_in_chinese(staff, make_user):
    log_in(client_at("10.0.1.2"), staff.username, "wrong password")
    admin = make_user(is_superuser=True)
    client = Client()
    client.force_login(admin)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert f"登录失败，账号：{staff.username}，地址：10.0.1.2" in response.text


def test_the_security_administrator_sees_and_unlocks_accounts_and_addresses(staff, security_admin):
    fail(client_at("10.0.2.1"), staff.username)
    for number in range(5):
        log_in(client_at("10.0.2.2"), f"guess{number}", "wrong password")
    admin = Client(REMOTE_ADDR="10.9.9.9")
    admin.force_login(security_admin)

    page = admin.get(reverse("accounts_locks"))
    assert page.status_code == 200
    assert staff.username in page.text and "10.0.2.2" in page.text

    admin.post(reverse("accounts_locks"), {"kind": "account", "value": staff.username})
    assert log_in(client_at("10.0.2.3"), staff.username, PASSWORD).status_code == 302
    assert log_in(client_at("10.0.2.2"), staff.username, PASSWORD).status_code == 429

    admin.post(reverse("accounts_locks"), {"kind": "address", "value": "10.0.2.2"})
    assert log_in(client_at("10.0.2.2"), staff.username, PASSWORD).status_code == 302
    unlocks = ModelLogEntry.objects.filter(action="accounts.unlocked", user=security_admin)
    assert {entry.data.get("unlocked_address") or entry.data["account"] for entry in unlocks} == {
        staff.username,
        "10.0.2.2",
    }


@pytest.mark.parametrize("url_name", ["accounts_locks", "accounts_two_factor_users"])
def test_others_may_not_unlock_or_reset(staff, security_admin, url_name):
    fail(client_at("10.0.3.1"), security_admin.username)
    client = Client()
    client.force_login(staff)
    home = reverse("wagtailadmin_home")
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    assert client.get(reverse(url_name)).url == home
    assert client.post(reverse("accounts_locks"), {"kind": "account", "value": security_admin.username}).url == home
    assert log_in(client_at("10.0.3.2"), security_admin.username, PASSWORD).status_code == 429
    assert client.post(reverse("accounts_two_factor_reset", args=[staff.pk])).url == home
    assert reverse(url_name) not in client.get(home).text
