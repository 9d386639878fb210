from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from sitegroup.retention import MINIMUM_RETENTION_DAYS, expired_entries, purge, retention_days


class Command(BaseCommand):
    help = (
        "Delete audit log entries (Wagtail's page and model logs) older than AUDIT_LOG_RETENTION_DAYS; "
        f"refuses a retention below {MINIMUM_RETENTION_DAYS} days. Run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="Retention in days (default: AUDIT_LOG_RETENTION_DAYS).")
        parser.add_argument("--dry-run", action="store_true", help="Count the entries that would go; delete none.")

    def handle(self, *args, days=None, dry_run=False, **options):
        try:
            days = retention_days(days)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        if dry_run:
            counts = {model._meta.label: entries.count() for model, entries in expired_entries(days).items()}
        else:
            counts = purge(days)
        verb = "would delete" if dry_run else "deleted"
        for label, count in counts.items():
            self.stdout.write(f"{label}: {verb} {count} entries older than {days} days")
