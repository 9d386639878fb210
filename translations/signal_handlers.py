"""Translations follow their originals: publishing an original page of a site with a foreign-language version
makes (or updates) its translations as drafts to translate (translations.sync.follow_source); unpublishing or
deleting it takes its translations offline (translations.sync.withdraw_translations)."""

from django.db.models.signals import pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from translations.languages import is_original


def follow_published_original(sender, instance, revision=None, **kwargs):
    if not is_original(instance):
        return
    from translations.sync import follow_source

    follow_source(instance, user=getattr(revision, "user", None))


def withdraw_with_original(sender, instance, **kwargs):
    if not is_original(instance):
        return
    from translations.sync import withdraw_translations

    withdraw_translations(instance, user=kwargs.get("user"))


def register_signal_handlers():
    from translations.segments import install_empty_text_guard
    from translations.sync import install_draft_guard

    install_draft_guard()
    install_empty_text_guard()
    page_published.connect(follow_published_original, dispatch_uid="translations_follow_published_original")
    page_unpublished.connect(withdraw_with_original, dispatch_uid="translations_unpublish_with_original")
    # Deleting a subtree sends pre_delete for every page in it, originals and translations alike.
    pre_delete.connect(withdraw_with_original, sender=Page, dispatch_uid="translations_delete_with_original")
