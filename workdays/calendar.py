"""The working-day calendar shared by every deadline on the platform.

Chinese public holidays and the adjusted working weekends (调休) come from the
`holidays` package's China calendar; `WorkdayOverride` rows entered by platform
administrators take precedence, because the State Council publishes a year's
schedule only in the November before it and the library may lag behind.

A year "has official data" when the library lists adjusted working weekends
for it or an override was entered for it. Without official data the calendar
falls back to Monday to Friday minus the library's (estimated) holidays, and
`years_without_official_data` lets the admin warn those who enter the schedule.

Convention for deadlines: the day of receipt does not count; a deadline of n
working days is the end of the n-th working day after the day of receipt.
A message received on 2026-09-30 is due on 2026-10-15 (7) and 2026-10-27 (15).
"""

import datetime
from functools import lru_cache

import holidays
from django.utils import timezone

from workdays.models import WorkdayOverride


@lru_cache(maxsize=64)
def _library_calendar(year):
    return holidays.China(years=year)


def _as_date(value):
    """A date for a date or an aware datetime (taken in the platform's time zone)."""
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _library_is_working_day(day):
    return _library_calendar(day.year).is_working_day(day)


def _overrides(**date_lookup):
    # A few dozen rows a year: one query fetches all that a computation can reach.
    return dict(WorkdayOverride.objects.filter(**date_lookup).values_list("date", "is_working_day"))


def _is_working(day, overrides):
    override = overrides.get(day)
    return _library_is_working_day(day) if override is None else override


def is_working_day(day):
    """Whether `day` (a date or datetime) is a working day: overrides first, then the library."""
    day = _as_date(day)
    return _is_working(day, _overrides(date=day))


def add_working_days(start, n):
    """The date of the n-th working day after `start` (the start day itself never counts)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    start = _as_date(start)
    overrides = _overrides(date__gt=start)
    day, counted = start, 0
    while counted < n:
        day += datetime.timedelta(days=1)
        if _is_working(day, overrides):
            counted += 1
    return day


def working_days_between(start, end):
    """How many working days lie after `start` up to and including `end` (0 when end <= start)."""
    start, end = _as_date(start), _as_date(end)
    if end <= start:
        return 0
    overrides = _overrides(date__range=(start, end))
    days = (start + datetime.timedelta(days=offset) for offset in range(1, (end - start).days + 1))
    return sum(1 for day in days if _is_working(day, overrides))


class WorkingDaysWithin:
    """working_days_between for many intervals inside [first, last], reading the overrides once (for reports
    over many letters, where working_days_between would cost a query each)."""

    def __init__(self, first, last):
        self.overrides = _overrides(date__range=(_as_date(first), _as_date(last)))

    def between(self, start, end):
        start, end = _as_date(start), _as_date(end)
        days = (start + datetime.timedelta(days=offset) for offset in range(1, (end - start).days + 1))
        return sum(1 for day in days if _is_working(day, self.overrides))


def has_official_data(year):
    """Whether the year's schedule is known: adjusted weekends in the library, or overrides entered for it."""
    calendar = _library_calendar(year)
    if any(day.year == year for day in calendar.weekend_workdays):
        return True
    return WorkdayOverride.objects.filter(date__year=year).exists()


def years_without_official_data(today=None, horizon_days=45):
    """The years a deadline set today could fall in that still lack official data."""
    today = _as_date(today or timezone.localdate())
    years = {today.year, (today + datetime.timedelta(days=horizon_days)).year}
    return sorted(year for year in years if not has_official_data(year))
