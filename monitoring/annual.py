"""年度考核报告: one site's figures for one year, and one row per site for the whole site group.

Everything is read from what is stored: the daily SiteAudit snapshots (the veto items and the score), the
publication record (the earliest wagtail.publish log entry of each page), the letters, the policies and their
interpretations, the error reports, the broken links and the page feedback. A bounded number of queries per
site, whatever the number of pages, columns or letters (tests/monitoring/test_annual_report.py counts them).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Length, Substr, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageLogEntry

from citizen_mailbox.models import CLOSED_STATUSES, Message
from citizen_mailbox.statistics import ReplyRates
from govcms.core.tree import SiteIndex, under_any_of
from home.models import column_pages
from monitoring.items import ITEMS
from monitoring.models import ErrorReport, ErrorReportStatus, LinkFinding, PageFeedback, SiteAudit, Status
from policy.models import PolicyPage, interpreting_models, public_policy_links
from workdays.calendar import WorkingDaysWithin

# The annual assessment (监管考核): each error report answered after more than a month, and each left unanswered.
LATE_ANSWER_POINTS = 2
UNANSWERED_POINTS = 3
MONTHS = range(1, 13)


def add_months(day, months):
    """`day` moved by whole calendar months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return day.replace(year=year, month=month, day=min(day.day, (next_month - datetime.timedelta(days=1)).day))


def year_bounds(year):
    """The year as [start, end) aware datetimes in the local time zone."""
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime(year, 1, 1, tzinfo=tz),
        datetime.datetime(year + 1, 1, 1, tzinfo=tz),
    )


# --- The figures ------------------------------------------------------------------------------------


@dataclass
class VetoYear:
    item: object
    fail_days: int = 0
    warning_days: int = 0
    fail_ranges: list = field(default_factory=list)  # [(first day, last day)] of consecutive failing days


@dataclass
class ColumnYear:
    column: Page
    months: dict = field(default_factory=lambda: dict.fromkeys(MONTHS, 0))
    level: int = 0  # 0 for a column of the home page, 1 for its sub-columns …

    @property
    def total(self):
        return sum(self.months.values())

    @property
    def month_counts(self):
        return [self.months[month] for month in MONTHS]


@dataclass
class Letters(ReplyRates):
    received: int = 0
    answered: int = 0
    on_time: int = 0
    working_days_total: int = 0
    still_open: int = 0
    over_three_months: int = 0


@dataclass
class ErrorReports:
    received: int = 0
    answered_on_time: int = 0
    answered_late: int = 0  # after the deadline, within a month
    answered_after_a_month: int = 0
    open_within_deadline: int = 0
    unanswered: int = 0  # open past the deadline

    @property
    def answered(self):
        return self.answered_on_time + self.answered_late + self.answered_after_a_month

    @property
    def deduction(self):
        return LATE_ANSWER_POINTS * self.answered_after_a_month + UNANSWERED_POINTS * self.unanswered


@dataclass
class SiteYear:
    home: Page
    year: int
    audit_days: int = 0
    vetoes: list = field(default_factory=list)
    score_min: int | None = None
    score_average: float | None = None
    score_last: int | None = None
    status_last: str | None = None
    columns: list = field(default_factory=list)
    letters: Letters = field(default_factory=Letters)
    major_policies: int = 0
    interpreted_policies: int = 0
    errors: ErrorReports = field(default_factory=ErrorReports)
    links_found: int = 0
    links_fixed: int = 0
    links_open: int = 0
    feedback_yes: int = 0
    feedback_no: int = 0

    @property
    def updates_total(self):
        return sum(column.total for column in self.columns)

    @property
    def updates_by_month(self):
        return [sum(column.months[month] for column in self.columns) for month in MONTHS]

    @property
    def interpretation_share(self):
        return round(100 * self.interpreted_policies / self.major_policies, 1) if self.major_policies else None

    @property
    def veto_fail_days(self):
        return sum(veto.fail_days for veto in self.vetoes)

    @property
    def status_last_label(self):
        return Status(self.status_last).label if self.status_last else ""


