"""The daily audit (`manage.py audit_sites`, or 立即监测 in the admin): each site's scorecard as a SiteAudit.

The tree (monitoring.freshness) and the interaction items (monitoring.interaction) are read for all the
audited sites at once, so the number of queries does not grow with the number of pages, and by a small
constant per site (saving its snapshot). docs/monitoring.md explains each item and its line.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.models import Locale

from govcms.core.tree import SiteIndex
from home.models import HomePage, UpdateCategory
from monitoring import items as audit_items
from monitoring.alerts import send_alerts
from monitoring.freshness import local_date, site_trees
from monitoring.interaction import (
    broken_links,
    evidence,
    letters_over_three_months,
    overdue_consultation_feedback,
    overdue_error_reports,
    overdue_interview_answers,
    overdue_letters,
    pending_interpretations,
)
from monitoring.models import STATUS_ORDER, MonitoringSettings, SiteAudit, Status
from monitoring.months import months_before

# 国办秘函〔2019〕19号's lines: counts at which a site fails outright.
STALE_COLUMNS_LINE = 5
UNUPDATED_COLUMNS_LINE = 10
BLANK_COLUMNS_LINE = 5
# The categories of the first column rule (动态要闻 two weeks, 通知公告 and 政策文件 six months).
FIRST_RULE_CATEGORIES = (UpdateCategory.NEWS, UpdateCategory.NOTICE, UpdateCategory.POLICY)


def assessed_homes():
    """Every site: the live site homes of the default language (a translated home is the same site)."""
    return HomePage.objects.live().filter(locale=Locale.get_default()).order_by("path")


def audit_sites(homes=None, today=None):
    """Audit `homes` (every site by default) as of `today`; save and return their snapshots."""
    today = today or timezone.localdate()
    homes = list(assessed_homes() if homes is None else homes)
    if not homes:
        return []
    limits = MonitoringSettings.load()
    # Stored wording (labels, details) is the platform's first language, whoever runs the audit.
    with override("zh-hans"):
        findings = _findings(homes, today)
        audits = [_audit(home, findings, limits, today) for home in homes]
    previous = _previous_audits(homes, today)
    saved = []
    for audit in audits:
        _carry_since(audit, previous.get(audit.home_id))
        saved.append(_save(audit))
    if limits.send_alerts:
        send_alerts(saved, previous, today)
    return saved


def audit_site(home, today=None):
    """Audit one site now (立即监测) and return its snapshot."""
    return audit_sites([home], today)[0]


def _findings(homes, today):
    home_ids = [home.pk for home in homes]
    sites = SiteIndex(assessed_homes().only("pk", "path", "title", "kind"))
    over_three_months, heading_there = letters_over_three_months(home_ids, today)
    return {
        "trees": site_trees(homes, today),
        "overdue_letters": overdue_letters(home_ids, today),
        "over_three_months": over_three_months,
        "heading_there": heading_there,
        "pending_interpretations": pending_interpretations(sites, today),
        "interview_answers": overdue_interview_answers(sites, today),
        "error_reports": overdue_error_reports(home_ids, today),
        "broken_links": broken_links(home_ids),
        "consultation_feedback": overdue_consultation_feedback(sites, today),
    }


def _audit(home, findings, limits, today):
    tree = findings["trees"][home.pk]
    columns = ColumnVerdicts(tree, limits, today)
    items = [
        _home_item(tree, limits, today),
        columns.stale_item(),
        columns.unupdated_item(),
        columns.blank_item(),
        _count_item(
            audit_items.LETTERS_OVER_THREE_MONTHS,
            findings["over_three_months"].get(home.pk, []),
            line=1,
            warning_evidence=findings["heading_there"].get(home.pk, []),
        ),
        _channels_item(tree),
        _count_item(audit_items.OVERDUE_LETTERS, findings["overdue_letters"].get(home.pk, [])),
        _count_item(audit_items.PENDING_INTERPRETATIONS, findings["pending_interpretations"].get(home.pk, [])),
        _count_item(audit_items.OVERDUE_INTERVIEW_ANSWERS, findings["interview_answers"].get(home.pk, [])),
        _count_item(audit_items.ERROR_REPORTS, findings["error_reports"].get(home.pk, [])),
        _count_item(audit_items.BROKEN_LINKS, findings["broken_links"].get(home.pk, [])),
        _count_item(audit_items.CONSULTATION_FEEDBACK, findings["consultation_feedback"].get(home.pk, [])),
    ]
    score = max(0, 100 - sum(item["deduction"] for item in items))
    status = max((item["status"] for item in items), key=STATUS_ORDER.get)
    if score < audit_items.PASSING_SCORE:
        status = Status.FAIL
    return SiteAudit(home=home, home_id=home.pk, date=today, status=status, score=score, items=items)


def _item(definition, status, value, *, line=None, warning_at=None, evidence=(), deduction=0):
    return {
        "key": definition.key,
        "status": str(status),
        "value": value,
        "line": line,
        "warning_at": warning_at,
        "deduction": deduction,
        "since": "",
        "evidence": list(evidence),
    }


def _count_item(definition, found, *, line=None, warning_evidence=()):
    """An item counting occurrences: failing at `line` (a veto), else a warning whenever one is found."""
    count = len(found)
    if line is not None and count >= line:
        status = Status.FAIL
    elif count or warning_evidence:
        status = Status.WARNING
    else:
        status = Status.PASS
    return _item(
        definition,
        status,
        count,
        line=line,
        evidence=[*found, *warning_evidence],
        deduction=definition.deduction(count),
    )


def _home_item(tree, limits, today):
    """首页更新: days since the site's last dated update (what its home page shows)."""
    last = local_date(tree.last_update)
    age = (today - last).days if last else None
    if age is None or age > limits.home_limit_days:
        status = Status.FAIL
    elif age >= limits.home_warning_days:
        status = Status.WARNING
    else:
        status = Status.PASS
    detail = _("最近更新 %(date)s") % {"date": last.isoformat()} if last else _("从未更新")
    shown = evidence(tree.home.title, reverse("wagtailadmin_explore", args=[tree.home.pk]), detail, last)
    return _item(
        audit_items.HOME_UPDATE,
        status,
        age,
        line=limits.home_limit_days,
        warning_at=limits.home_warning_days,
        evidence=[shown],
    )


