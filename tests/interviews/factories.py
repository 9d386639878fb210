"""Interviews for the interview tests: published pages under a site's provisioned 在线访谈 column."""

from datetime import timedelta
from itertools import count

from django.utils import timezone

from interviews.models import InterviewGuest, InterviewPage

GUESTS = (("张明", "局长", "甲县发展和改革局"), ("李华", "副局长", "甲县人力资源和社会保障局"))
_numbers = count(1)


def make_interview(index, *, start=None, end=None, live=True, **fields):
    """A published InterviewPage under `index` with two guests, from now-30 min to now+30 min by default.

    `start` and `end` set the schedule; other keyword arguments are page fields (title, host, summary...).
    With live=False the page is saved as a draft revision only, never published.
    """
    number = next(_numbers)
    now = timezone.now()
    interview = InterviewPage(
        title=fields.pop("title", f"在线访谈{number}"),
        slug=fields.pop("slug", f"interview-{number}"),
        summary=fields.pop("summary", "解读本县稳就业政策。"),
        host=fields.pop("host", "王主持"),
        scheduled_start=start or now - timedelta(minutes=30),
        scheduled_end=end or now + timedelta(minutes=30),
        live=live,
        **fields,
    )
    for name, title, organisation in GUESTS:
        interview.guests.add(InterviewGuest(name=name, title=title, organisation=organisation))
    index.add_child(instance=interview)
    revision = interview.save_revision()
    if live:
        revision.publish()
    return InterviewPage.objects.get(pk=interview.pk)
