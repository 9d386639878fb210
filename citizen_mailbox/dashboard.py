"""Figures for handlers and site administrators: due soon, overdue, extended, red alerts, per department."""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from citizen_mailbox.models import RED_ALERT_DAYS, REMIND_WITHIN_WORKING_DAYS, Extension
from workdays.calendar import add_working_days


def due_soon_limit(today=None):
    """The last date that counts as "due soon": within two working days from today."""
    return add_working_days(today or timezone.localdate(), REMIND_WITHIN_WORKING_DAYS)


@dataclass
class Dashboard:
    overdue: list
    due_soon: list
    extended: list
    red_alerts: list
    oldest_open: object
    per_department: list


def build(messages, today=None):
    """The dashboard over a (user-scoped) queryset of messages."""
    today = today or timezone.localdate()
    open_messages = messages.open().select_related("mailbox")
    red_alert_before = timezone.now() - datetime.timedelta(days=RED_ALERT_DAYS)
    return Dashboard(
        overdue=list(open_messages.filter(due_date__lt=today).order_by("due_date")),
        due_soon=list(
            open_messages.filter(due_date__gte=today, due_date__lte=due_soon_limit(today)).order_by("due_date")
        ),
        extended=list(open_messages.filter(extension=Extension.APPROVED).order_by("due_date")),
        red_alerts=list(open_messages.filter(received_at__lte=red_alert_before).order_by("received_at")),
        oldest_open=open_messages.order_by("received_at").first(),
        per_department=list(
            open_messages.values("department_name").annotate(count=Count("pk")).order_by("-count", "department_name")
        ),
    )
