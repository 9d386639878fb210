"""The live transcript endpoint (GET /interviews/<id>/live.json?since=<last id>), built for a crowd.

One answer per interview is built from the database and kept in Django's cache as two entries: the small
Validators (what a 304 needs: version, schedule, publication, language) and the LiveTranscript (the entries),
so an unchanged poll never reads the transcript, and every other poll reads both in one round trip and
slices the transcript by `since`; a cache hit costs no query. The console clears both on every change
(purge_live_cache); publishing, unpublishing or deleting the page clears them too (signal_handlers); and they
expire after LIVE_CACHE_SECONDS anyway, for what changes without a signal (a section newly protected, a site
held). The state (预告 / 直播中 / 已结束) is worked out on every poll from the cached schedule, so it turns on
time. Once the transcript is frozen into the page, the endpoint serves that transcript, as the page shows it
(corrections by editors included). Unchanged polls cost a 304, decided on the ETag alone.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from govcms.core.visibility import held_site_paths
from interviews.models import Broadcast, InterviewPage, InterviewState, TranscriptEntry
from interviews.public_page import ENTRY_IMAGE_SPEC, ShownEntry, entries_with_pictures, frozen_entries

# A safety net only: every change made from the console or to the page clears the cache at once.
LIVE_CACHE_SECONDS = 30
# A shared cache in front (nginx, a CDN) may answer the same poll for this long; the page polls every 5 s.
CLIENT_MAX_AGE_SECONDS = 2
# What the cache keeps for an id the public may not see (unpublished, protected, held, not an interview).
NOT_PUBLIC = "not-public"
# Longer is not an entry id (a bigint has 19 digits), and int() refuses over 4,300 digits with an error.
MAX_SINCE_DIGITS = 18
# The publication date of a page added live without being published (add_child), which has none.
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


def live_cache_key(interview_id):
    return f"interviews:live:{interview_id}"


def validators_cache_key(interview_id):
    return f"interviews:live:{interview_id}:validators"


def purge_live_cache(interview_id):
    """Forget the interview's cached live answer: the next poll rebuilds it (called after every change)."""
    cache.delete_many([validators_cache_key(interview_id), live_cache_key(interview_id)])


@dataclass(frozen=True)
class Schedule:
    """The page's schedule, all Broadcast.state() reads of the page."""

    scheduled_start: datetime
    scheduled_end: datetime


@dataclass(frozen=True)
class Validators:
    """What an unchanged poll needs (state, ETag, Last-Modified): its own small cache entry."""

    schedule: Schedule
    broadcast: Broadcast  # a detached copy: the host's overrides, the announcement, version and changed_at
    published_at: datetime
    language: str

    def state(self, now):
        return self.broadcast.state(self.schedule, now)

    def last_modified(self, now):
        """The latest change this answer reflects: the console's, the page's, or the schedule turning."""
        turns = (self.schedule.scheduled_start, self.broadcast.end_time(self.schedule))
        changes = (self.broadcast.changed_at, *(turn for turn in turns if turn <= now))
        return max(self.published_at, *(change for change in changes if change is not None))

    def etag(self, state, since):
        # The publication changes it too: an editor's correction of the frozen transcript is a publication.
        published = int(self.published_at.timestamp() * 1_000_000)
        return f'W/"{self.broadcast.version}-{published}-{state}-{since}"'


def is_new(entry, since):
    """After `since`. An entry an editor added to the frozen transcript has no id: new to a client with nothing."""
    return since == 0 if entry["id"] is None else entry["id"] > since


@dataclass(frozen=True)
class LiveTranscript:
    """The entries the endpoint answers, whatever `since`: plain values only, read back from the cache."""

    state_labels: dict
    entries: list  # serialised, in the page's order; retracted ones left out
    edited_ids: frozenset
    retracted_ids: list
    last_id: int

    def answer(self, validators, state, since):
        """The JSON for a client that already has every entry up to `since`."""
        return {
            "state": state,
            "state_label": self.state_labels[state],
            "announcement": validators.broadcast.announcement,
            "entries": [entry for entry in self.entries if is_new(entry, since)],
            "edited": [
                entry
                for entry in self.entries
                if entry["id"] is not None and entry["id"] <= since and entry["id"] in self.edited_ids
            ],
            "retracted": [entry_id for entry_id in self.retracted_ids if entry_id <= since],
            "last_id": max(since, self.last_id),
        }


