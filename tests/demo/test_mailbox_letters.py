"""The demo fills the first county's mailbox with letters (demo.mailbox)."""

from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from citizen_mailbox.models import MailboxPage, Message, Status
from demo.mailbox import DEMO_PASSWORD, LETTERS, load_mailbox_demo
from tests.citizen_mailbox.conftest import COUNTY_A_HOST, captcha_answer, mailbox_of, public_url

pytestmark = pytest.mark.django_db


def loaded_sites(site_group):
    return [
        (SimpleNamespace(kind="portal"), site_group.portal),
        (SimpleNamespace(kind="county"), site_group.county_a),
    ]


def looked_up_with_demo_password(site_group):
    """Whether the public lookup form opens the first demo letter with the demo password."""
    client = Client(HTTP_HOST=COUNTY_A_HOST, REMOTE_ADDR="10.9.9.9")
    url = public_url(mailbox_of(site_group.county_a), "lookup/")
    hashkey, answer = captcha_answer(client.get(url))
    code = Message.objects.filter(site_home=site_group.county_a.home).earliest("pk").tracking_code
    data = {"tracking_code": code, "password": DEMO_PASSWORD, "captcha_0": hashkey, "captcha_1": answer}
    return client.post(url, data).status_code == 200


def test_the_demo_has_letters_in_every_state_one_extended_and_one_overdue(site_group):
    loaded = loaded_sites(site_group)
    assert load_mailbox_demo(loaded, usable_password=True) == len(LETTERS)
    assert load_mailbox_demo(loaded, usable_password=True) == 0  # loading again adds nothing
    letters = Message.objects.filter(site_home=site_group.county_a.home)
    assert set(letters.values_list("status", flat=True)) == set(Status.values)
    assert letters.filter(extension="approved").count() == 1
    assert sum(message.is_overdue() for message in letters) == 1
    assert letters.filter(is_public=True).count() == 1
    assert not Message.objects.filter(site_home=site_group.portal.home).exists()
    assert Page.objects.type(MailboxPage).count() == 4
    assert all(message.received_at < timezone.now() for message in letters)


def test_the_demo_password_opens_letters_only_with_debug(site_group):
    load_mailbox_demo(loaded_sites(site_group), usable_password=False)

    assert not looked_up_with_demo_password(site_group)


def test_a_run_without_debug_takes_the_demo_password_away_from_letters_loaded_with_it(site_group):
    load_mailbox_demo(loaded_sites(site_group), usable_password=True)
    assert looked_up_with_demo_password(site_group)

    assert load_mailbox_demo(loaded_sites(site_group), usable_password=False) == 0

    assert not looked_up_with_demo_password(site_group)
