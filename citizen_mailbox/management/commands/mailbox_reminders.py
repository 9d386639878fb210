"""Daily reminders: run once a working day, e.g. from cron at 08:00 (see docs/mailbox.md).

Each department's handlers get their messages due within two working days and
those already overdue; each site's administrators get all of their site's
(the escalation). Nothing is sent where nothing is due.
"""

import datetime
from collections import defaultdict

from django.core.management.base import BaseCommand
from django.utils import timezone

from citizen_mailbox import access, notifications
from citizen_mailbox.dashboard import due_soon_limit
from citizen_mailbox.models import Message


class Command(BaseCommand):
    help = "提醒即将到期的来信，超期来信报站点管理员（每个工作日运行一次）"

    def add_arguments(self, parser):
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="以该日期为今天（YYYY-MM-DD），用于补发")

    def handle(self, *args, date=None, **options):
        today = date or timezone.localdate()
        pressing = (
            Message.objects.open()
            .filter(due_date__lte=due_soon_limit(today))
            .select_related("site_home", "department")
            .order_by("due_date", "received_at")
        )
        by_site, by_department = defaultdict(list), defaultdict(list)
        for message in pressing:
            by_site[message.site_home].append(message)
            if message.department is not None:
                by_department[message.department].append(message)
        sent = 0
        for department, messages in by_department.items():
            recipients = [user.email for user in department.handlers.filter(is_active=True).exclude(email="")]
            sent += self._send(recipients, department.name, messages, today)
        for site_home, messages in by_site.items():
            recipients = [user.email for user in access.site_administrators(site_home)]
            sent += self._send(recipients, site_home.title, messages, today)
        self.stdout.write(f"{len(pressing)} message(s) due or overdue; {sent} reminder(s) sent.")

    def _send(self, recipients, title, messages, today):
        if not recipients:
            return 0
        overdue = [message for message in messages if message.due_date < today]
        due_soon = [message for message in messages if message.due_date >= today]
        notifications.remind(recipients, title, due_soon, overdue)
        return 1
