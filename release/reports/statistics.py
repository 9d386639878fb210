"""信息报送统计: submissions, publications (采用) and rejections per site, department and officer.

Everything is counted from Wagtail's workflow records, one WorkflowState per
submission of a page to its release workflow:

- 报送 (submitted): a workflow started by the officer, counted when it started.
  Resubmitting after a rejection continues the same workflow and is not
  counted again.
- 采用 (published): a workflow that ended approved (and so published the
  page), counted when its last step was approved.
- 退回 (rejected): each time a reviewer sent one of the officer's submissions
  back for changes, counted when it happened. Failures of the automated
  content check are not counted: nobody rejected anything.
- 采用中位时长: the median, over the publications counted, of the time from
  the start of the workflow to its approval (time spent on changes included).
- 上级采用 and 上级退回 (信息报送 upward, the submissions app): a live article
  offered to a column of a site above, counted when that site's editors
  adopted or returned it. They belong to the article's site and to the
  department of whoever offered it. The submissions app adds them through the
  `govcms_release_statistics_submissions` hook (STATISTICS_SUBMISSIONS_HOOK),
  so release imports no feature app: a function called with the pages and the
  Window that returns objects with page_id, officer_id and events(), such as
  UpwardSubmission.

A submission belongs to the site of its page (the nearest site above it) and
to the department of its officer: the deepest site where the officer's groups
hold page permissions, i.e. the unit whose 信息员 they are, which need not be
the site they submitted to. Months and years are those of the platform's time
zone. Wagtail deletes a page's workflow records with the page, so deleted
pages drop out of these figures (their log entries stay in the audit report).
"""

import datetime
import statistics as pystatistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Min, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import GroupPagePermission, Page, TaskState, WorkflowState

from govcms.core.hooks import hooks_in_app_order
from govcms.core.scope import SiteScope
from govcms.core.tree import SiteIndex
from release.reports.scoping import pages_of_site

STATISTICS_SUBMISSIONS_HOOK = "govcms_release_statistics_submissions"

MONTH = "month"
YEAR = "year"
GRANULARITY_CHOICES = [(MONTH, gettext_lazy("按月")), (YEAR, gettext_lazy("按年"))]

BY_OFFICER = "officer"
BY_DEPARTMENT = "department"
BY_SITE = "site"
DIMENSION_CHOICES = [
    (BY_OFFICER, gettext_lazy("信息员")),
    (BY_DEPARTMENT, gettext_lazy("部门")),
    (BY_SITE, gettext_lazy("站点")),
]


SUBMITTED = "submitted"
PUBLISHED = "published"
REJECTED = "rejected"
ADOPTED = "adopted"
RETURNED = "returned"


@dataclass
class Submission:
    page_id: int
    officer_id: int | None
    submitted_at: datetime.datetime
    published_at: datetime.datetime | None = None
    rejected_at: list[datetime.datetime] = field(default_factory=list)

    def events(self):
        """(moment, kind, time to publication) of each thing that happened to the submission."""
        yield self.submitted_at, SUBMITTED, None
        for moment in self.rejected_at:
            yield moment, REJECTED, None
        if self.published_at is not None:
            yield self.published_at, PUBLISHED, self.published_at - self.submitted_at


@dataclass
class UpwardSubmission:
    """An article offered to a column above (信息报送), decided in the report's window."""

    page_id: int
    officer_id: int | None
    decided_at: datetime.datetime
    adopted: bool

    def events(self):
        yield self.decided_at, ADOPTED if self.adopted else RETURNED, None


@dataclass
class Tally:
    submitted: int = 0
    published: int = 0
    rejected: int = 0
    adopted: int = 0
    returned: int = 0
    durations: list[datetime.timedelta] = field(default_factory=list)

    def count(self, kind, duration=None):
        if kind == SUBMITTED:
            self.submitted += 1
        elif kind == REJECTED:
            self.rejected += 1
        elif kind == ADOPTED:
            self.adopted += 1
        elif kind == RETURNED:
            self.returned += 1
        else:
            self.published += 1
            self.durations.append(duration)

    @property
    def median(self):
        return pystatistics.median(self.durations) if self.durations else None


