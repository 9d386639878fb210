"""Password policy: 12 characters, 3 of 4 character classes, not like the username, not common; a password
older than PASSWORD_MAX_AGE_DAYS sends its user to the account page; idle sessions end after 30 minutes."""

from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import PasswordRecord
from tests.accounts.conftest import log_in
from tests.factories import PASSWORD


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Short1!a", "password_too_short"),
        ("alllowercaseletters", "password_too_few_character_classes"),
        ("lowercase-and-symbols", "password_too_few_character_classes"),
        ("Password1234", "password_too_common"),
        ("Zhangsan.Editor1", "password_too_similar"),
    ],
)
def test_weak_passwords_are_refused(make_user, password, code):
    user = make_user(username="zhangsan.editor")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert code in {error.code for error in refused.value.error_list}


def test_a_long_password_of_three_classes_is_accepted(make_user):
    validate_password("Qingshan-2026-portal", make_user(username="zhangsan"))


def test_setting_a_password_records_when(make_user):
    user = make_user()
    before = PasswordRecord.objects.get(user=user).changed_at
    user.set_password("Another-Password-2026")
    user.save()
    assert PasswordRecord.objects.get(user=user).changed_at > before


@override_settings(PASSWORD_MAX_AGE_DAYS=90)
def test_an_old_password_must_be_changed_after_login(staff):
    PasswordRecord.objects.filter(user=staff).update(changed_at=timezone.now() - timedelta(days=91))
    client = Client()
    assert log_in(client, staff.username, PASSWORD).status_code == 302
    response = client.get(reverse("wagtailadmin_home"))
    assert response.url == reverse("wagtailadmin_account")
    assert client.get(reverse("wagtailadmin_account")).status_code == 200

    staff.set_password("Qingshan-2026-portal")
    staff.save()
    client = Client()
    log_in(client, staff.username, "Qingshan-2026-portal")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_a_recent_password_is_not_asked_for(staff):
    client = Client()
    log_in(client, staff.username, PASSWORD)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_an_idle_session_ends_after_30_minutes_and_each_request_extends_it(staff):
    client = Client()
    log_in(client, staff.username, PASSWORD)
    assert client.session.get_expiry_age() == 30 * 60
    session = Session.objects.get(session_key=client.session.session_key)
    session.expire_date = timezone.now() + timedelta(minutes=1)
    session.save()
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert Session.objects.get(pk=session.pk).expire_date > timezone.now() + timedelta(minutes=29)

    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
