"""What the scorecard pages show, read from the stored snapshots (monitoring.models.SiteAudit).

The figures are computed by monitoring.audit; this module only reads them: who may see which site's
scorecard, the latest snapshot of each site, its items with their labels and evidence, and the trend.

Who sees a scorecard: holders of `monitoring.view_scorecard` (a site's 管理员 by provisioning, the
系统管理员 and 审计管理员 by sitegroup.platform), for the sites of their scope (govcms.core.scope):
platform-wide users every site, a site's staff their own site and the sites below it.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.urls import Resolver404, resolve
from wagtail.models import Locale

from govcms.core.scope import SiteScope
from govcms.core.tree import MAX_PAGE_ID, site_home_model
from monitoring.items import ITEMS_BY_KEY
from monitoring.models import STATUS_ORDER, SiteAudit, Status

VIEW_PERMISSION = "monitoring.view_scorecard"
# 立即监测 writes a snapshot and may mail the site's administrators: not for readers such as the 审计管理员.
RUN_PERMISSION = "monitoring.run_audit"
TREND_LENGTH = 90  # snapshots in the trend chart: about a quarter of daily audits
DASHBOARD_WORST_SITES = 5
# Items whose evidence lists columns: their rows offer 合并 and 关闭 to the site's administrators.
COLUMN_ITEMS = ("stale_columns", "unupdated_columns", "blank_columns")
ORDERINGS = ("status", "-status", "score", "-score", "title", "-title")
DEFAULT_ORDERING = "status"  # the worst first
# Admin links of the evidence that name a page (monitoring.audit links columns to their explorer listing).
PAGE_VIEWS = ("wagtailadmin_pages:edit", "wagtailadmin_explore")


def may_view_scorecards(user):
    return user.is_active and user.has_perm(VIEW_PERMISSION) and SiteScope.of(user).sees_any_site


def assessed_homes():
    """Sites assessed: the live site homes of the default (original) language, as monitoring.audit audits them;
    a translated home is the same site."""
    return site_home_model().objects.live().filter(locale=Locale.get_default())


def homes_in_scope(user):
    """The assessed sites whose scorecards `user` may see (none without the permission)."""
    if not may_view_scorecards(user):
        return site_home_model().objects.none()
    return assessed_homes().filter(SiteScope.of(user).pages_q())


def home_in_scope(user, home_id):
    """The site home `home_id` if `user` may see its scorecard; 404 for any other id (out of scope or no site)."""
    if home_id > MAX_PAGE_ID:
        raise Http404  # never a page id, and SQLite cannot even compare it
    home = homes_in_scope(user).filter(pk=home_id).first()
    if home is None:
        raise Http404
    return home


def latest_audits(homes):
    """{home id: its latest snapshot} for the homes of a queryset, in two queries."""
    latest = SiteAudit.objects.filter(home=OuterRef("pk")).order_by("-date").values("pk")[:1]
    ids = [pk for pk in homes.annotate(latest=Subquery(latest)).values_list("latest", flat=True) if pk]
    return {audit.home_id: audit for audit in SiteAudit.objects.filter(pk__in=ids)}


def status_label(status):
    try:
        return Status(status).label
    except ValueError:
        return status


def _date(value):
    """An ISO date (or date-time) from the JSON as a date; None when missing or unreadable."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _safe_url(url):
    """Links from the evidence: the site's own paths and http(s) addresses only."""
    url = str(url or "")
    return url if url.startswith(("/", "http://", "https://")) else ""


def evidence_page_id(evidence):
    """The page an evidence row is about: its `page_id`, or the page of an admin edit or explorer link."""
    if evidence.get("page_id"):
        try:
            return int(evidence["page_id"])
        except (TypeError, ValueError):
            return None
    url = str(evidence.get("url") or "")
    if url.startswith("/"):
        try:
            match = resolve(url.split("?")[0])
        except Resolver404:
            return None
        if match.view_name in PAGE_VIEWS:
            page_id = match.kwargs.get("page_id") or match.kwargs.get("parent_page_id")
            return int(page_id) if page_id else None
    return None


@dataclass
class Evidence:
    title: str
    url: str
    detail: str
    date: datetime.date | None
    page_id: int | None


@dataclass
class ItemRow:
    key: str
    label: str
    veto: bool
    status: str
    status_label: str
    value: object
    line: object
    warning_at: object
    deduction: int
    since: datetime.date | None
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def passing(self):
        return self.status == Status.PASS

    @property
    def lists_columns(self):
        return self.key in COLUMN_ITEMS


