"""What the public interview page shows before, during and after the broadcast (InterviewPage.get_context).

The page renders every entry the public may see, so a reload without JavaScript shows everything; live.js
then polls the live endpoint (interviews.live) for what comes after. Whatever the number of entries, guests
or pictures, the page costs the same number of queries: pictures come with their renditions prefetched.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch
from django.urls import reverse
from wagtail.images import get_image_model

from govcms.core.translation import in_language_of
from interviews.models import InterviewState, Speaker, TranscriptEntry
from policy.models import PolicyPage

# The picture of an entry as the page and the live endpoint (interviews.live) show it.
ENTRY_IMAGE_SPEC = "max-800x600"
# The guests' photos as interview_page.html renders them ({% image %} takes the spec as written there).
GUEST_PHOTO_SPEC = "fill-240x320"
# ?order=asc: the live transcript oldest first (the default is newest first while it runs).
OLDEST_FIRST = "asc"


@dataclass(frozen=True)
class QuotedQuestion:
    nickname: str
    text: str


@dataclass(frozen=True)
class ShownEntry:
    """One entry as the page shows it, from the live entries or from the frozen transcript alike."""

    anchor: str
    entry_id: int | None
    speaker: str
    speaker_name: str
    spoken_at: datetime
    text: str
    question: QuotedQuestion | None = None
    image: object = None
    image_alt: str = ""

    @property
    def speaker_label(self):
        return Speaker(self.speaker).label

    @classmethod
    def from_live(cls, entry):
        question = QuotedQuestion(entry.question.nickname, entry.question.public_text) if entry.question else None
        return cls(
            anchor=entry.anchor,
            entry_id=entry.pk,
            speaker=entry.speaker,
            speaker_name=entry.speaker_name,
            spoken_at=entry.spoken_at,
            text=entry.text,
            question=question,
            image=entry.image,
            image_alt=entry.image_alt,
        )

    @classmethod
    def from_block(cls, value, block_id="", images=None):
        """From a TranscriptEntryBlock value; `images` ({id: image}) hold the pictures with their renditions."""
        entry_id = value.get("entry_id")
        quoted = value.get("question") or {}
        image = value.get("image")
        return cls(
            # The live entry's anchor, so links to #entry-12 made during the broadcast still land.
            anchor=TranscriptEntry(pk=entry_id).anchor if entry_id else (f"block-{block_id}" if block_id else ""),
            entry_id=entry_id,
            speaker=value["speaker"],
            speaker_name=value["speaker_name"],
            spoken_at=value["time"],
            text=value["text"],
            question=QuotedQuestion(quoted.get("nickname", ""), quoted["text"]) if quoted.get("text") else None,
            image=(images or {}).get(image.pk, image) if image else None,
            image_alt=value.get("image_alt", ""),
        )


def frozen_entries(interview):
    """The transcript frozen into the page when the interview ended (and corrected since), in its order."""
    blocks = [block for block in interview.transcript if block.block_type == "entry"]
    image_ids = {block.value["image"].pk for block in blocks if block.value.get("image")}
    images = get_image_model().objects.prefetch_renditions(ENTRY_IMAGE_SPEC).in_bulk(image_ids) if image_ids else {}
    return [ShownEntry.from_block(block.value, block.id, images) for block in blocks]


def entries_with_pictures(interview_id):
    """The interview's entries, retracted ones too, with their quoted question and picture (at most three queries)."""
    images = get_image_model().objects.prefetch_renditions(ENTRY_IMAGE_SPEC)
    return (
        TranscriptEntry.objects.filter(interview_id=interview_id)
        .select_related("question")
        .prefetch_related(Prefetch("image", queryset=images))
    )


def live_entries(interview):
    """The live entries the public may see (retracted ones left out), oldest first."""
    entries = entries_with_pictures(interview.pk).filter(retracted_at__isnull=True)
    return [ShownEntry.from_live(entry) for entry in entries]


def transcript(interview, broadcast, state):
    """Oldest first: nothing before the broadcast, the frozen transcript once there is one, else the live entries.

    Once frozen, only the transcript, even emptied by an editor: it is the record the editors stand by.
    """
    if state == InterviewState.UPCOMING:
        return []
    if broadcast.frozen_at is not None:
        return frozen_entries(interview)
    return live_entries(interview)


def guests_with_photos(interview):
    images = get_image_model().objects.prefetch_renditions(GUEST_PHOTO_SPEC)
    return interview.guests.all().prefetch_related(Prefetch("photo", queryset=images))


def linked_policies(interview):
    """The policies the interview interprets that the public may see, in the editor's order; on a translation,
    their translations where live (its links are copies of the original's)."""
    policies = (
        PolicyPage.objects.live()
        .public()
        .filter(interview_links__page=interview)
        .order_by("interview_links__sort_order")
    )
    return in_language_of(interview, policies)


def page_context(interview, request):
    broadcast = interview.broadcast_or_blank()
    state = broadcast.state(interview)
    entries = transcript(interview, broadcast, state)
    # After the end the transcript reads as a record, oldest first; during it the newest entry comes first.
    oldest_first = state == InterviewState.ENDED or request.GET.get("order") == OLDEST_FIRST
    return {
        "broadcast": broadcast,
        "state": state,
        "state_label": InterviewState(state).label,
        "guests": guests_with_photos(interview),
        "policies": linked_policies(interview),
        "entries": entries if oldest_first else entries[::-1],
        "oldest_first": oldest_first,
        "last_entry_id": max((entry.entry_id or 0 for entry in entries), default=0),
        # A new page in preview has no id yet, and nothing to poll.
        "live_url": reverse("interviews:live_json", args=[interview.pk]) if interview.pk else "",
    }