def site_year(home, year, today=None, sites=None):
    """The annual figures of the site at `home` for `year`. `sites` (a SiteIndex) is shared by a group report."""
    today = today or timezone.localdate()
    sites = sites or SiteIndex()
    report = SiteYear(home=home, year=year)
    start, end = year_bounds(year)
    # The site's own tree: its home and below, without the sites below it.
    own = under_any_of([home.path]) & ~under_any_of(sites.subsite_paths(home))
    _audits(report, home, year)
    _updates(report, own, start, end)
    _letters(report, home, start, end, today)
    _policies(report, own, start, end)
    _error_reports(report, home, start, end, today)
    _links_and_feedback(report, home, start, end)
    return report


def group_year(homes, year, today=None):
    """One SiteYear per site of `homes`: the portals first, then in tree order."""
    homes = sorted(homes, key=lambda home: (getattr(home, "kind", "") != "portal", home.path))
    sites = SiteIndex()
    return [site_year(home, year, today=today, sites=sites) for home in homes]


def _audits(report, home, year):
    audits = list(
        SiteAudit.objects.filter(home=home, date__year=year)
        .order_by("date")
        .values_list("date", "score", "status", "items")
    )
    vetoes = {item.key: VetoYear(item) for item in ITEMS if item.veto}
    report.vetoes = list(vetoes.values())
    report.audit_days = len(audits)
    if not audits:
        return
    scores = [score for _day, score, _status, _items in audits]
    report.score_min = min(scores)
    report.score_average = round(sum(scores) / len(scores), 1)
    report.score_last = scores[-1]
    report.status_last = audits[-1][2]
    for day, _score, _status, items in audits:
        for entry in items or []:
            veto = vetoes.get(entry.get("key"))
            if veto is None:
                continue
            if entry.get("status") == Status.FAIL:
                veto.fail_days += 1
                ranges = veto.fail_ranges
                if ranges and ranges[-1][1] == day - datetime.timedelta(days=1):
                    ranges[-1] = (ranges[-1][0], day)
                else:
                    ranges.append((day, day))
            elif entry.get("status") == Status.WARNING:
                veto.warning_days += 1


def first_publication():
    """The moment each page first went live: its earliest wagtail.publish log entry, else first_published_at.

    A republication is not an update, nor a back-dated display date or a page scheduled for later."""
    earliest = (
        PageLogEntry.objects.filter(page_id=OuterRef("pk"), action="wagtail.publish")
        .order_by("timestamp")
        .values("timestamp")[:1]
    )
    return Coalesce(Subquery(earliest), F("first_published_at"))