def item_rows(audit):
    """The snapshot's items, labelled from monitoring.items (an item no longer defined keeps its key)."""
    rows = []
    for data in audit.items:
        item = ITEMS_BY_KEY.get(data.get("key"))
        rows.append(
            ItemRow(
                key=data.get("key", ""),
                label=str(item.label) if item else data.get("key", ""),
                veto=bool(item and item.veto),
                status=data.get("status", ""),
                status_label=status_label(data.get("status", "")),
                value=data.get("value"),
                line=data.get("line"),
                warning_at=data.get("warning_at"),
                deduction=data.get("deduction") or 0,
                since=_date(data.get("since")),
                evidence=[
                    Evidence(
                        title=str(evidence.get("title", "")),
                        url=_safe_url(evidence.get("url")),
                        detail=str(evidence.get("detail", "")),
                        date=_date(evidence.get("date")),
                        page_id=evidence_page_id(evidence),
                    )
                    for evidence in data.get("evidence") or []
                ],
            )
        )
    return rows


def failing_items(audit):
    """The items of a snapshot that do not pass, worst first (for the dashboard)."""
    rows = [row for row in item_rows(audit) if not row.passing]
    return sorted(rows, key=lambda row: -STATUS_ORDER.get(row.status, 0))


@dataclass
class TrendPoint:
    date: datetime.date
    status: str
    status_label: str
    score: int
    failing: int
    warnings: int


def trend(home, count=TREND_LENGTH):
    """The last `count` snapshots of a site, oldest first, with the number of failing and warning items."""
    audits = SiteAudit.objects.filter(home=home).order_by("-date").only("date", "status", "score", "items")
    points = []
    for audit in reversed(list(audits[:count])):
        points.append(
            TrendPoint(
                date=audit.date,
                status=audit.status,
                status_label=status_label(audit.status),
                score=audit.score,
                failing=_count(audit, Status.FAIL),
                warnings=_count(audit, Status.WARNING),
            )
        )
    return points


@dataclass
class SiteRow:
    home: object
    audit: SiteAudit | None

    @property
    def status_label(self):
        return status_label(self.audit.status) if self.audit else ""

    @property
    def failing(self):
        return _count(self.audit, Status.FAIL)

    @property
    def warnings(self):
        return _count(self.audit, Status.WARNING)


def _count(audit, status):
    return sum(item.get("status") == status for item in audit.items) if audit else 0


def _sort_key(ordering):
    """Sort keys of the audited sites: "status" worst first (the highest status, then the lowest score)."""
    if ordering == "status":
        return lambda row: (-STATUS_ORDER.get(row.audit.status, 0), row.audit.score, row.home.title)
    if ordering == "-status":
        return lambda row: (STATUS_ORDER.get(row.audit.status, 0), -row.audit.score, row.home.title)
    if ordering == "score":
        return lambda row: (row.audit.score, row.home.title)
    if ordering == "-score":
        return lambda row: (-row.audit.score, row.home.title)
    return lambda row: row.home.title


def site_rows(user, ordering=DEFAULT_ORDERING):
    """Every site in the user's scope with its latest snapshot, in `ordering` (one of ORDERINGS).

    Sites never audited come last in every ordering but by name.
    """
    if ordering not in ORDERINGS:
        ordering = DEFAULT_ORDERING
    homes = homes_in_scope(user).order_by("path")
    audits = latest_audits(homes)
    rows = [SiteRow(home, audits.get(home.pk)) for home in homes]
    if ordering in ("title", "-title"):
        return sorted(rows, key=lambda row: row.home.title, reverse=ordering == "-title")
    audited = sorted((row for row in rows if row.audit), key=_sort_key(ordering))
    return audited + sorted((row for row in rows if not row.audit), key=lambda row: row.home.title)


def worst_sites(user, count=DASHBOARD_WORST_SITES):
    return [row for row in site_rows(user) if row.audit][:count]


def own_sites(user):
    """The sites the user works on themselves (not those below), with their latest snapshots: the dashboard's."""
    homes = homes_in_scope(user).filter(pk__in=SiteScope.of(user).own_site_ids).order_by("path")
    audits = latest_audits(homes)
    return [SiteRow(home, audits.get(home.pk)) for home in homes]
