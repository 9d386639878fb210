"""Calendar-month arithmetic for limits stated in months (通知公告 six months, a letter's three months)."""

import calendar
import datetime


def months_before(day, months):
    """The same day `months` calendar months earlier, or the month's last day when it has no such day
    (31 August minus six months is 28 or 29 February)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
