"""The demo fills the first county's mailbox with letters (demo.mailbox)."""

from types import SimpleNamespace

import pytest
from django.utils import timezone
from wagtail.models import Page

from citizen_mailbox.models import MailboxPage, Message, Status
from demo.mailbox import LETTERS, load_mailbox_demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_letters_in_every_state_one_extended_and_one_overdue(site_group):
    loaded = [
        (SimpleNamespace(kind="portal"), site_group.portal),
        (SimpleNamespace(kind="county"), site_group.county_a),
    ]
    assert load_mailbox_demo(loaded) == len(LETTERS)
    assert load_mailbox_demo(loaded) == 0  # loading again adds nothing
    letters = Message.objects.filter(site_home=site_group.county_a.home)
    assert set(letters.values_list("status", flat=True)) == set(Status.values)
    assert letters.filter(extension="approved").count() == 1
    assert sum(message.is_overdue() for message in letters) == 1
    assert letters.filter(is_public=True).count() == 1
    assert not Message.objects.filter(site_home=site_group.portal.home).exists()
    assert Page.objects.type(MailboxPage).count() == 4
    assert all(message.received_at < timezone.now() for message in letters)
