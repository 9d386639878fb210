"""Segmented text for modelsearch's database indexes and queries, shared by the SQLite and PostgreSQL variants.

Stored values become jieba's search-mode words separated by spaces (search.segment.index_tokens, as in the
public index); each query word matches as itself or as all of its parts (search.segment.query_terms).

modelsearch also recomputes the average title length over the whole index after every save (a full scan
and an UPDATE); here the average is cached and only the rows just written get their title weight.
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

# How long the average title length, which weighs title matches, is reused before it is measured again.
TITLE_LENGTH_SECONDS = 3600


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
    def add_items(self, model, objs):
        super().add_items(model, [_SegmentedInstance(obj) for obj in objs])
        if objs and model.get_search_fields():
            self._set_title_norms(model, objs)

    def _refresh_title_norms(self, full=False):
        """modelsearch calls this after every add_items; only a rebuild's full refresh is worth its cost."""
        if full:
            super()._refresh_title_norms(full=True)
            django_cache.delete(self._title_length_key())

    def _title_length_key(self):
        return f"search:admin-index-title-length:{self.write_connection.settings_dict['NAME']}"

    def _average_title_length(self):
        key = self._title_length_key()
        average = django_cache.get(key)
        if average is None:
            titled = self.entries.annotate(title_length=Length("title")).filter(title_length__gt=0)
            average = titled.aggregate(Avg("title_length"))["title_length__avg"]
            if average is not None:
                django_cache.set(key, average, TITLE_LENGTH_SECONDS)
        return average

    def _set_title_norms(self, model, objs):
        """Weigh title matches of the rows just written as modelsearch does (average / own title length)."""
        average = self._average_title_length()
        if average is None:
            return
        written = self.entries.filter(
            content_type_id=get_content_type_pk(model), object_id__in=[force_str(obj.pk) for obj in objs]
        )
        written.annotate(title_length=Length("title")).filter(title_length__gt=0).update(
            title_norm=average / F("title_length")
        )


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
