"""Interviews by state, in the database: the lists of the 访谈列表 page and the home page's 正在直播 strip.

Broadcast.state() decides one interview's state in Python; a list filters the same rules in SQL, so it can be
paginated and costs one query whatever it lists: the Broadcast row (joined) is absent until the host first
acts, and the host's extension moves the end.
"""

from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from govcms.core.page_urls import full_url
from govcms.core.tree import SiteIndex, paginate
from home.blocks import HomeItem
from interviews.models import InterviewState


def with_end(interviews):
    """`interviews` annotated with `ends_at`: the scheduled end, or the host's extension."""
    return interviews.annotate(ends_at=Coalesce("broadcast_record__extended_until", "scheduled_end"))


def with_shown_times(interviews):
    """`with_end()` interviews annotated with the times the list shows, as interview_page.html does: `shown_start`,
    the host's early start or the scheduled start; `shown_end`, the host's 结束, else the extended or scheduled end."""
    return interviews.annotate(
        shown_start=Coalesce("broadcast_record__started_at", "scheduled_start"),
        shown_end=Coalesce("broadcast_record__ended_at", "ends_at"),
    )


def state_q(state, now):
    """A Q over `with_end()` interviews in `state` at `now`: Broadcast.state()'s rules."""
    not_ended = Q(broadcast_record__ended_at__isnull=True, ends_at__gt=now)
    started = Q(broadcast_record__started_at__isnull=False) | Q(scheduled_start__lte=now)
    if state == InterviewState.ENDED:
        return Q(broadcast_record__ended_at__isnull=False) | Q(ends_at__lte=now)
    if state == InterviewState.LIVE:
        return not_ended & started
    return not_ended & Q(broadcast_record__started_at__isnull=True, scheduled_start__gt=now)


def in_state(interviews, state, now):
    return with_shown_times(with_end(interviews)).filter(state_q(state, now))


def interviews_by_state(interviews, now):
    """{state: queryset} of `interviews`: live ones and upcoming ones soonest first, past ones newest first."""
    return {
        InterviewState.LIVE: in_state(interviews, InterviewState.LIVE, now).order_by("scheduled_start", "pk"),
        InterviewState.UPCOMING: in_state(interviews, InterviewState.UPCOMING, now).order_by("scheduled_start", "pk"),
        InterviewState.ENDED: in_state(interviews, InterviewState.ENDED, now).order_by("-scheduled_start", "-pk"),
    }


def home_items(interviews, count, now, request):
    """HomeItems of the `count` interviews a home-page block lists: live and upcoming soonest first, then past ones
    newest first, in one query."""
    ended = Case(When(state_q(InterviewState.ENDED, now), then=Value(1)), default=Value(0))
    soonest_first = Case(When(ended=0, then=F("scheduled_start")))
    rows = with_end(interviews).annotate(ended=ended).order_by("ended", soonest_first, "-scheduled_start", "-pk")
    return [
        HomeItem(
            title=interview.title,
            url=full_url(interview, request),
            date=timezone.localdate(interview.scheduled_start),
        )
        for interview in rows[:count]
    ]


def listing_context(request, index, now):
    """The 访谈列表 page's lists: 正在直播, 访谈预告 and 往期回顾 (paginated), at a fixed number of queries."""
    interviews = index.listed_interviews().select_related("cover_image").prefetch_related("guests")
    lists = interviews_by_state(interviews, now)
    past = paginate(request, lists[InterviewState.ENDED])
    sites = SiteIndex()
    own_site = sites.site_for_path(index.path)
    past.object_list = marked(request, past.object_list, InterviewState.ENDED, sites, own_site)
    return {
        "live_interviews": marked(request, lists[InterviewState.LIVE], InterviewState.LIVE, sites, own_site),
        "upcoming_interviews": marked(
            request, lists[InterviewState.UPCOMING], InterviewState.UPCOMING, sites, own_site
        ),
        "past_interviews": past,
    }


def marked(request, interviews, state, sites, own_site):
    """The rows of `interviews` with their state (that of their list: no query per row), their address and, for an
    interview of a site below `own_site`, that site's name. Such an interview links to its own site's host: the
    portal's site holds the sub-sites' pages too, and Wagtail would give their address under the portal's host."""
    rows = list(interviews)
    for interview in rows:
        site = sites.site_for_path(interview.path)
        other_site = site is not None and site != own_site
        interview.listed_state = state
        interview.other_site_title = site.title if other_site else ""
        interview.listed_url = interview.full_url if other_site else interview.get_url(request)
    return rows
