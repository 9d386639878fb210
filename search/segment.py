"""Chinese word segmentation shared by indexing and querying (jieba, with its own dictionary).

Text is indexed as jieba's search-mode tokens (each word plus the dictionary words inside it), so
政府网站 finds 加强政府网站信息内容建设. A query word matches a page holding that word or, for
longer words the page may have segmented differently, all the words it splits into.
HMM is off on both sides: segmentation then depends only on the dictionary, which keeps
the tokens of a query and of the pages that contain it the same.
"""

import logging
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache

import jieba

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


def index_tokens(text):
    """The words of `text` to store in the index, space-separated, in order (repeats kept)."""
    if not text:
        return ""
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


def query_terms(query, limit=20):
    """The words of a query, each with the smaller words to fall back on; at most `limit` words."""
    terms = []
    seen = set()
    for raw in tokenizer().cut(query or "", HMM=False):
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
