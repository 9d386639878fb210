"""Close the interviews whose schedule has ended without the host pressing 结束访谈 (run from cron).

For every live interview whose end (the scheduled end, or the time the host extended it to) has passed
and whose transcript is not yet frozen, this does what 结束访谈 does in the live console
(interviews.console.end_interview): the entries still standing are frozen into the page's transcript as a
published revision, the interview is ended at its scheduled (or extended) end, and the questions still
open get their written-answer deadline, 5 working days after that end. It is logged without a user.

Idempotent: an interview already frozen is left alone, so running it every few minutes is safe, e.g.

    */5 * * * *  cd /srv/govcms && .venv/bin/python manage.py close_interviews
"""

from django.core.management.base import BaseCommand

from interviews.console import close_ended


class Command(BaseCommand):
    help = "结束已过结束时间但主持人未点击“结束访谈”的在线访谈，生成文字实录（可重复运行，供定时任务调用）"

    def handle(self, *args, **options):
        closed = close_ended()
        for interview in closed:
            self.stdout.write(f"closed: {interview.pk} {interview.title}")
        self.stdout.write(f"{len(closed)} interview(s) closed.")
