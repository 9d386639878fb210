"""Delete 搜索词统计 rows older than the reports look back: run daily from cron (docs/operations.md).

The public search logs at most a bounded number of new terms a day (search.views.NEW_TERMS_DAILY_CAP);
this keeps the table from growing year after year. The reports look back at most 365 days.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from search.models import QueryLog

DEFAULT_DAYS = 400


class Command(BaseCommand):
    help = "删除早于保留天数的搜索词记录（默认保留 400 天；搜索词统计最长查看 365 天）。建议每天运行一次。"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=DEFAULT_DAYS, help="保留最近多少天的记录，默认 400。")

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError(_("--days 至少为 1。"))
        before = timezone.localdate() - datetime.timedelta(days=days)
        deleted, _by_model = QueryLog.objects.filter(date__lt=before).delete()
        message = _("已删除 %(count)d 条 %(date)s 之前的搜索词记录。")
        self.stdout.write(message % {"count": deleted, "date": before.isoformat()})
