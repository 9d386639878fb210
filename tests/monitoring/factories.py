"""SiteAudit snapshots made directly (without monitoring.audit), following the `items` schema of
monitoring.models.SiteAudit: every item of monitoring.items.ITEMS, passing unless told otherwise."""

import datetime

from monitoring.items import ITEMS, PASSING_SCORE
from monitoring.models import STATUS_ORDER, SiteAudit, Status


def audit_item(key, status=Status.PASS, *, value=0, line=None, warning_at=None, deduction=0, since=None, evidence=()):
    return {
        "key": key,
        "status": str(status),
        "value": value,
        "line": line,
        "warning_at": warning_at,
        "deduction": deduction,
        "since": since.isoformat() if since else "",
        "evidence": list(evidence),
    }


def evidence(title, url="", detail="", date=None, **extra):
    return {"title": title, "url": url, "detail": detail, "date": date.isoformat() if date else "", **extra}


def make_audit(home, date, changed=None, score=None):
    """A snapshot of `home` on `date`: every item passing, except those in `changed` ({key: item dict or
    status}); the overall status is the worst item's (or 不合格 under 60 points), the score 100 minus the
    deductions unless given."""
    changed = changed or {}
    items = []
    for definition in ITEMS:
        item = changed.get(definition.key, Status.PASS)
        items.append(item if isinstance(item, dict) else audit_item(definition.key, item, since=date))
    if score is None:
        score = max(0, 100 - sum(item["deduction"] for item in items))
    status = max((Status(item["status"]) for item in items), key=STATUS_ORDER.get)
    if score < PASSING_SCORE:
        status = Status.FAIL
    return SiteAudit.objects.update_or_create(
        home=home, date=date, defaults={"status": status, "score": score, "items": items}
    )[0]


def days_before(date, days):
    return date - datetime.timedelta(days=days)
