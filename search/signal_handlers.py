"""Index pages as they change; indexing problems are logged and never stop an editor from publishing.

Deleting a page deletes its document through the foreign key, so only saves and moves need handling.
The setting SEARCH_AUTO_UPDATE = False turns the updates off, as AUTO_UPDATE does for a Wagtail search
backend: the test settings do, for speed, and tests that search turn it back on (docs/testing.md).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import post_page_move

from search.indexing import index_page, reindex_subtree
from search.registry import available_kinds

logger = logging.getLogger(__name__)


def _page_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _update(index_page, instance)


def _page_moved(sender, instance, **kwargs):
    _update(reindex_subtree, instance)


def _restriction_changed(sender, instance, **kwargs):
    # Pages behind a login or password are not advertised in search: re-check the section.
    _update(reindex_subtree, instance.page)


def _update(function, page):
    """Run one index update unless SEARCH_AUTO_UPDATE is off; a failure is logged, not raised."""
    if not getattr(settings, "SEARCH_AUTO_UPDATE", True):
        return
    try:
        # A savepoint, so a failed index write cannot spoil the editor's transaction.
        with transaction.atomic():
            function(page)
    except Exception:
        logger.exception("Search index update failed for page %s", page.pk)


def register_signal_handlers():
    for kind in available_kinds():
        post_save.connect(_page_saved, sender=kind.model, dispatch_uid=f"search_index_{kind.model_label}")
    for signal in (post_save, post_delete):
        signal.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid=f"search_restriction_{signal}")
    post_page_move.connect(_page_moved, dispatch_uid="search_index_page_moved")
