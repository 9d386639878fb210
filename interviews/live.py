"""The live transcript endpoint's cache: one cached answer per interview, cleared on every change."""

from django.core.cache import cache


def live_cache_key(interview_id):
    return f"interviews:live:{interview_id}"


def purge_live_cache(interview_id):
    """Forget the interview's cached live answer: the next poll rebuilds it (called after every change)."""
    cache.delete(live_cache_key(interview_id))
