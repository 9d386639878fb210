"""The live endpoint's cached answer follows the page: publishing or unpublishing (deleting) clears it at once."""

from wagtail.signals import page_published, page_unpublished

from interviews.live import purge_live_cache
from interviews.models import InterviewPage


def purge_on_page_change(sender, instance, **kwargs):
    purge_live_cache(instance.pk)


def register_signal_handlers():
    # Wagtail unpublishes a live page before deleting it, so deletion is covered too.
    page_published.connect(purge_on_page_change, sender=InterviewPage, dispatch_uid="interviews_purge_on_publish")
    page_unpublished.connect(purge_on_page_change, sender=InterviewPage, dispatch_uid="interviews_purge_on_unpublish")
