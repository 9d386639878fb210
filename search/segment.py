"""Chinese word segmentation shared by indexing and querying (jieba, with its own dictionary).

Text is indexed as jieba's search-mode tokens (each word plus the dictionary words inside it), so
政府网站 finds 加强政府网站信息内容建设. A query word matches a page holding that word or, for
longer words the page may have segmented differently, all the words it splits into.
HMM is off on both sides: segmentation then depends only on the dictionary, which keeps
the tokens of a query and of the pages that contain it the same.

Pages and queries in a foreign language (the English site, /en/search/) are not run through jieba: their words
are split on anything that is not a letter or digit, folded (NFKC, lower case) and stemmed with the S-stemmer
(policies → policy, services → service), on both sides. Only runs of Han characters inside such text (a Chinese
name or 文号 quoted in an English page) are segmented as Chinese.
"""

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache

import jieba
from django.conf import settings

_lock = threading.Lock()
_tokenizer = None

# Characters that never carry meaning in a search: punctuation, symbols, separators, emoji.
_MEANINGLESS_CATEGORIES = ("P", "S", "Z", "C")


def tokenizer():
    """jieba's tokenizer, loaded once on first use and without its start-up chatter."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                jieba.setLogLevel(logging.WARNING)
                instance = jieba.Tokenizer()
                instance.initialize()
                _tokenizer = instance
    return _tokenizer


def _is_meaningful(token):
    return any(not unicodedata.category(char).startswith(_MEANINGLESS_CATEGORIES) for char in token)


def _clean(token):
    return token.strip().lower()


_HAN_RUN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")
_FOREIGN_WORD = re.compile(r"[^\W_]+")


def _is_original(language):
    return not language or language == settings.LANGUAGE_CODE


def s_stem(word):
    """Harman's S-stemmer: plural endings only, so both a query and a page reduce a word the same way."""
    if len(word) <= 3 or not word.isascii():
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


def _foreign_words(text, cut_han):
    """Words of foreign-language `text`: letters and digits, folded and stemmed; Han runs cut by `cut_han`."""
    for piece in _HAN_RUN.split(unicodedata.normalize("NFKC", text)):
        if _HAN_RUN.fullmatch(piece):
            yield from (word for word in cut_han(piece) if word)
        else:
            yield from (s_stem(word) for word in _FOREIGN_WORD.findall(piece.lower()))


def index_tokens(text, language=None):
    """The words of `text` (in `language`, the original one by default) to store in the index, space-separated,
    in order (repeats kept)."""
    if not text:
        return ""
    if not _is_original(language):
        return " ".join(_foreign_words(text, lambda han: tokenizer().cut_for_search(han, HMM=False)))
    words = (_clean(token) for token in tokenizer().cut_for_search(text, HMM=False))
    return " ".join(word for word in words if word and _is_meaningful(word))


@dataclass(frozen=True)
class QueryTerm:
    """One word of a query: found if a page holds `word`, or every one of `parts`."""

    word: str
    parts: tuple = ()

    @property
    def tokens(self):
        return (self.word, *self.parts)


def query_terms(query, limit=20, language=None):
    """The words of a query in `language` (the original one by default), each with the smaller words to fall
    back on; at most `limit` words."""
    terms = []
    seen = set()
    if _is_original(language):
        words = tokenizer().cut(query or "", HMM=False)
    else:
        words = _foreign_words(query or "", lambda han: tokenizer().cut(han, HMM=False))
    for raw in words:
        word = _clean(raw)
        if not word or word in seen or not _is_meaningful(word):
            continue
        seen.add(word)
        terms.append(QueryTerm(word, _split_word(word)))
        if len(terms) >= limit:
            break
    return terms


@cache
def _split_word(word):
    """The best segmentation of `word` that does not keep it whole, when it is a long dictionary word.

    A page may segment the same characters differently depending on their neighbours (国务院办公厅
    or 国务院/办公厅); accepting both keeps recall without matching the characters one by one."""
    if len(word) < 3 or not all("\u4e00" <= char <= "\u9fff" for char in word):
        return ()
    dag = tokenizer().get_DAG(word)
    whole = len(word) - 1
    if dag.get(0) == [whole]:
        return ()
    dag[0] = [end for end in dag[0] if end != whole]
    route = {}
    tokenizer().calc(word, dag, route)
    parts, start = [], 0
    while start < len(word):
        end = route[start][1] + 1
        parts.append(word[start:end])
        start = end
    return tuple(parts) if len(parts) > 1 else ()