@dataclass
class StatisticsRow:
    period: str
    site: str
    department: str
    officer: str
    submitted: int
    published: int
    rejected: int
    median: datetime.timedelta | None
    adopted: int = 0
    returned: int = 0

    @property
    def median_display(self):
        return format_duration(self.median)

    @property
    def median_hours(self):
        return "" if self.median is None else round(self.median.total_seconds() / 3600, 1)


def format_duration(duration):
    """A duration as people say it: 1天3小时, 5小时20分钟, 45分钟; empty for None."""
    if duration is None:
        return ""
    minutes = round(duration.total_seconds() / 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        text = _("%(days)d天") % {"days": days}
        return text + (_("%(hours)d小时") % {"hours": hours} if hours else "")
    if hours:
        text = _("%(hours)d小时") % {"hours": hours}
        return text + (_("%(minutes)d分钟") % {"minutes": minutes} if minutes else "")
    return _("%(minutes)d分钟") % {"minutes": minutes}


@dataclass(frozen=True)
class Window:
    """The months or year a report covers, as [start, end) in the platform's time zone."""

    year: int
    month: int | None = None

    @property
    def start(self):
        return _local_datetime(self.year, self.month or 1)

    @property
    def end(self):
        if self.month is None or self.month == 12:
            return _local_datetime(self.year + 1, 1)
        return _local_datetime(self.year, self.month + 1)

    @property
    def label(self):
        if self.month is None:
            return _("%(year)d年") % {"year": self.year}
        return _("%(year)d年%(month)d月") % {"year": self.year, "month": self.month}

    def __contains__(self, moment):
        return self.start <= moment < self.end


def _local_datetime(year, month):
    return timezone.make_aware(datetime.datetime(year, month, 1))


def period_of(moment, granularity):
    """(sort key, label) of the month or year `moment` falls in."""
    local = timezone.localtime(moment)
    period = Window(local.year, None if granularity == YEAR else local.month)
    return (period.year, period.month or 0), period.label


def first_year():
    """The year of the earliest submission on the platform (this year when there is none)."""
    earliest = WorkflowState.objects.aggregate(earliest=Min("created_at"))["earliest"]
    return timezone.localtime(earliest).year if earliest else timezone.localdate().year


def statistics_rows(user, window, *, site=None, granularity=MONTH, dimension=BY_OFFICER):
    """The rows of the report for `user`: one per period and group, with a total row last (if any rows)."""
    pages = _visible_pages(user, site)
    submissions = load_submissions(pages, window) + contributed_submissions(pages, window)
    grouping = _Grouping(submissions, dimension)
    tallies = defaultdict(Tally)
    total = Tally()
    for submission in submissions:
        group = grouping.key(submission)
        for moment, kind, duration in submission.events():
            if moment in window:
                tallies[(*period_of(moment, granularity), group)].count(kind, duration)
                total.count(kind, duration)
    ordered = sorted(tallies.items(), key=lambda item: (item[0][0], grouping.order(item[0][2])))
    rows = [grouping.row(label, group, tally) for (_order, label, group), tally in ordered]
    if rows:
        rows.append(grouping.total_row(total))
    return rows


def _visible_pages(user, site):
    pages = Page.objects.all() if site is None else pages_of_site(site)
    return pages.filter(SiteScope.of(user).pages_q())


def load_submissions(pages, window):
    """The submissions of `pages` with anything to count in `window`: started, rejected or approved in it."""
    page_ids = pages.annotate(pk_text=Cast("pk", CharField())).values("pk_text")
    activity = Q(created_at__gte=window.start, created_at__lt=window.end) | Q(
        task_states__finished_at__gte=window.start, task_states__finished_at__lt=window.end
    )
    states = list(
        WorkflowState.objects.filter(base_content_type=ContentType.objects.get_for_model(Page), object_id__in=page_ids)
        .filter(activity)
        .distinct()
        .only("pk", "object_id", "requested_by_id", "created_at", "status")
    )
    finished = defaultdict(list)
    task_states = TaskState.objects.filter(workflow_state__in=[state.pk for state in states], finished_at__isnull=False)
    for task_state in task_states.values("workflow_state_id", "status", "finished_at", "finished_by_id"):
        finished[task_state["workflow_state_id"]].append(task_state)
    return [_submission(state, finished[state.pk]) for state in states]


def _submission(state, finished_task_states):
    submission = Submission(
        page_id=int(state.object_id), officer_id=state.requested_by_id, submitted_at=state.created_at
    )
    submission.rejected_at = [
        task_state["finished_at"]
        for task_state in finished_task_states
        # A person rejected it; the automated content check finishes without a user.
        if task_state["status"] == TaskState.STATUS_REJECTED and task_state["finished_by_id"]
    ]
    if state.status == WorkflowState.STATUS_APPROVED:
        approvals = [
            task_state["finished_at"]
            for task_state in finished_task_states
            if task_state["status"] in (TaskState.STATUS_APPROVED, TaskState.STATUS_SKIPPED)
        ]
        submission.published_at = max(approvals, default=state.created_at)
    return submission


def contributed_submissions(pages, window):
    """What other apps count for `pages` in `window` (STATISTICS_SUBMISSIONS_HOOK)."""
    contributions = hooks_in_app_order(STATISTICS_SUBMISSIONS_HOOK)
    return [item for contribute in contributions for item in contribute(pages, window)]


class _Grouping:
    """Places submissions in their site, department and officer, and names them in the rows."""

    def __init__(self, submissions, dimension):
        self.dimension = dimension
        self.sites = SiteIndex()
        self.page_paths = dict(
            Page.objects.filter(pk__in={submission.page_id for submission in submissions}).values_list("pk", "path")
        )
        officer_ids = {submission.officer_id for submission in submissions} - {None}
        self.officers = get_user_model().objects.in_bulk(officer_ids)
        self.departments = self._departments(officer_ids)

    def _departments(self, officer_ids):
        """{officer id: site}: the deepest site where the officer's groups hold page permissions.

        Of two sites equally deep, the first in the tree; an officer normally works for one unit.
        """
        paths = defaultdict(list)
        permissions = GroupPagePermission.objects.filter(group__user__in=officer_ids)
        for officer_id, path in permissions.values_list("group__user", "page__path"):
            paths[officer_id].append(path)
        return {
            officer_id: self.sites.site_for_path(min(candidates, key=lambda path: (-len(path), path)))
            for officer_id, candidates in paths.items()
        }

    def key(self, submission):
        site = self.sites.site_for_path(self.page_paths.get(submission.page_id))
        department = self.departments.get(submission.officer_id)
        if self.dimension == BY_SITE:
            return (site, None, None)
        if self.dimension == BY_DEPARTMENT:
            return (None, department, None)
        return (site, department, submission.officer_id)

    def order(self, key):
        site, department, officer_id = key
        officer = self.officer_name(officer_id) if self.dimension == BY_OFFICER else ""
        return (site.path if site else "", department.path if department else "", officer)

    def no_department(self):
        """What the department column says of officers outside every site (platform administrators)."""
        return "" if self.dimension == BY_SITE else _("（未归属部门）")

    def officer_name(self, officer_id):
        officer = self.officers.get(officer_id)
        if officer is None:
            # Wagtail forgets who started a workflow when that user is deleted.
            return _("（已删除的用户）")
        return officer.get_full_name().strip() or officer.get_username()

    def total_row(self, tally):
        counts = (tally.submitted, tally.published, tally.rejected, tally.median)
        return StatisticsRow(_("合计"), "", "", "", *counts, adopted=tally.adopted, returned=tally.returned)

    def row(self, period, key, tally):
        site, department, officer_id = key
        return StatisticsRow(
            period=period,
            site=site.title if site else "",
            department=department.title if department else self.no_department(),
            officer=self.officer_name(officer_id) if self.dimension == BY_OFFICER else "",
            submitted=tally.submitted,
            published=tally.published,
            rejected=tally.rejected,
            median=tally.median,
            adopted=tally.adopted,
            returned=tally.returned,
        )
