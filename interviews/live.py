"""The live transcript endpoint (GET /interviews/<id>/live.json?since=<last id>), built for a crowd.

One answer per interview is built from the database and kept in Django's cache (live_cache_key); every
poll slices it by `since`, so a cache hit costs no query. The console clears it on every change
(purge_live_cache); publishing, unpublishing or deleting the page clears it too (signal_handlers); and it
expires after LIVE_CACHE_SECONDS anyway, for what changes without a signal (a section newly protected, a
site held). The state (预告 / 直播中 / 已结束) is worked out on every poll from the cached schedule, so it
turns on time. Unchanged polls cost a 304: the weak ETag carries Broadcast.version, the state and `since`.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db.models import Prefetch
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from wagtail.images import get_image_model

from govcms.core.visibility import held_site_paths
from interviews.models import Broadcast, InterviewPage, InterviewState, TranscriptEntry

# A safety net only: every change made from the console or to the page clears the cache at once.
LIVE_CACHE_SECONDS = 30
# A shared cache in front (nginx, a CDN) may answer the same poll for this long; the page polls every 5 s.
CLIENT_MAX_AGE_SECONDS = 2
# The picture of an entry as the public page shows it (interview_page.html uses the same).
ENTRY_IMAGE_SPEC = "max-800x600"
# What the cache keeps for an id the public may not see (unpublished, protected, held, not an interview).
NOT_PUBLIC = "not-public"


def live_cache_key(interview_id):
    return f"interviews:live:{interview_id}"


def purge_live_cache(interview_id):
    """Forget the interview's cached live answer: the next poll rebuilds it (called after every change)."""
    cache.delete(live_cache_key(interview_id))


@dataclass(frozen=True)
class Schedule:
    """The page's schedule, all Broadcast.state() reads of the page."""

    scheduled_start: datetime
    scheduled_end: datetime


@dataclass(frozen=True)
class LiveTranscript:
    """Everything the endpoint answers about one interview, whatever `since`: what the cache keeps.

    Plain values only (no page): every poll reads it back from the cache.
    """

    schedule: Schedule
    broadcast: Broadcast  # a detached copy: the host's overrides, the announcement, version and changed_at
    published_at: datetime
    language: str
    state_labels: dict
    entries: list  # serialised, in the page's order (spoken_at, id); retracted ones left out
    edited_ids: frozenset
    retracted_ids: list
    last_id: int

    def state(self, now):
        return self.broadcast.state(self.schedule, now)

    def last_modified(self, now):
        """The latest change this answer reflects: the console's, the page's, or the schedule turning."""
        turns = (self.schedule.scheduled_start, self.broadcast.end_time(self.schedule))
        return max(self.broadcast.changed_at, self.published_at, *(turn for turn in turns if turn <= now))

    def etag(self, state, since):
        return f'W/"{self.broadcast.version}-{state}-{since}"'

    def answer(self, state, since):
        """The JSON for a client that already has every entry up to `since`."""
        return {
            "state": state,
            "state_label": self.state_labels[state],
            "announcement": self.broadcast.announcement,
            "entries": [entry for entry in self.entries if entry["id"] > since],
            "edited": [entry for entry in self.entries if entry["id"] <= since and entry["id"] in self.edited_ids],
            "retracted": [entry_id for entry_id in self.retracted_ids if entry_id <= since],
            "last_id": max(since, self.last_id),
        }


def serialise_entry(entry):
    """One live entry as live.js knows it; the text is plain (live.js inserts it as text, never as HTML)."""
    local = timezone.localtime(entry.spoken_at)
    return {
        "id": entry.pk,
        "anchor": entry.anchor,
        "speaker": entry.speaker,
        "speaker_label": str(entry.get_speaker_display()),
        "speaker_name": entry.speaker_name,
        "time": local.strftime("%H:%M"),
        "iso": local.isoformat(),
        "text": entry.text,
        "image": serialise_image(entry.image, entry.image_alt) if entry.image else None,
        "question": {"nickname": entry.question.nickname, "text": entry.question.text} if entry.question else None,
    }


