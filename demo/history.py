"""Publishing demo pages with a believable history.

The demo's pages carry the day they were "published" (`first_published_at`, counted back from the day of
loading). Publishing them the ordinary way would record every page as published at load time in Wagtail's
log, and monitoring (monitoring.freshness) reads updates from that log: every column would look fresh. So a
page published for the first time by the demo gets its "wagtail.publish" entry at its own publication time.
Log entries are append-only on PostgreSQL, so the entry is written once with that time, never corrected.
"""

from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page


def publish(page, user=None):
    """Save a revision of `page` and publish it; the first publication is logged at `first_published_at`
    when that lies in the past. Returns the revision."""
    when = page.first_published_at
    first = page.live_revision_id is None
    revision = page.save_revision(user=user)
    if not first or when is None or when >= timezone.now():
        revision.publish(user=user)
        return revision
    revision.publish(user=user, log_action=False)
    log(instance=page, action="wagtail.publish", user=user, revision=revision, content_changed=True, timestamp=when)
    # What the admin shows as the latest publication and edit: the same past day, not the loading time.
    Page.objects.filter(pk=page.pk).update(last_published_at=when, latest_revision_created_at=when)
    revision.__class__.objects.filter(pk=revision.pk).update(created_at=when)
    page.last_published_at = page.latest_revision_created_at = when
    return revision
