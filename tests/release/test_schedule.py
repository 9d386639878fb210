"""Scheduled publishing and expiry set in the editor, carried out by `manage.py publish_scheduled`.

Time passing is simulated by moving the stored go-live / expiry times into
the past, as they would be when the scheduler next runs.
"""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.locks import ScheduledForPublishLock
from wagtail.models import PageLogEntry, Revision

from tests.release.workflow import act, submit
from tests.sitegroup.utils import article_form_data

pytestmark = pytest.mark.django_db

ARTICLE_URL = "/zwdt/fangxun/"
HOST = {"host": "county-a.localhost"}


def editor_time(moment):
    """A datetime as the schedule dialog of the editor posts it (local time)."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def in_one_day():
    return timezone.now() + timedelta(days=1)


def a_minute_ago():
    return timezone.now() - timedelta(minutes=1)


def release(client, staff, page, commit_callbacks, **changes):
    """Submit with `changes` (e.g. the schedule), then 部门初审 and 办公室签发 approve."""
    with commit_callbacks(execute=True):
        submit(client, staff.officer, page, **changes)
        act(client, staff.reviewer, page, "approve")
        act(client, staff.approver, page, "approve")
    page.refresh_from_db()


def scheduled_revision(page):
    return Revision.objects.for_instance(page).get(approved_go_live_at__isnull=False)


def let_go_live_time_pass(page):
    revision = scheduled_revision(page)
    scheduled = revision.as_object()
    scheduled.go_live_at = revision.approved_go_live_at = a_minute_ago()
    revision.content = scheduled.serializable_data()
    revision.save(update_fields=["content", "approved_go_live_at"])


def logged_actions(page):
    return set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))


def test_a_page_approved_with_a_go_live_time_goes_live_when_publish_scheduled_runs(
    client, draft, county_a_staff, django_capture_on_commit_callbacks
):
    go_live_at = in_one_day().replace(second=0, microsecond=0)
    release(client, county_a_staff, draft, django_capture_on_commit_callbacks, go_live_at=editor_time(go_live_at))

    assert not draft.live
    assert scheduled_revision(draft).approved_go_live_at == go_live_at
    assert client.get(ARTICLE_URL, headers=HOST).status_code == 404
    call_command("publish_scheduled")
    draft.refresh_from_db()
    assert not draft.live

    let_go_live_time_pass(draft)
    call_command("publish_scheduled")

    draft.refresh_from_db()
    assert draft.live
    assert "wagtail.publish.scheduled" in logged_actions(draft)
    assert not Revision.objects.for_instance(draft).filter(approved_go_live_at__isnull=False).exists()
    client.logout()
    assert client.get(ARTICLE_URL, headers=HOST).status_code == 200


def test_the_admin_shows_the_page_as_scheduled(client, draft, county_a_staff, django_capture_on_commit_callbacks):
    release(client, county_a_staff, draft, django_capture_on_commit_callbacks, go_live_at=editor_time(in_one_day()))

    assert isinstance(draft.get_lock(), ScheduledForPublishLock)
    client.force_login(county_a_staff.approver)
    explorer = client.get(reverse("wagtailadmin_explore", args=[draft.get_parent().pk]))
    row = BeautifulSoup(explorer.content, "html.parser").find(id=f"page_{draft.pk}_title").find_parent("tr")
    with translation.override("zh-hans"):
        assert gettext("scheduled") in row.get_text()


def test_a_page_past_its_expiry_time_is_unpublished_by_publish_scheduled(
    client, draft, county_a_staff, django_capture_on_commit_callbacks
):
    release(client, county_a_staff, draft, django_capture_on_commit_callbacks, expire_at=editor_time(in_one_day()))
    assert draft.live
    call_command("publish_scheduled")
    draft.refresh_from_db()
    assert draft.live

    type(draft).objects.filter(pk=draft.pk).update(expire_at=a_minute_ago())
    call_command("publish_scheduled")

    draft.refresh_from_db()
    assert (draft.live, draft.expired) == (False, True)
    assert "wagtail.unpublish.scheduled" in logged_actions(draft)
    client.logout()
    assert client.get(ARTICLE_URL, headers=HOST).status_code == 404


def test_a_new_version_of_a_live_page_replaces_it_at_its_go_live_time(
    client, draft, county_a_staff, django_capture_on_commit_callbacks
):
    release(client, county_a_staff, draft, django_capture_on_commit_callbacks)
    assert draft.live
    # The approval of the first release is done; the officer starts the next one.
    release(
        client,
        county_a_staff,
        draft,
        django_capture_on_commit_callbacks,
        title="甲县召开防汛工作会议（更新）",
        go_live_at=editor_time(in_one_day()),
    )

    assert draft.live
    assert draft.title == "甲县召开防汛工作会议"
    let_go_live_time_pass(draft)
    call_command("publish_scheduled")

    draft.refresh_from_db()
    assert draft.title == "甲县召开防汛工作会议（更新）"


def test_a_superuser_schedules_directly_in_the_editor(client, draft, django_user_model):
    superuser = django_user_model.objects.create_superuser("root", "root@example.gov.cn", "x")
    client.force_login(superuser)
    data = article_form_data(draft.title, draft.slug, go_live_at=editor_time(in_one_day()))
    data["action-publish"] = "action-publish"

    client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)

    draft.refresh_from_db()
    assert not draft.live
    assert scheduled_revision(draft).user == superuser
    let_go_live_time_pass(draft)
    call_command("publish_scheduled")
    draft.refresh_from_db()
    assert draft.live
