"""Punctuation that belongs to the language of the page rather than to a sentence.

Chinese joins a list of names with 、, puts a label's colon and brackets at full width and needs no
space around them; English joins with ", ", writes "Label: value" and " (note)". These marks sit
between values that come from the database (issuing bodies, topics, guests, a date), so no msgid
can hold them: they follow the active language here, as list patterns do in CLDR.
"""

import re

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import get_language


def is_chinese():
    """Whether the active language is Chinese, the language the sites are written in."""
    return (get_language() or settings.LANGUAGE_CODE).lower().startswith("zh")


# Han ideographs (with extension A and compatibility ideographs), CJK punctuation and full-width forms.
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def stays_chinese(text):
    """Whether `text` is Chinese shown on a page in another language: a synchronised name (发文机关, 主题分类)
    with no translation, which needs lang="zh-Hans" so a screen reader does not read it as the page's language."""
    return not is_chinese() and bool(CHINESE.search(str(text)))


# Separators by what they separate, as (Chinese, other languages).
SEPARATORS = {
    "words": ("、", ", "),  # names in a list: 国务院办公厅、财政部
    "clauses": ("，", ", "),  # parts of one phrase: 主任，市教育局
    "items": ("；", "; "),  # entries that contain commas themselves
}


def list_separator(kind="words"):
    chinese, other = SEPARATORS[kind]
    return chinese if is_chinese() else other


def join_words(words, kind="words"):
    """Join `words` (any values, turned to text) the way the active language lists them."""
    return list_separator(kind).join(str(word) for word in words)


def colon():
    """The colon after a label: “发布日期：2026-12-04”, “Published: 4 December 2026”."""
    return "：" if is_chinese() else ": "


def brackets(text):
    """`text` in brackets after what precedes it: “已结束（2026-12-04 10:00）”, “Ended (4 December 2026, 10:00)”."""
    opening, closing = ("（", "）") if is_chinese() else (" (", ")")
    return f"{opening}{text}{closing}"


def month_label(month):
    """A month on a chart's axis, as (label, unit): ("12", "月") in Chinese, where a narrow screen may drop
    the unit; ("Dec", "") in English, the abbreviation alone (a bare 12 would not read as a month)."""
    if is_chinese():
        return str(month.month), "月"
    return date_format(month, "M"), ""