def _channels_item(tree):
    """互动交流渠道与办事服务: a live mailbox, and a 办事服务 column with content (2019 veto)."""
    missing = []
    if not tree.has_mailbox:
        missing.append(evidence(_("没有互动交流渠道（政民互动信箱）"), "", _("站点须提供咨询渠道")))
    if not tree.service_columns_with_content():
        missing.append(evidence(_("没有办事服务内容"), "", _("办事服务栏目为空或不存在")))
    return _item(audit_items.CHANNELS, Status.FAIL if missing else Status.PASS, len(missing), line=1, evidence=missing)


class ColumnVerdicts:
    """Each assessed column of a site: stale (past its category's limit), due soon, or blank."""

    def __init__(self, tree, limits, today):
        self.limits = limits
        self.today = today
        self.stale, self.due_soon, self.blank = [], [], []
        for column in tree.columns:
            if not column.assessed:
                continue
            if column.blank:
                self.blank.append(column)
                continue
            cutoff = self.cutoff(column.update_category)
            if cutoff is None:
                continue
            last = local_date(column.last_update)
            if last is None or last < cutoff:
                self.stale.append(column)
            elif last < cutoff + timedelta(days=limits.column_warning_days):
                self.due_soon.append(column)

    def cutoff(self, category):
        """The earliest last-update date a column of `category` may have today (None: no limit).
        A column is stale when its last update is *more* than its limit ago."""
        limits, today = self.limits, self.today
        if category == UpdateCategory.NEWS:
            return today - timedelta(days=limits.news_limit_days)
        months = {
            UpdateCategory.NOTICE: limits.notice_limit_months,
            UpdateCategory.POLICY: limits.policy_limit_months,
            UpdateCategory.PERSONNEL: limits.personnel_limit_months,
        }.get(category)
        return months_before(today, months) if months else None

    def _evidence(self, columns, detail):
        return [
            evidence(
                column.title,
                reverse("wagtailadmin_explore", args=[column.page_id]),
                detail(column),
                local_date(column.last_update),
            )
            for column in columns
        ]

    def _stale_detail(self, column):
        last = local_date(column.last_update)
        limit = self.cutoff(column.update_category)
        if last is None:
            return _("从未更新")
        return _("最近更新 %(date)s，早于 %(limit)s") % {"date": last.isoformat(), "limit": limit.isoformat()}

    def _due_detail(self, column):
        deadline = local_date(column.last_update) + (self.today - self.cutoff(column.update_category))
        return _("临期：%(date)s 前须更新") % {"date": deadline.isoformat()}

    def stale_item(self):
        """动态要闻, 通知公告 and 政策文件 columns past their limit: 5 fail the site."""
        stale = [c for c in self.stale if c.update_category in FIRST_RULE_CATEGORIES]
        soon = [c for c in self.due_soon if c.update_category in FIRST_RULE_CATEGORIES]
        return self._threshold_item(
            audit_items.STALE_COLUMNS,
            stale,
            soon,
            line=STALE_COLUMNS_LINE,
            warning_at=self.limits.stale_columns_warning,
            deduction=audit_items.STALE_COLUMNS.deduction(len(stale)),
        )

    def unupdated_item(self):
        """应更未更: every column with an update limit (人事规划 included) past it: 10 fail the site.
        Points are taken here only for the columns the first rule does not already count."""
        others = [c for c in self.stale if c.update_category not in FIRST_RULE_CATEGORIES]
        return self._threshold_item(
            audit_items.UNUPDATED_COLUMNS,
            self.stale,
            self.due_soon,
            line=UNUPDATED_COLUMNS_LINE,
            warning_at=self.limits.unupdated_columns_warning,
            deduction=audit_items.UNUPDATED_COLUMNS.deduction(len(others)),
        )

    def blank_item(self):
        """Columns with no live content: 5 fail the site."""
        return self._threshold_item(
            audit_items.BLANK_COLUMNS,
            self.blank,
            [],
            line=BLANK_COLUMNS_LINE,
            warning_at=self.limits.blank_columns_warning,
            deduction=audit_items.BLANK_COLUMNS.deduction(len(self.blank)),
            detail=lambda column: _("无内容"),
        )

    def _threshold_item(self, definition, found, soon, *, line, warning_at, deduction, detail=None):
        count = len(found)
        if count >= line:
            status = Status.FAIL
        elif count >= warning_at or count + len(soon) >= line:
            status = Status.WARNING
        else:
            status = Status.PASS
        shown = self._evidence(found, detail or self._stale_detail) + self._evidence(soon, self._due_detail)
        return _item(definition, status, count, line=line, warning_at=warning_at, evidence=shown, deduction=deduction)


