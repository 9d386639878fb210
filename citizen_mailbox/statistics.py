"""Monthly figures for the public statistics page and the dashboard: received, answered, on time, working days."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from citizen_mailbox.models import CLOSED_STATUSES, Message
from govcms.core.wording import month_label
from workdays.calendar import working_days_between

MONTHS_SHOWN = 12


class ReplyRates:
    """The rates of a count of closed letters (`answered`, `on_time`, `working_days_total`)."""

    @property
    def on_time_rate(self):
        """Percentage of the closed letters closed by their deadline; None when none closed."""
        return round(100 * self.on_time / self.answered, 1) if self.answered else None

    @property
    def average_working_days(self):
        return round(self.working_days_total / self.answered, 1) if self.answered else None


@dataclass
class Month(ReplyRates):
    month: datetime.date
    received: int = 0
    answered: int = 0
    on_time: int = 0
    working_days_total: int = 0


def _month_starts(today, count):
    first = today.replace(day=1)
    months = []
    for _ in range(count):
        months.append(first)
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def _month_of(moment):
    return timezone.localdate(moment).replace(day=1)


def monthly(mailbox, today=None, count=MONTHS_SHOWN):
    """The last `count` months, oldest first. Closed messages count in the month they were closed."""
    today = today or timezone.localdate()
    months = {start: Month(start) for start in _month_starts(today, count)}
    since = min(months)
    messages = Message.objects.filter(mailbox=mailbox)
    for received_at in messages.filter(received_at__date__gte=since).values_list("received_at", flat=True):
        month = months.get(_month_of(received_at))
        if month is not None:
            month.received += 1
    closed = messages.filter(status__in=CLOSED_STATUSES, closed_at__date__gte=since).values_list(
        "received_at", "closed_at", "due_date"
    )
    for received_at, closed_at, due_date in closed:
        month = months.get(_month_of(closed_at))
        if month is None:
            continue
        month.answered += 1
        month.on_time += timezone.localdate(closed_at) <= due_date
        month.working_days_total += working_days_between(received_at, closed_at)
    return list(months.values())


# The chart's drawing area, in SVG user units (the SVG scales to the page width).
CHART_WIDTH, CHART_HEIGHT, CHART_BASELINE = 600, 220, 190
_BAR_AREA = 160


def bar_chart(months):
    """Geometry for a server-drawn SVG bar chart: received and answered side by side, per month."""
    peak = max([1, *(m.received for m in months), *(m.answered for m in months)])
    slot = CHART_WIDTH / max(len(months), 1)
    bar = slot * 0.35
    bars = []
    for index, month in enumerate(months):
        x = index * slot + slot * 0.15
        received_height = round(_BAR_AREA * month.received / peak, 1)
        answered_height = round(_BAR_AREA * month.answered / peak, 1)
        label, unit = month_label(month.month)
        bars.append(
            {
                "month": month,
                "label": label,
                "unit": unit,
                "label_x": round(x + bar, 1),
                "received": {"x": round(x, 1), "y": CHART_BASELINE - received_height, "height": received_height},
                "answered": {
                    "x": round(x + bar, 1),
                    "y": CHART_BASELINE - answered_height,
                    "height": answered_height,
                },
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "baseline": CHART_BASELINE,
        "bar_width": round(bar, 1),
        "peak": peak,
        "bars": bars,
    }
