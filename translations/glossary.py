"""The glossary (规范译名) at work: which terms apply to a translated page, where its segments use them, and
the content check that a translation renders each term in its standard form.

A page's terms are the platform's terms for its language plus its own site's (the original site home's)
additions; a site's term overrides the platform's term with the same source. Matching is on the source
text of wagtail-localize's segments (Chinese has no word boundaries: a term is a substring), and the
expected form is looked for case-insensitively in the segment's translation.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail_localize.models import StringSegment

from release.workflow.checks import Problem
from translations.checks import page_translation
from translations.languages import is_original, original_site_home
from translations.models import GlossaryTerm

GLOSSARY = "glossary"
EXCERPT_LENGTH = 60


@dataclass
class SegmentTerms:
    """A segment of the page whose source contains glossary terms, and what it is translated as so far."""

    source: str
    translation: str | None
    terms: list[GlossaryTerm]

    @property
    def excerpt(self):
        return Truncator(strip_tags(self.source)).chars(EXCERPT_LENGTH)

    def misrendered(self):
        """The terms a translation renders otherwise than their standard form (none while untranslated)."""
        if not self.translation:
            return []
        rendered = self.translation.casefold()
        return [term for term in self.terms if term.translation.casefold() not in rendered]


def terms_for(home, language_code):
    """{source: term} of the platform's terms for the language, overridden by the site rooted at `home`."""
    site = Q(home=home) if home is not None else Q(pk__in=[])
    terms = GlossaryTerm.objects.filter(Q(home__isnull=True) | site, language_code=language_code)
    # Platform terms first, so that a site's term with the same source replaces it.
    return {term.source: term for term in sorted(terms, key=lambda term: term.home_id is not None)}


def segments_with_terms(translation, page):
    """The segments of `translation` (the Translation whose target is `page`) that contain a term, in order."""
    terms = terms_for(original_site_home(page), translation.target_locale.language_code)
    if not terms:
        return []
    segments = (
        StringSegment.objects.filter(source_id=translation.source_id)
        .annotate_translation(translation.target_locale)
        .select_related("string")
        .order_by("order")
    )
    found = []
    for segment in segments:
        used = [term for source, term in terms.items() if source in segment.string.data]
        if used:
            found.append(SegmentTerms(segment.string.data, segment.translation, used))
    return found


def find_misrendered_terms(page):
    """govcms_content_checks: each translated segment that renders a glossary term otherwise than its standard form."""
    if is_original(page):
        return []
    translation = page_translation(page)
    if translation is None:
        return []
    return [
        Problem(
            GLOSSARY,
            _("“%(source)s”应译为“%(expected)s”（原文：%(excerpt)s）")
            % {"source": term.source, "expected": term.translation, "excerpt": segment.excerpt},
        )
        for segment in segments_with_terms(translation, page)
        for term in segment.misrendered()
    ]