def _previous_audits(homes, today):
    """Each site's latest snapshot before `today`."""
    return latest_audits(homes, before=today)


def _carry_since(audit, previous):
    """Each item's `since`: the date its status began, carried from the previous snapshot while unchanged."""
    before = {item["key"]: item for item in previous.items} if previous else {}
    for item in audit.items:
        earlier = before.get(item["key"])
        same = earlier is not None and earlier["status"] == item["status"] and earlier.get("since")
        item["since"] = earlier["since"] if same else audit.date.isoformat()


@transaction.atomic
def _save(audit):
    SiteAudit.objects.filter(home_id=audit.home_id, date=audit.date).delete()
    audit.save()
    return audit


def latest_audits(homes, before=None):
    """{home pk: its latest snapshot (before the date `before`, if given)} in two queries."""
    snapshots = SiteAudit.objects.filter(home__in=homes)
    if before is not None:
        snapshots = snapshots.filter(date__lt=before)
    dates = snapshots.values("home_id").annotate(latest=Max("date")).values_list("home_id", "latest")
    wanted = [Q(home_id=home_id, date=date) for home_id, date in dates]
    if not wanted:
        return {}
    return {audit.home_id: audit for audit in SiteAudit.objects.filter(Q(*wanted, _connector=Q.OR))}
