"""Tags of the public interview page (interview_page.html and the frozen transcript's block template)."""

from django import template

from interviews.public_page import ShownEntry

register = template.Library()


@register.simple_tag
def shown_transcript_entry(value):
    """A frozen transcript entry (TranscriptEntryBlock value) as the page shows an entry."""
    return ShownEntry.from_block(value)
