"""Fixtures: a mailbox per county (made by provisioning), departments with handlers, messages."""

import datetime

import pytest
from captcha.models import CaptchaStore
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.utils import timezone

from citizen_mailbox.models import MailboxDepartment, MailboxPage, Message
from citizen_mailbox.provisioning import MAILBOX_SLUG
from govcms.core.tree import site_home_of

PASSWORD = "abcd2345"


COUNTY_A_HOST = "county-a.localhost"


@pytest.fixture
def client():
    """A browser on county A's own hostname (the mailbox tests' default site)."""
    return Client(HTTP_HOST=COUNTY_A_HOST)


def public_url(mailbox, route=""):
    """The mailbox URL on its own site (relative: the client sends the host)."""
    return mailbox.get_url_parts()[2] + route


def mailbox_of(result):
    return MailboxPage.objects.descendant_of(result.home).get(slug=MAILBOX_SLUG)


def add_department(mailbox, name, *handlers):
    department = MailboxDepartment.objects.create(page=mailbox, name=name)
    department.handlers.set(handlers)
    department.save()  # a parental many-to-many is written on save
    return department


def make_message(mailbox, *, received_at=None, **fields):
    received_at = received_at or timezone.now()
    defaults = {
        "name": "张三",
        "phone": "13812345678",
        "email": "citizen@example.com",
        "subject": "小区路灯不亮",
        "content": "幸福路12号小区路灯坏了一个月，请尽快维修。",
        "channel_name": "咨询",
        "password_hash": make_password(PASSWORD),
    }
    return Message.objects.create(
        mailbox=mailbox, site_home=site_home_of(mailbox), received_at=received_at, **{**defaults, **fields}
    )


def captcha_answer(response):
    """The answer to the captcha the page just showed, read from the store as a citizen would from the image."""
    key = response.context["form"]["captcha"].value()
    hashkey = key[0] if isinstance(key, list) else None
    store = CaptchaStore.objects.get(hashkey=hashkey) if hashkey else CaptchaStore.objects.latest("expiration")
    return store.hashkey, store.response


@pytest.fixture
def mailbox_a(site_group):
    return mailbox_of(site_group.county_a)


@pytest.fixture
def mailbox_b(site_group):
    return mailbox_of(site_group.county_b)


def days_ago(n):
    return timezone.now() - datetime.timedelta(days=n)
