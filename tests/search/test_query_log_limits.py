"""The 搜索词统计 log cannot be flooded: per-client logging limit, a daily cap on new terms per site, clean-up.

Searches beyond the limits are still answered; they are only not logged. The limits are lowered here so a
handful of searches reach them.
"""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from search import views
from search.models import QueryLog


def search_from(number, query):
    response = Client(REMOTE_ADDR=f"10.2.0.{number}").get("/search/", {"q": query}, HTTP_HOST="localhost")
    assert response.status_code == 200
    return response


def logged():
    return {row.query_string: row.hits for row in QueryLog.objects.all()}


def test_a_client_logs_a_limited_number_of_searches(site_group, monkeypatch):
    monkeypatch.setattr(views, "LOG_RATE", "3/h")

    for number in range(5):
        search_from(1, f"政府{number}")
    search_from(2, "政府0")

    assert logged() == {"政府0": 2, "政府1": 1, "政府2": 1}


def test_a_site_takes_a_limited_number_of_new_terms_a_day_whoever_searches(site_group, monkeypatch):
    monkeypatch.setattr(views, "NEW_TERMS_DAILY_CAP", 3)

    for number in range(6):
        search_from(number, f"词{number}")
    search_from(9, "词1")  # a term already logged today is still counted
    Client(REMOTE_ADDR="10.2.1.1").get("/search/", {"q": "乙县的词"}, HTTP_HOST="county-b.localhost")

    assert logged() == {"词0": 1, "词1": 2, "词2": 1, "乙县的词": 1}


def test_prune_query_log_deletes_rows_older_than_the_retention(site_group):
    today = timezone.localdate()
    site = site_group.portal.site
    for days, term in ((0, "今天"), (365, "一年前"), (401, "太久以前")):
        QueryLog.objects.create(site=site, query_string=term, date=today - datetime.timedelta(days=days), hits=1)

    call_command("prune_query_log")
    assert set(logged()) == {"今天", "一年前"}

    call_command("prune_query_log", "--days", "30")
    assert set(logged()) == {"今天"}


@pytest.mark.parametrize("remote_addr", ["", "not-an-address"])
def test_a_search_without_a_usable_client_address_is_answered(site_group, remote_addr):
    response = Client(REMOTE_ADDR=remote_addr).get("/search/", {"q": "政府"}, HTTP_HOST="localhost")

    assert response.status_code == 200
    assert logged() == {"政府": 1}


def test_a_logged_term_with_control_characters_exports(site_group, admin_client):
    search_from(1, "政府\x1b[31m网站\x07")

    response = admin_client.get("/admin/reports/search-queries/", {"export": "xlsx"})

    assert response.status_code == 200
    assert b"".join(response.streaming_content)
