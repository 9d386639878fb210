"""The scheduler's jobs, each run by one node at a time however many nodes run the scheduler (docs/scaling.md).

    python manage.py run_scheduled_jobs minutely     # every minute
    python manage.py run_scheduled_jobs daily        # once a day
    python manage.py run_scheduled_jobs daily-slow   # once a day, in the background (slow external hosts)

Each job runs under govcms.core.locks.single_run: a node that finds a job running elsewhere skips it. A daily job
that succeeded also leaves a mark for the day in the shared cache, so the other nodes' schedulers do not repeat it
that day. A job that fails is reported and the others still run; the command then exits non-zero, so the caller
may retry (the next minute, in docker-compose.yml's loop).
"""

import datetime
import logging

from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from govcms.core.locks import single_run

logger = logging.getLogger(__name__)

MINUTE, HOUR = 60, 3600
# group: [(command and arguments, lock lifetime in seconds)]. The lifetime (used by the cache lock only) must
# exceed the job's longest run: a node that died holding it blocks the job no longer than that.
GROUPS = {
    "minutely": [
        (("publish_scheduled",), 10 * MINUTE),
        (("close_interviews",), 10 * MINUTE),
    ],
    "daily": [
        (("purge_audit_log",), HOUR),
        (("prune_query_log",), HOUR),
        (("refresh_search_norms",), HOUR),
        (("captcha_clean",), HOUR),
        (("mailbox_reminders",), HOUR),
    ],
    # In this order: the audit reads the link check's findings (docs/monitoring.md).
    "daily-slow": [
        (("check_links", "--external"), 12 * HOUR),
        (("audit_sites",), 2 * HOUR),
    ],
}
DONE_PREFIX = "govcms:scheduled-done:"


def _done_key(job, day):
    return f"{DONE_PREFIX}{day.isoformat()}:{'_'.join(job)}"


class Command(BaseCommand):
    help = "运行一组定时任务（每分钟或每日），多台服务器同时运行时每个任务只由一台执行"

    def add_arguments(self, parser):
        parser.add_argument("group", choices=sorted(GROUPS), help="Which jobs: minutely, daily or daily-slow.")

    def handle(self, *args, group, **options):
        daily = group != "minutely"
        today = datetime.datetime.now(datetime.UTC).date()
        failed = [job for job, ttl in GROUPS[group] if not self._run(job, ttl, today if daily else None)]
        if failed:
            raise CommandError(f"failed: {', '.join(' '.join(job) for job in failed)}")

    def _run(self, job, ttl, day):
        """Run `job` unless another node runs it (or, for a daily job, ran it on `day`); False if it failed."""
        label = " ".join(job)
        with single_run(f"scheduled:{label}", ttl=ttl) as acquired:
            if not acquired:
                self.stdout.write(f"{label}: skipped, running on another node")
                return True
            if day is not None and cache.get(_done_key(job, day)):
                self.stdout.write(f"{label}: already done today")
                return True
            try:
                call_command(*job, stdout=self.stdout, stderr=self.stderr)
            except Exception:
                logger.exception("scheduled job %s failed", label)
                return False
            if day is not None:
                cache.set(_done_key(job, day), True, 2 * 24 * HOUR)
        return True
