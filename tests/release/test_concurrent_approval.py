"""Two approvers pressing 通过 at the same moment: one approval, one publication.

SQLite serialises writers, so the race only exists on PostgreSQL; CI runs the
suite on both and this test on PostgreSQL.
"""

import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from wagtail.models import PageLogEntry, TaskState

from tests.release.workflow import act, current_task_state, submit

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"], reason="row locks need PostgreSQL"
)


def approve_together(users, page):
    barrier = threading.Barrier(len(users))
    statuses = []

    def approve(user):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait()
            statuses.append(act(client, user, page, "approve").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_two_approvers_at_once_give_one_approval_and_one_publish(
    transactional_db, client, draft, county_a_staff, site_group, make_user
):
    submit(client, county_a_staff.officer, draft)
    act(client, county_a_staff.reviewer, draft, "approve")
    final_step = current_task_state(draft)
    second_approver = make_user(site_group.county_a.groups["签发"])

    approve_together([county_a_staff.approver, second_approver], draft)

    final_step.refresh_from_db()
    assert final_step.status == TaskState.STATUS_APPROVED
    approvals = PageLogEntry.objects.filter(page=draft, action="wagtail.workflow.approve")
    assert approvals.count() == 2  # 部门初审 once, 办公室签发 once
    assert PageLogEntry.objects.filter(page=draft, action="wagtail.publish").count() == 1
    draft.refresh_from_db()
    assert draft.live
