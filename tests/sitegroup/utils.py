"""Helpers shared by the sitegroup tests."""

from contextlib import contextmanager

from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    PageLogEntry,
    Revision,
    Site,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from sitegroup.models import SiteIdentity, SiteRole

PERMISSION_DENIED_MESSAGE = "Sorry, you do not have permission to access this area."


def assert_refused(response):
    """Wagtail's answer to a PermissionDenied in the admin: back to the dashboard with an error message."""
    assert response.status_code == 302, response.status_code
    assert response.url == reverse("wagtailadmin_home")


def assert_refused_with_message(client, response):
    assert_refused(response)
    dashboard = client.get(response.url)
    # Wagtail's own message, in the admin's default language.
    assert gettext(PERMISSION_DENIED_MESSAGE) in message_texts(dashboard)


def message_texts(response):
    """The Wagtail admin messages shown by a response (rendered with trailing whitespace)."""
    return [str(message).strip() for message in response.context["messages"]]


def article_form_data(title, slug, **changes):
    """What the page editor posts for an ArticlePage: a valid submission unless `changes` spoil it."""
    fields = {
        "title": title,
        "slug": slug,
        "kind": "news",
        "date": "2024-05-01",
        "source": "甲县人民政府办公室",
        "disclosure_method": "active",
        "body": streamfield([("paragraph", rich_text("<p>正文第一段。</p>"))]),
        "attachments": inline_formset([]),
        "comments": inline_formset([]),
        **changes,
    }
    return nested_form_data(fields)


def counts():
    """Row counts of everything provisioning or a page action could write."""
    models = (
        Page,
        Revision,
        PageLogEntry,
        Group,
        GroupPagePermission,
        GroupCollectionPermission,
        GroupSitePermission,
        Site,
        Collection,
    )
    result = {model.__name__: model.objects.count() for model in models}
    result["group model permissions"] = Group.permissions.through.objects.count()
    result["SiteIdentity"] = SiteIdentity.objects.count()
    result["SiteRole"] = SiteRole.objects.count()
    return result


@contextmanager
def audit_log_rewritable():
    """Let a test change log entries (e.g. backdate one), which the application may not (sitegroup.retention).

    On PostgreSQL the append-only triggers are disabled for the block, inside the test's transaction
    (ALTER TABLE is transactional there), and enabled again after it; SQLite has no trigger. ALTER TABLE
    waits for no deferred foreign-key check of the rows the test wrote: those are made at once.
    """
    tables = ("wagtailcore_pagelogentry", "wagtailcore_modellogentry")
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table in tables:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER govcms_append_only")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER govcms_append_only")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