def serialise_image(image, alt):
    rendition = image.get_rendition(ENTRY_IMAGE_SPEC)
    return {"url": rendition.url, "width": rendition.width, "height": rendition.height, "alt": alt}


def entries_with_pictures(interview_id):
    """The interview's entries, retracted ones too, with their quoted question and picture (at most three queries)."""
    images = get_image_model().objects.prefetch_renditions(ENTRY_IMAGE_SPEC)
    return (
        TranscriptEntry.objects.filter(interview_id=interview_id)
        .select_related("question")
        .prefetch_related(Prefetch("image", queryset=images))
    )


def public_interview(interview_id):
    """The live InterviewPage with that id the public may see, with its broadcast and locale; else None.

    Not one in a login- or password-protected section (public()), nor one of a site not yet public.
    """
    interviews = InterviewPage.objects.live().public().select_related("broadcast_record", "locale")
    interview = interviews.filter(pk=interview_id).first()
    if interview is None or any(interview.path.startswith(path) for path in held_site_paths()):
        return None
    return interview


# What the endpoint reads of the Broadcast (a copy of these is cached, never the row with its page).
BROADCAST_FIELDS = ("started_at", "extended_until", "ended_at", "announcement", "version", "changed_at")


def detached(broadcast):
    """A copy of what the endpoint reads of a Broadcast, without its page (what the cache keeps)."""
    return Broadcast(**{name: getattr(broadcast, name) for name in BROADCAST_FIELDS})


def build_live_transcript(interview):
    entries = list(entries_with_pictures(interview.pk))
    shown = [entry for entry in entries if entry.retracted_at is None]
    language = interview.locale.language_code
    # Labels in the page's language, whichever language the poll asks for: one answer per interview.
    with translation.override(language):
        state_labels = {state.value: str(state.label) for state in InterviewState}
        serialised = [serialise_entry(entry) for entry in shown]
    return LiveTranscript(
        schedule=Schedule(interview.scheduled_start, interview.scheduled_end),
        broadcast=detached(interview.broadcast_or_blank()),
        published_at=interview.last_published_at,
        language=language,
        state_labels=state_labels,
        entries=serialised,
        edited_ids=frozenset(entry.pk for entry in shown if entry.edited_at),
        retracted_ids=[entry.pk for entry in entries if entry.retracted_at is not None],
        last_id=max((entry.pk for entry in entries), default=0),
    )


def live_transcript(interview_id):
    """The interview's LiveTranscript from the cache, built on a miss; None when the public may not see it."""
    key = live_cache_key(interview_id)
    cached = cache.get(key)
    if cached is None:
        interview = public_interview(interview_id)
        cached = NOT_PUBLIC if interview is None else build_live_transcript(interview)
        cache.set(key, cached, LIVE_CACHE_SECONDS)
    return cached if isinstance(cached, LiveTranscript) else None


def parse_since(request):
    """The last entry id the client has: 0 when absent; None when not a whole number (a 400)."""
    value = request.GET.get("since", "0") or "0"
    return int(value) if value.isascii() and value.isdigit() else None


@require_safe
def live_json(request, page_id):
    """The entries after `since`, the edits and retractions of earlier ones, the state and the announcement."""
    since = parse_since(request)
    if since is None:
        return HttpResponseBadRequest("since")
    transcript = live_transcript(page_id)
    if transcript is None:
        # A short JSON answer, not the site's 404 page: live.js stops polling on it.
        return cacheable(JsonResponse({"error": "not_found"}, status=404))
    now = timezone.now()
    state = transcript.state(now)
    # Whole seconds, as HTTP dates carry them (If-Modified-Since compares with them).
    etag, last_modified = transcript.etag(state, since), int(transcript.last_modified(now).timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = JsonResponse(transcript.answer(state, since), json_dumps_params={"ensure_ascii": False})
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Content-Language"] = transcript.language
    return cacheable(response)


def cacheable(response):
    """The same for every visitor, so a shared cache in front may keep it briefly (CLIENT_MAX_AGE_SECONDS)."""
    patch_cache_control(response, public=True, max_age=CLIENT_MAX_AGE_SECONDS)
    return response
