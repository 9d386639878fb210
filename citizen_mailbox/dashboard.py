"""Figures for handlers and site administrators: due soon, overdue, extended, red alerts, per department.

The deadlines are conditions on open letters (`DEADLINES`), shared by the
dashboard's figures and the list's 期限 filter so both count the same letters.
The figures are counted by the database in one query, whatever the number of letters.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citizen_mailbox.models import RED_ALERT_DAYS, REMIND_WITHIN_WORKING_DAYS, Extension
from workdays.calendar import add_working_days

# The red alerts named on the page; the 期限 filter lists them all.
RED_ALERTS_SHOWN = 20


def due_soon_limit(today=None):
    """The last date that counts as "due soon": within two working days from today."""
    return add_working_days(today or timezone.localdate(), REMIND_WITHIN_WORKING_DAYS)


def _overdue(today):
    return Q(due_date__lt=today)


def _due_soon(today):
    return Q(due_date__gte=today, due_date__lte=due_soon_limit(today))


def _red_alert(today):
    # Counted from this moment, as Message.is_red_alert does, not from today's date.
    return Q(received_at__lte=timezone.now() - datetime.timedelta(days=RED_ALERT_DAYS))


# name: (label, condition on an open letter given today's date)
DEADLINES = {
    "overdue": (_("已超期"), _overdue),
    "due_soon": (_("两个工作日内到期"), _due_soon),
    "red_alert": (_("超过3个月未办结"), _red_alert),
}


def with_deadline(messages, name, today=None):
    """The open letters among `messages` meeting the deadline condition `name` (a key of DEADLINES)."""
    _label, condition = DEADLINES[name]
    return messages.open().filter(condition(today or timezone.localdate()))


@dataclass
class Dashboard:
    """Counts, and the letters behind them as unevaluated querysets; the page names the first red alerts."""

    overdue: object
    due_soon: object
    extended: object
    red_alerts: object
    red_alerts_shown: list
    counts: dict
    oldest_open: object
    per_department: list


def build(messages, today=None):
    """The dashboard over a (user-scoped) queryset of messages."""
    today = today or timezone.localdate()
    open_messages = messages.open()
    extended = Q(extension=Extension.APPROVED)
    counts = open_messages.aggregate(
        extended=Count("pk", filter=extended),
        **{name: Count("pk", filter=condition(today)) for name, (_label, condition) in DEADLINES.items()},
    )
    red_alerts = with_deadline(messages, "red_alert", today).order_by("received_at", "pk")
    return Dashboard(
        overdue=with_deadline(messages, "overdue", today).order_by("due_date", "pk"),
        due_soon=with_deadline(messages, "due_soon", today).order_by("due_date", "pk"),
        extended=open_messages.filter(extended).order_by("due_date", "pk"),
        red_alerts=red_alerts,
        red_alerts_shown=list(red_alerts[:RED_ALERTS_SHOWN]) if counts["red_alert"] else [],
        counts=counts,
        oldest_open=open_messages.order_by("received_at").first(),
        per_department=list(
            open_messages.values("department_name").annotate(count=Count("pk")).order_by("-count", "department_name")
        ),
    )
