"""The shared working-day calendar: 2026 holidays with their adjusted weekends, overrides, years without data."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from sitegroup.platform import SYSTEM_ADMIN_GROUP
from workdays.calendar import (
    add_working_days,
    has_official_data,
    is_working_day,
    working_days_between,
    years_without_official_data,
)
from workdays.models import WorkdayOverride

D = datetime.date

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 9, 20), True),  # Sunday worked for National Day (调休)
        (D(2026, 9, 30), True),
        (D(2026, 10, 1), False),
        (D(2026, 10, 7), False),
        (D(2026, 10, 8), True),
        (D(2026, 10, 10), True),  # Saturday worked for National Day
        (D(2026, 10, 11), False),
        (D(2026, 2, 14), True),  # Saturday worked before the Spring Festival
        (D(2026, 2, 16), False),
        (D(2026, 2, 23), False),
        (D(2026, 2, 24), True),
        (D(2026, 2, 28), True),  # Saturday worked after it
        (D(2026, 3, 1), False),
    ],
)
def test_2026_holidays_and_adjusted_weekends(day, expected):
    assert is_working_day(day) is expected


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        (D(2026, 9, 30), 7, D(2026, 10, 15)),  # the documented example
        (D(2026, 9, 30), 15, D(2026, 10, 27)),
        (D(2026, 9, 18), 2, D(2026, 9, 21)),  # Sunday 09-20 counts: Fri 18 -> Sun 20, Mon 21
        (D(2026, 2, 12), 7, D(2026, 2, 28)),  # across the Spring Festival: 13, 14(Sat), 24, 25, 26, 27, 28(Sat)
        (D(2026, 2, 12), 8, D(2026, 3, 2)),
        (D(2026, 10, 3), 1, D(2026, 10, 8)),  # received on a holiday: the next working day is the first
    ],
)
def test_deadlines(received, days, due):
    assert add_working_days(received, days) == due


def test_a_datetime_counts_in_the_platform_time_zone():
    # 2026-09-30 17:00 UTC is already 10-01 in Shanghai: the holiday is the day of receipt.
    received = datetime.datetime(2026, 9, 30, 17, 0, tzinfo=datetime.UTC)
    assert timezone.localdate(received) == D(2026, 10, 1)
    assert add_working_days(received, 1) == D(2026, 10, 8)


def test_working_days_between_counts_after_the_start_up_to_the_end():
    assert working_days_between(D(2026, 9, 30), D(2026, 10, 15)) == 7
    assert working_days_between(D(2026, 9, 30), D(2026, 9, 30)) == 0
    assert working_days_between(D(2026, 10, 15), D(2026, 9, 30)) == 0


def test_a_year_without_data_falls_back_to_weekdays_and_is_reported():
    assert has_official_data(2026)
    assert not has_official_data(2031)
    assert is_working_day(D(2031, 1, 1)) is False  # the library's fixed holiday
    assert is_working_day(D(2031, 1, 4)) is False  # Saturday
    assert add_working_days(D(2031, 1, 2), 2) == D(2031, 1, 6)
    assert years_without_official_data(D(2030, 12, 20)) == [2030, 2031]
    assert years_without_official_data(D(2026, 6, 1)) == []


def test_overrides_win_and_mark_the_year_as_official():
    WorkdayOverride.objects.create(date=D(2031, 1, 4), is_working_day=True, note="元旦调休")
    WorkdayOverride.objects.create(date=D(2031, 1, 6), is_working_day=False, note="元旦")
    assert has_official_data(2031)
    assert is_working_day(D(2031, 1, 4)) is True
    assert is_working_day(D(2031, 1, 6)) is False
    # Thu 2 (start), Fri 3 = 1, Sat 4 (worked) = 2, Mon 6 off, Tue 7 = 3.
    assert add_working_days(D(2031, 1, 2), 3) == D(2031, 1, 7)
    assert working_days_between(D(2031, 1, 2), D(2031, 1, 7)) == 3


def test_n_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        add_working_days(D(2026, 1, 5), 0)


def test_platform_administrators_see_the_warning_and_the_menu_it_points_to(client, site_group, make_user):
    platform_admin = make_user(Group.objects.get(name=SYSTEM_ADMIN_GROUP))
    missing = years_without_official_data()
    assert missing, "the library knows no year after 2026, so a coming year always lacks data here"
    schedule = reverse("wagtailsnippets_workdays_workdayoverride:list")
    # Site roles cannot enter the schedule, so neither the warning nor the menu addresses them.
    for role in ("编辑", "管理员"):
        client.force_login(make_user(site_group.county_a.groups[role]))
        dashboard = client.get("/admin/").content.decode()
        assert "工作日历缺少官方节假日安排" not in dashboard
        assert schedule not in dashboard
    client.force_login(platform_admin)
    dashboard = client.get("/admin/").content.decode()
    assert "工作日历缺少官方节假日安排" in dashboard
    assert schedule in dashboard  # the settings menu
    assert client.get(reverse("wagtailsnippets_workdays_workdayoverride:add")).status_code == 200
    for year in missing:
        WorkdayOverride.objects.create(date=D(year, 1, 1), is_working_day=False, note="元旦")
    assert "工作日历缺少官方节假日安排" not in client.get("/admin/").content.decode()