def serialise_entry(entry):
    """One ShownEntry as live.js knows it; the text is plain (live.js inserts it as text, never as HTML)."""
    local = timezone.localtime(entry.spoken_at)
    return {
        "id": entry.entry_id,
        "anchor": entry.anchor,
        "speaker": entry.speaker,
        "speaker_label": str(entry.speaker_label),
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


def published_at(interview):
    """When the page was last published; a page added live without publishing (add_child) has no such date."""
    dates = (interview.last_published_at, interview.first_published_at, interview.latest_revision_created_at)
    return next((date for date in dates if date is not None), LONG_AGO)


def from_live_entries(interview, state_labels):
    entries = list(entries_with_pictures(interview.pk))
    shown = [entry for entry in entries if entry.retracted_at is None]
    return LiveTranscript(
        state_labels=state_labels,
        entries=[serialise_entry(ShownEntry.from_live(entry)) for entry in shown],
        edited_ids=frozenset(entry.pk for entry in shown if entry.edited_at),
        retracted_ids=[entry.pk for entry in entries if entry.retracted_at is not None],
        last_id=max((entry.pk for entry in entries), default=0),
    )


def from_frozen_transcript(interview, state_labels):
    """The transcript frozen into the page, as the page shows it with the editors' corrections.

    A client may hold any entry as it was broadcast, so each kept one counts as edited, and each live entry
    an editor removed as retracted.
    """
    shown = frozen_entries(interview)
    kept = {entry.entry_id for entry in shown if entry.entry_id is not None}
    live_ids = set(TranscriptEntry.objects.filter(interview_id=interview.pk).values_list("pk", flat=True))
    return LiveTranscript(
        state_labels=state_labels,
        entries=[serialise_entry(entry) for entry in shown],
        edited_ids=frozenset(kept),
        retracted_ids=sorted(live_ids - kept),
        last_id=max(live_ids | kept, default=0),
    )


def build_answer(interview):
    """(Validators, LiveTranscript) of a public interview, from the database."""
    broadcast = interview.broadcast_or_blank()
    language = interview.locale.language_code
    schedule = Schedule(interview.scheduled_start, interview.scheduled_end)
    validators = Validators(schedule, detached(broadcast), published_at(interview), language)
    # Labels in the page's language, whichever language the poll asks for: one answer per interview.
    with translation.override(language):
        state_labels = {state.value: str(state.label) for state in InterviewState}
        build = from_live_entries if broadcast.frozen_at is None else from_frozen_transcript
        return validators, build(interview, state_labels)


def cached_answer(interview_id):
    """(Validators, LiveTranscript) from the cache in one round trip, built on a miss; None when not public."""
    keys = (validators_cache_key(interview_id), live_cache_key(interview_id))
    found = cache.get_many(keys)
    if len(found) < len(keys):
        interview = public_interview(interview_id)
        built = (NOT_PUBLIC, NOT_PUBLIC) if interview is None else build_answer(interview)
        found = dict(zip(keys, built, strict=True))
        cache.set_many(found, LIVE_CACHE_SECONDS)
    validators, transcript = (found[key] for key in keys)
    return (validators, transcript) if isinstance(validators, Validators) else None


def parse_since(request):
    """The last entry id the client has: 0 when absent; None when not a whole number of at most 18 digits (a 400)."""
    value = request.GET.get("since", "0") or "0"
    valid = len(value) <= MAX_SINCE_DIGITS and value.isascii() and value.isdigit()
    return int(value) if valid else None


@require_safe
def live_json(request, page_id):
    """The entries after `since`, the edits and retractions of earlier ones, the state and the announcement."""
    since = parse_since(request)
    if since is None:
        return HttpResponseBadRequest("since")
    now = timezone.now()
    unchanged = unchanged_poll(request, page_id, since, now)
    if unchanged is not None:
        return unchanged
    cached = cached_answer(page_id)
    if cached is None:
        # A short JSON answer, not the site's 404 page: live.js stops polling on it.
        return cacheable(JsonResponse({"error": "not_found"}, status=404))
    validators, transcript = cached
    state = validators.state(now)
    response = get_conditional_response(request, etag=validators.etag(state, since))
    if response is None:
        body = transcript.answer(validators, state, since)
        response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    return with_validators(response, validators, state, since, now)


def unchanged_poll(request, page_id, since, now):
    """The 304 for a client holding the current ETag, read from the small Validators entry alone; else None.

    Only the ETag decides: Last-Modified has whole seconds, and two changes within one second share it.
    """
    if "HTTP_IF_NONE_MATCH" not in request.META:
        return None
    validators = cache.get(validators_cache_key(page_id))
    if not isinstance(validators, Validators):
        return None
    state = validators.state(now)
    response = get_conditional_response(request, etag=validators.etag(state, since))
    return None if response is None else with_validators(response, validators, state, since, now)


def with_validators(response, validators, state, since, now):
    response["ETag"] = validators.etag(state, since)
    response["Last-Modified"] = http_date(int(validators.last_modified(now).timestamp()))
    response["Content-Language"] = validators.language
    return cacheable(response)


def cacheable(response):
    """The same for every visitor, so a shared cache in front may keep it briefly (CLIENT_MAX_AGE_SECONDS)."""
    patch_cache_control(response, public=True, max_age=CLIENT_MAX_AGE_SECONDS)
    return response
