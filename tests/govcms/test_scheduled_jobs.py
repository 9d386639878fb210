"""Scheduled jobs on several nodes: govcms.core.locks.single_run lets one holder through (an advisory lock on
PostgreSQL, held here by a second database session; a shared-cache entry elsewhere), and run_scheduled_jobs skips a
job another node is running and a daily job already done that day."""

from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections

from govcms.core.locks import advisory_key, single_run

pytestmark = pytest.mark.django_db


@contextmanager
def held_by_another_node(name):
    """`name` locked as another node would lock it: its own PostgreSQL session, or the shared cache."""
    if connection.vendor == "postgresql":
        other = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [advisory_key(name)])
            yield
            # Ending the session would release it too, but the server does so a moment after the client leaves.
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [advisory_key(name)])
        finally:
            other.close()
    else:
        with single_run(name) as acquired:
            assert acquired
            yield


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def run(group):
    output = StringIO()
    call_command("run_scheduled_jobs", group, stdout=output)
    return output.getvalue()


def test_a_lock_held_elsewhere_is_refused_and_free_again_once_released():
    with held_by_another_node("job"):
        with single_run("job") as acquired:
            assert acquired is False
        with single_run("another job") as acquired:
            assert acquired is True
    with single_run("job") as acquired:
        assert acquired is True


def test_the_lock_is_released_when_the_job_fails():
    with pytest.raises(RuntimeError), single_run("job") as acquired:
        assert acquired
        raise RuntimeError("the job failed")
    with single_run("job") as acquired:
        assert acquired is True


def test_a_job_running_on_another_node_is_skipped_the_others_run():
    with held_by_another_node("scheduled:publish_scheduled"):
        output = run("minutely")

    assert "publish_scheduled: skipped, running on another node" in output
    assert "interview(s) closed." in output  # close_interviews ran

    assert "skipped" not in run("minutely")


def test_a_daily_job_runs_once_a_day_whichever_node_asks():
    first = run("daily")
    assert "already done today" not in first

    second = run("daily")  # another node's scheduler, the same day
    assert second.count("already done today") == 5
