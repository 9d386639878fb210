"""Audit log retention (issue 12 item 8): kept at least 183 days, removed only by the retention job.

The command and its minimum run on every database; the append-only trigger exists on PostgreSQL only
(sitegroup migration 0005), so its tests are skipped on SQLite.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from wagtail.actions.delete_page import DeletePageAction
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, PageLogEntry

from sitegroup.retention import MINIMUM_RETENTION_DAYS, purge
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the append-only trigger is created on PostgreSQL only; SQLite has no equivalent (sitegroup.retention)",
)


def days_ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def entries(site_group):
    """A page entry and a model entry each 400 and 100 days old."""
    home = site_group.county_a.home
    group = Group.objects.create(name="留存测试组")
    made = {}
    for age in (400, 100):
        made[("page", age)] = log(instance=home, action="wagtail.edit", timestamp=days_ago(age))
        made[("model", age)] = log(instance=group, action="wagtail.edit", timestamp=days_ago(age))
    return made


def survivors(entries):
    return {
        key
        for key, entry in entries.items()
        if type(entry).objects.filter(pk=entry.pk).exists()  # PageLogEntry or ModelLogEntry
    }


def test_the_command_deletes_the_entries_older_than_the_retention(entries, settings, capsys):
    settings.AUDIT_LOG_RETENTION_DAYS = 365

    call_command("purge_audit_log")

    assert survivors(entries) == {("page", 100), ("model", 100)}
    assert "wagtailcore.PageLogEntry: deleted" in capsys.readouterr().out


def test_a_dry_run_deletes_nothing(entries, settings, capsys):
    call_command("purge_audit_log", "--dry-run", "--days", "200")

    assert survivors(entries) == set(entries)
    assert "would delete 1 entries" in capsys.readouterr().out


@pytest.mark.parametrize("days", [0, 30, MINIMUM_RETENTION_DAYS - 1])
def test_the_command_refuses_a_retention_below_183_days(entries, settings, days):
    settings.AUDIT_LOG_RETENTION_DAYS = days
    with pytest.raises(CommandError, match="183"):
        call_command("purge_audit_log")
    with pytest.raises(CommandError, match="183"):
        call_command("purge_audit_log", "--days", str(days))
    assert survivors(entries) == set(entries)


def refused(operation):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        operation()


@postgresql_only
def test_the_application_changes_and_deletes_no_log_entry(entries):
    for entry in entries.values():
        rows = type(entry).objects.filter(pk=entry.pk)
        refused(lambda rows=rows: rows.update(label="改写"))
        refused(lambda rows=rows: rows.update(timestamp=timezone.now()))
        refused(rows.delete)
    assert survivors(entries) == set(entries)
    assert not PageLogEntry.objects.filter(label="改写").exists()


@postgresql_only
def test_even_the_retention_switch_deletes_no_entry_younger_than_183_days(entries):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL govcms.retention = 'on'")
        refused(ModelLogEntry.objects.filter(pk=entries[("model", 100)].pk).delete)
        refused(lambda: PageLogEntry.objects.filter(pk=entries[("page", 400)].pk).update(label="改写"))


@postgresql_only
def test_the_retention_job_deletes_old_entries_through_the_trigger(entries):
    assert purge(MINIMUM_RETENTION_DAYS) == {"wagtailcore.PageLogEntry": 1, "wagtailcore.ModelLogEntry": 1}
    assert survivors(entries) == {("page", 100), ("model", 100)}
    # The switch ended with the job's transaction.
    refused(ModelLogEntry.objects.filter(pk=entries[("model", 100)].pk).delete)


@postgresql_only
def test_a_deleted_pages_entry_records_its_path_once_and_no_more(site_group):
    """The one update the platform makes (release's delete-entry scoping) passes; any other change of it does not."""
    column = site_group.county_a.home.get_children().first()
    article = ArticlePageFactory(parent=column, title="将删除的文章", slug="to-be-deleted")
    path = article.path

    DeletePageAction(article, user=None).execute(skip_permission_checks=True)

    entry = PageLogEntry.objects.get(page_id=article.pk, action="wagtail.delete")
    assert entry.data["path"] == path
    entries = PageLogEntry.objects.filter(pk=entry.pk)
    refused(lambda: entries.update(data={**entry.data, "path": site_group.county_b.home.path}))
    refused(lambda: entries.update(data={**entry.data, "title": "改写"}))
