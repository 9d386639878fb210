"""Anonymous visitors cannot flood the captcha table, and a request without a usable client address is no 500.

Every view of a public form makes a captcha row; the limits (citizen_mailbox.captchas) are lowered here so
a handful of requests reach them. Rate limits count per client address (govcms.core.ratelimit.client_key);
the start-up check that they count in a shared cache in production is tested by running `manage.py check`.
"""

import datetime
import secrets

import pytest
from captcha.models import CaptchaStore
from django.test import Client
from django.utils import timezone

from citizen_mailbox import captchas
from citizen_mailbox.models import Message
from tests.citizen_mailbox.conftest import COUNTY_A_HOST, public_url
from tests.citizen_mailbox.test_public_form import form_data, write_url
from tests.govcms.test_settings import manage

pytestmark = pytest.mark.django_db


class ClientWithoutAddress(Client):
    """A browser whose requests carry no REMOTE_ADDR at all (gunicorn on a Unix socket behind a proxy)."""

    def _base_environ(self, **request):
        environ = super()._base_environ(**request)
        environ.pop("REMOTE_ADDR", None)
        return environ


def visitor(number):
    return Client(HTTP_HOST=COUNTY_A_HOST, REMOTE_ADDR=f"10.1.0.{number}")


def test_a_client_gets_a_limited_number_of_captchas_an_hour(mailbox_a, monkeypatch):
    monkeypatch.setattr(captchas, "CAPTCHA_RATE", "3/h")
    client = visitor(1)

    statuses = [client.get(write_url(mailbox_a)).status_code for _ in range(3)]
    refused = client.get(public_url(mailbox_a, "lookup/"))

    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert "访问过于频繁" in refused.content.decode()
    assert CaptchaStore.objects.count() == 3
    assert visitor(2).get(write_url(mailbox_a)).status_code == 200  # others are not affected


def test_a_client_gets_a_limited_number_of_captchas_a_day(mailbox_a, monkeypatch):
    monkeypatch.setattr(captchas, "CAPTCHA_DAILY_CAP", "2/d")
    client = visitor(1)

    assert [client.get(write_url(mailbox_a)).status_code for _ in range(3)] == [200, 200, 429]
    assert CaptchaStore.objects.count() == 2


def test_the_captcha_table_has_a_ceiling_whoever_asks(mailbox_a, monkeypatch):
    monkeypatch.setattr(captchas, "LIVE_CAP", 3)

    statuses = [visitor(number).get(write_url(mailbox_a)).status_code for number in range(1, 6)]

    assert statuses == [200, 200, 200, 503, 503]
    assert CaptchaStore.objects.count() == 3
    assert "系统繁忙" in visitor(9).get(public_url(mailbox_a, "lookup/")).content.decode()


def test_expired_captchas_are_deleted_when_new_ones_are_made(mailbox_a):
    expired = timezone.now() - datetime.timedelta(minutes=1)
    for _ in range(3):
        CaptchaStore.objects.create(challenge="1+1", response="2", expiration=expired)

    assert visitor(1).get(write_url(mailbox_a)).status_code == 200

    assert not CaptchaStore.objects.filter(expiration__lte=timezone.now()).exists()
    assert CaptchaStore.objects.count() == 1


def test_the_captcha_refresh_endpoint_that_made_rows_for_anyone_is_gone(mailbox_a):
    client = visitor(1)

    response = client.get("/captcha/refresh/", HTTP_X_REQUESTED_WITH="XMLHttpRequest")

    assert response.status_code == 404
    assert not CaptchaStore.objects.exists()
    # The images of the forms' own captchas are still served.
    key = client.get(write_url(mailbox_a)).context["form"]["captcha"].value()
    hashkey = key[0] if isinstance(key, list) else CaptchaStore.objects.get().hashkey
    image = client.get(f"/captcha/image/{hashkey}/")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"


ADDRESSES = {
    "no REMOTE_ADDR": (None, {}),
    "empty REMOTE_ADDR": ("", {}),
    "garbage REMOTE_ADDR": ("unix:/run/gunicorn.sock", {}),
    "proxy header missing": ("", {"RATELIMIT_IP_META_KEY": "HTTP_X_REAL_IP"}),
    "proxy header garbage": ("", {"RATELIMIT_IP_META_KEY": "HTTP_X_REAL_IP", "HTTP_X_REAL_IP": "not-an-address"}),
    "proxy header list": (
        "",
        {
            "RATELIMIT_IP_META_KEY": "HTTP_X_FORWARDED_FOR",
            "HTTP_X_FORWARDED_FOR": "1.2.3.4, ::1",
        },
    ),
}


@pytest.mark.parametrize(("remote_addr", "extra"), ADDRESSES.values(), ids=ADDRESSES.keys())
def test_a_missing_or_odd_client_address_is_limited_not_a_500(mailbox_a, settings, remote_addr, extra):
    extra = dict(extra)
    if "RATELIMIT_IP_META_KEY" in extra:
        settings.RATELIMIT_IP_META_KEY = extra.pop("RATELIMIT_IP_META_KEY")
    if remote_addr is None:
        client = ClientWithoutAddress(HTTP_HOST=COUNTY_A_HOST, **extra)
    else:
        client = Client(HTTP_HOST=COUNTY_A_HOST, REMOTE_ADDR=remote_addr, **extra)

    assert client.post(write_url(mailbox_a), form_data(client, mailbox_a)).status_code == 200
    for _ in range(4):
        client.post(write_url(mailbox_a), {"name": "x"})
    assert client.post(write_url(mailbox_a), {"name": "x"}).status_code == 429  # still limited, as one client
    assert client.get("/search/", {"q": "政府"}).status_code == 200
    assert Message.objects.count() == 1


def test_production_refuses_a_per_process_cache_for_rate_limits():
    secret_key = secrets.token_urlsafe(50)

    for cache_url in ("locmemcache://", "dummycache://"):
        result = manage("check", SECRET_KEY=secret_key, CACHE_URL=cache_url)
        assert result.returncode != 0
        assert "govcms.E001" in result.stderr
        assert "CACHE_URL" in result.stderr

    assert manage("check", SECRET_KEY=secret_key).returncode == 0  # the example's Redis