def _updates(report, own, start, end):
    """Live pages first published in the year, per column (the deepest column above each) and month."""
    columns = list(column_pages().filter(own).order_by("path").only("pk", "title", "path", "depth", "live"))
    report.columns = [ColumnYear(column, level=max(column.depth - report.home.depth - 1, 0)) for column in columns]
    by_path = {entry.column.path: entry for entry in report.columns}
    column_ids = [column.pk for column in columns]
    step = Page.steplen
    rows = (
        Page.objects.filter(own, live=True)
        .exclude(pk__in=column_ids)
        .exclude(depth__lte=report.home.depth)
        .annotate(published=first_publication())
        .filter(published__gte=start, published__lt=end)
        .annotate(
            parent_path=Substr("path", 1, Length("path") - Value(step, output_field=IntegerField())),
            month=TruncMonth("published"),
        )
        .values("parent_path", "month")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for row in rows:
        column = _deepest_column(by_path, row["parent_path"], step)
        if column is not None:
            column.months[_local_month(row["month"])] += row["count"]
    # A column closed (unpublished) stays in the report only for the updates it had in the year.
    report.columns = [entry for entry in report.columns if entry.column.live or entry.total]


def _deepest_column(by_path, path, step):
    while path:
        column = by_path.get(path)
        if column is not None:
            return column
        path = path[:-step]
    return None


def _local_month(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).month if timezone.is_aware(value) else value.month
    return value.month


def _letters(report, home, start, end, today):
    letters = Message.objects.filter(site_home=home, received_at__gte=start, received_at__lt=end)
    rows = list(letters.values_list("received_at", "status", "closed_at", "due_date"))
    figures = report.letters
    if not rows:
        return
    first = min(timezone.localdate(received_at) for received_at, *_rest in rows)
    last = max([today, *(timezone.localdate(closed_at) for _r, _s, closed_at, _d in rows if closed_at)])
    working_days = WorkingDaysWithin(first, last)
    for received_at, status, closed_at, due_date in rows:
        received_on = timezone.localdate(received_at)
        figures.received += 1
        if status in CLOSED_STATUSES and closed_at:
            closed_on = timezone.localdate(closed_at)
            figures.answered += 1
            figures.on_time += closed_on <= due_date
            figures.working_days_total += working_days.between(received_on, closed_on)
            waited_until = closed_on
        else:
            figures.still_open += 1
            waited_until = today
        figures.over_three_months += waited_until > add_months(received_on, 3)


def _policies(report, own, start, end):
    interpreted = Q(pk__in=[])
    annotations = {}
    for index, model in enumerate(interpreting_models()):
        name = f"interpreted_{index}"
        links = public_policy_links(model).filter(page__live=True, policy_id=OuterRef("pk"))
        annotations[name] = Exists(links)
        interpreted |= Q(**{name: True})
    policies = (
        PolicyPage.objects.live()
        .filter(own, is_major=True)
        .annotate(published=first_publication(), **annotations)
        .filter(published__gte=start, published__lt=end)
    )
    figures = policies.aggregate(total=Count("pk"), interpreted=Count("pk", filter=interpreted))
    report.major_policies = figures["total"]
    report.interpreted_policies = figures["interpreted"]


def _error_reports(report, home, start, end, today):
    rows = ErrorReport.objects.filter(site_home=home, received_at__gte=start, received_at__lt=end).values_list(
        "received_at", "due_date", "status", "answered_at"
    )
    figures = report.errors
    for received_at, due_date, status, answered_at in rows:
        figures.received += 1
        if status == ErrorReportStatus.ANSWERED and answered_at:
            answered_on = timezone.localdate(answered_at)
            if answered_on <= due_date:
                figures.answered_on_time += 1
            elif answered_on > add_months(timezone.localdate(received_at), 1):
                figures.answered_after_a_month += 1
            else:
                figures.answered_late += 1
        elif today > due_date:
            figures.unanswered += 1
        else:
            figures.open_within_deadline += 1


def _links_and_feedback(report, home, start, end):
    in_year = {"gte": start, "lt": end}
    links = LinkFinding.objects.filter(site_home=home).aggregate(
        found=Count("pk", filter=Q(first_found_at__gte=in_year["gte"], first_found_at__lt=in_year["lt"])),
        fixed=Count("pk", filter=Q(fixed_at__gte=in_year["gte"], fixed_at__lt=in_year["lt"])),
        still_open=Count("pk", filter=Q(fixed_at__isnull=True, first_found_at__lt=in_year["lt"])),
    )
    report.links_found, report.links_fixed, report.links_open = links["found"], links["fixed"], links["still_open"]
    feedback = PageFeedback.objects.filter(site_home=home, created_at__gte=start, created_at__lt=end).aggregate(
        yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
    )
    report.feedback_yes, report.feedback_no = feedback["yes"], feedback["no"]


# --- Rows for the spreadsheets ----------------------------------------------------------------------


def site_rows(report):
    """The site report as rows of (section, item, value, detail): its CSV and XLSX."""
    rows = []

    def add(section, item, value, detail=""):
        rows.append({"section": str(section), "item": str(item), "value": value, "detail": str(detail)})

    section = _("单项否决指标")
    add(section, _("监测天数"), report.audit_days)
    for veto in report.vetoes:
        ranges = "；".join(_range_text(first, last) for first, last in veto.fail_ranges)
        add(section, _("%(item)s：不合格天数") % {"item": veto.item.label}, veto.fail_days, ranges)
        add(section, _("%(item)s：预警天数") % {"item": veto.item.label}, veto.warning_days)
    add(section, _("最低得分"), _blank(report.score_min))
    add(section, _("平均得分"), _blank(report.score_average))
    add(section, _("最近得分"), _blank(report.score_last), report.status_last_label)
    section = _("栏目更新")
    for column in report.columns:
        months = "，".join(
            _("%(month)s月 %(count)s") % {"month": month, "count": column.months[month]}
            for month in MONTHS
            if column.months[month]
        )
        add(section, column.column.title, column.total, months)
    add(section, _("合计"), report.updates_total)
    section = _("互动交流")
    letters = report.letters
    add(section, _("收到来信"), letters.received)
    add(section, _("已办结"), letters.answered)
    add(section, _("按期办结"), letters.on_time, _percent(letters.on_time_rate))
    add(section, _("平均办理工作日"), _blank(letters.average_working_days))
    add(section, _("未办结"), letters.still_open)
    add(section, _("超过三个月"), letters.over_three_months)
    section = _("政策解读")
    add(section, _("重大政策"), report.major_policies)
    add(section, _("已解读"), report.interpreted_policies, _percent(report.interpretation_share))
    section = _("网站找错")
    errors = report.errors
    add(section, _("收到"), errors.received)
    add(section, _("按期答复"), errors.answered_on_time)
    add(section, _("超期答复（一个月内）"), errors.answered_late)
    add(section, _("超过一个月答复"), errors.answered_after_a_month, _("每件扣%(points)s分") % {"points": 2})
    add(section, _("超期未答复"), errors.unanswered, _("每件扣%(points)s分") % {"points": 3})
    add(section, _("待答复（未超期）"), errors.open_within_deadline)
    add(section, _("年度扣分"), errors.deduction)
    section = _("失效链接")
    add(section, _("发现"), report.links_found)
    add(section, _("修复"), report.links_fixed)
    add(section, _("尚未修复"), report.links_open)
    section = _("页面评价")
    add(section, _("有帮助"), report.feedback_yes)
    add(section, _("没有帮助"), report.feedback_no)
    return rows


def group_row(report):
    """One site's line of the group report (its table, CSV and XLSX)."""
    return {
        "site": report.home.title,
        "status": report.status_last_label,
        "score_last": _blank(report.score_last),
        "score_average": _blank(report.score_average),
        "veto_fail_days": report.veto_fail_days,
        "updates": report.updates_total,
        "letters_received": report.letters.received,
        "letters_answered": report.letters.answered,
        "letters_on_time": report.letters.on_time,
        "letters_average_days": _blank(report.letters.average_working_days),
        "letters_over_three_months": report.letters.over_three_months,
        "major_policies": report.major_policies,
        "interpreted_policies": report.interpreted_policies,
        "interpretation_share": _blank(report.interpretation_share),
        "errors_received": report.errors.received,
        "errors_deduction": report.errors.deduction,
        "links_found": report.links_found,
        "links_fixed": report.links_fixed,
        "feedback_yes": report.feedback_yes,
        "feedback_no": report.feedback_no,
    }


GROUP_HEADINGS = {
    "site": _("站点"),
    "status": _("最近结论"),
    "score_last": _("最近得分"),
    "score_average": _("平均得分"),
    "veto_fail_days": _("否决项不合格天数"),
    "updates": _("栏目更新"),
    "letters_received": _("收到来信"),
    "letters_answered": _("已办结"),
    "letters_on_time": _("按期办结"),
    "letters_average_days": _("平均办理工作日"),
    "letters_over_three_months": _("超过三个月"),
    "major_policies": _("重大政策"),
    "interpreted_policies": _("已解读"),
    "interpretation_share": _("解读率（%）"),
    "errors_received": _("网站找错"),
    "errors_deduction": _("找错扣分"),
    "links_found": _("发现失效链接"),
    "links_fixed": _("修复失效链接"),
    "feedback_yes": _("评价有帮助"),
    "feedback_no": _("评价没有帮助"),
}


def group_totals(reports):
    """The totals line of the group report: sums of the counts (scores and shares are not summed)."""
    rows = [group_row(report) for report in reports]
    totals = dict.fromkeys(GROUP_HEADINGS, "")
    totals["site"] = str(_("合计"))
    for key in GROUP_HEADINGS:
        if key in ("site", "status", "score_last", "score_average", "letters_average_days", "interpretation_share"):
            continue
        totals[key] = sum(row[key] for row in rows)
    majors, interpreted = totals["major_policies"], totals["interpreted_policies"]
    totals["interpretation_share"] = round(100 * interpreted / majors, 1) if majors else ""
    return totals


def _range_text(first, last):
    return first.isoformat() if first == last else f"{first.isoformat()} — {last.isoformat()}"


def _blank(value):
    return "" if value is None else value


def _percent(value):
    return "" if value is None else f"{value}%"
