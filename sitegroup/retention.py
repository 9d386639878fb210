"""Audit log retention (等保 level 3): the logs are kept at least six months, and only the retention job removes them.

The audit logs are Wagtail's two log tables: PageLogEntry (pages: edits,
workflow steps, publication, deletion) and ModelLogEntry (everything else
logged with `wagtail.log_actions.log`: settings, users, groups, sites,
letters, logins). On PostgreSQL a trigger (sitegroup migration 0005) makes
them append-only for the application: it refuses every UPDATE and DELETE
except

* DELETE of an entry older than MINIMUM_RETENTION_DAYS inside a transaction
  that set `govcms.retention` on (`SET LOCAL`, which ends with the
  transaction): `purge` below, run by the `purge_audit_log` command;
* the two updates the platform's own code needs: adding the deleted page's
  path to Wagtail's `wagtail.delete` entry once (release's delete-entry
  scoping), and Django setting an entry's content type to NULL when that
  content type is removed (the entries stay).

SQLite has no such trigger; there the retention rule is only the command's.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry

# 等保 level 3 keeps audit records for at least six months; the trigger enforces the same floor.
MINIMUM_RETENTION_DAYS = 183
AUDIT_LOG_MODELS = (PageLogEntry, ModelLogEntry)
# The transaction-local PostgreSQL setting the trigger reads.
RETENTION_SWITCH = "govcms.retention"


def retention_days(days=None):
    """`days`, or AUDIT_LOG_RETENTION_DAYS, refused below the minimum."""
    days = settings.AUDIT_LOG_RETENTION_DAYS if days is None else days
    if days < MINIMUM_RETENTION_DAYS:
        raise ImproperlyConfigured(
            f"Audit log retention is {days} days; at least {MINIMUM_RETENTION_DAYS} days are required "
            "(AUDIT_LOG_RETENTION_DAYS)."
        )
    return days


def expired_entries(days, now=None):
    """{model: queryset} of the entries older than `days` days."""
    cutoff = (now or timezone.now()) - timedelta(days=retention_days(days))
    return {model: model.objects.filter(timestamp__lt=cutoff) for model in AUDIT_LOG_MODELS}


def purge(days=None, now=None):
    """Delete the entries older than the retention; return {model label: number deleted}."""
    days = retention_days(days)
    deleted = {}
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'on', true)", [RETENTION_SWITCH])
        for model, entries in expired_entries(days, now).items():
            deleted[model._meta.label] = entries.delete()[0]
    return deleted
