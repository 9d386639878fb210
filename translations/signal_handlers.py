"""Translations follow their originals: publishing an original page of a site with a foreign-language version
makes (or updates) its translations as drafts to translate (translations.sync.follow_source)."""

from wagtail.signals import page_published

from translations.languages import is_original


def follow_published_original(sender, instance, revision=None, **kwargs):
    if not is_original(instance):
        return
    from translations.sync import follow_source

    follow_source(instance, user=getattr(revision, "user", None))


def register_signal_handlers():
    from translations.segments import install_empty_text_guard
    from translations.sync import install_draft_guard

    install_draft_guard()
    install_empty_text_guard()
    page_published.connect(follow_published_original, dispatch_uid="translations_follow_published_original")
