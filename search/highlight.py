"""Snippets with the query words marked: escape the text first, then add <mark> around the words."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_LENGTH = 120
LEAD_IN = 30


def _pattern(words):
    words = sorted({word for word in words if word}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(escape(word)) for word in words), re.IGNORECASE)


def words_to_mark(query, terms):
    """What results mark for `query`: the whole query first (a 文号 such as 示政办发〔2016〕30号 reads as one mark),
    then its words, leaving out single characters when the query has longer words: jieba cuts a 文号 into
    示/政/办发/…, and marking every 政 of a page tells the reader nothing."""
    words = [token for term in terms for token in term.tokens]
    longer = [word for word in words if len(word) > 1]
    return [" ".join((query or "").split()).lower(), *(longer or words)]


def highlight(text, words):
    """`text` escaped, with each occurrence of the words in <mark>."""
    escaped = escape(text or "")
    pattern = _pattern(words)
    if pattern is None:
        return mark_safe(escaped)  # noqa: S308 - escaped above  # nosec B308 B703
    marked = pattern.sub(lambda match: f"<mark>{match.group(0)}</mark>", escaped)
    # Adjacent words of one phrase read as one highlight: 政府网站, not 政府|网站.
    return mark_safe(marked.replace("</mark><mark>", ""))  # noqa: S308 - escaped above  # nosec B308 B703


def snippet(text, words):
    """About SNIPPET_LENGTH characters of `text` around the first query word, highlighted."""
    text = " ".join((text or "").split())
    lowered = text.lower()
    positions = [lowered.find(word) for word in words if word and word in lowered]
    start = max(min(positions) - LEAD_IN, 0) if positions else 0
    excerpt = text[start : start + SNIPPET_LENGTH]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + SNIPPET_LENGTH < len(text) else ""
    return mark_safe(prefix + highlight(excerpt, words) + suffix)  # noqa: S308 - highlight() escapes  # nosec B308 B703
