"""Segmented text for modelsearch's database indexes and queries, shared by the SQLite and PostgreSQL variants.

Stored values become jieba's search-mode words separated by spaces (search.segment.index_tokens, as in the
public index); each query word matches as itself or as all of its parts (search.segment.query_terms).

Title weights (title_norm) are refreshed per saved row, never per save over the whole index: see
SegmentedIndexMixin.
"""

import copy
from functools import cache

from django.core.cache import cache as django_cache
from django.db.models import Avg, F
from django.db.models.functions import Length
from django.utils.encoding import force_str
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import MATCH_ALL, MATCH_NONE, And, Boost, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from search.indexing import text_values
from search.segment import index_tokens, query_terms

# How long an estimated average title length is reused; the measured one (refresh_title_norms) is kept until
# the next refresh.
ESTIMATE_SECONDS = 3600
# How many of the newest rows the estimate reads when no measured average is stored (a fresh cache).
ESTIMATE_ROWS = 1000


# Indexing


def _unwrapped(obj):
    return obj.instance if isinstance(obj, _SegmentedInstance) else obj


def _segmenting(field):
    """A copy of a search field definition whose values come out segmented (for RelatedFields: its sub-fields)."""
    if isinstance(field, RelatedFields):
        segmenting = copy.copy(field)
        segmenting.get_value = lambda obj: field.get_value(_unwrapped(obj))
        segmenting.fields = [_segmenting(sub_field) for sub_field in field.fields]
        return segmenting
    if isinstance(field, SearchField | AutocompleteField):
        segmenting = copy.copy(field)
        segmenting.get_value = lambda obj: index_tokens(" ".join(text_values(field.get_value(_unwrapped(obj)))))
        return segmenting
    return field


@cache
def _segmenting_fields(model):
    return [_segmenting(field) for field in model.get_search_fields()]


class _SegmentedInstance:
    """An object as modelsearch's indexers read it (its pk and search fields), its text segmented.

    Both database indexes build their rows from `obj.pk`, `obj.get_search_fields()` and each field's
    `get_value(obj)`; wrapping the objects lets their own add_items write segmented text."""

    def __init__(self, instance):
        self.instance = instance
        self.pk = instance.pk

    def get_search_fields(self):
        return _segmenting_fields(type(self.instance))


class SegmentedIndexMixin:
    """Segmented rows, and title weights that cost the same at 100 rows as at 100,000.

    modelsearch weighs a title match by title_norm = average title length / this row's title length (shorter
    titles weigh more, as in BM25), and after every add_items measures AVG(LENGTH(title)) over the whole index
    and rewrites every row still at the default 1.0: two scans of the index per save, twice per publish. Its
    SQLite, PostgreSQL and MySQL indexes all do this; the project uses the first two (search.database_backend
    returns MySQL's, and the substring-matching fallback that has no weights, unchanged).

    Here a save sets the weight of the rows it wrote only, against the stored average: the average that
    refresh_title_norms measured (the `refresh_search_norms` command, run by the scheduler, and update_index),
    or, before any refresh, an estimate from the newest ESTIMATE_ROWS rows. Ranking stays correct between
    refreshes because every weight is stored average / own length: rows weighed against the same average
    rank exactly as after a refresh, and the average of thousands of titles hardly moves in a day (one title
    among 100,000 moves it by about 0.001%), so rows weighed before and after a refresh differ by that much.
    """

    def add_items(self, model, objs):
        super().add_items(model, [_SegmentedInstance(obj) for obj in objs])
        if objs and model.get_search_fields():
            self._set_title_norms(model, objs)

    def _refresh_title_norms(self, full=False):
        """modelsearch calls this after every add_items (not full) and at the end of update_index (full)."""
        if full:
            self.refresh_title_norms()

    def refresh_title_norms(self):
        """Measure the average title length and reweigh every row with it in one UPDATE; returns the average."""
        average = self._titled(self.entries).aggregate(Avg("title_length"))["title_length__avg"]
        if average is not None:
            self._titled(self.entries).update(title_norm=average / F("title_length"))
            django_cache.set(self._title_length_key(), average, None)
        return average

    @staticmethod
    def _titled(entries):
        return entries.annotate(title_length=Length("title")).filter(title_length__gt=0)

    def _title_length_key(self):
        return f"search:admin-index-title-length:{self.write_connection.settings_dict['NAME']}"

    def _average_title_length(self):
        """The stored average, else an estimate from the newest rows (a bounded read, whatever the index size)."""
        key = self._title_length_key()
        average = django_cache.get(key)
        if average is None:
            newest = self._titled(self.entries).order_by("-pk")[:ESTIMATE_ROWS]
            average = newest.aggregate(Avg("title_length"))["title_length__avg"]
            if average is not None:
                django_cache.set(key, average, ESTIMATE_SECONDS)
        return average

    def _set_title_norms(self, model, objs):
        """Weigh title matches of the rows just written (stored average / own title length)."""
        average = self._average_title_length()
        if average is None:
            return
        written = self.entries.filter(
            content_type_id=get_content_type_pk(model), object_id__in=[force_str(obj.pk) for obj in objs]
        )
        self._titled(written).update(title_norm=average / F("title_length"))


# Querying


def segmented_query(query):
    """`query` with its text cut into jieba's words, each matched as itself or as all its parts.

    None when no word is left (punctuation only)."""
    if isinstance(query, PlainText):
        # Words without parts stay one PlainText, last, so that autocomplete takes only its last word as a prefix.
        terms = query_terms(query.query_string)
        words = [_either(term, query.boost) for term in terms if term.parts]
        simple = " ".join(term.word for term in terms if not term.parts)
        if simple:
            words.append(PlainText(simple, operator=query.operator, boost=query.boost))
        return _combined(And if query.operator == "and" else Or, words)
    if isinstance(query, Phrase):
        words = " ".join(term.word for term in query_terms(query.query_string))
        return Phrase(words) if words else None
    if isinstance(query, And | Or):
        return _combined(type(query), [segmented_query(subquery) for subquery in query.subqueries])
    if isinstance(query, Not):
        negated = segmented_query(query.subquery)
        return MATCH_ALL if negated is None else Not(negated)
    if isinstance(query, Boost):
        boosted = segmented_query(query.subquery)
        return None if boosted is None else Boost(boosted, query.boost)
    return query


def _either(term, boost):
    """A long word, as itself or as all of its parts (a page may have segmented it either way)."""
    return Or([PlainText(term.word, boost=boost), PlainText(" ".join(term.parts), operator="and", boost=boost)])


def _combined(kind, queries):
    queries = [query for query in queries if query is not None]
    if len(queries) > 1:
        return kind(queries)
    return queries[0] if queries else None


class SegmentedQueryMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        segmented = segmented_query(self.query)
        self.query = MATCH_NONE if segmented is None else segmented
