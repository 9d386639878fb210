"""Run a search over SearchDocument: SQL written for PostgreSQL and SQLite, or Elasticsearch when configured.

Work stays bounded for common words: one query reads the SEARCH_CANDIDATE_LIMIT most recent matches (and one more,
to know that there are more), which are counted and, for relevance, ranked; so a word in a third of all pages
costs about the same as a rare one. Every query word is matched as one of its token alternatives (see search.segment).
"""

import logging
import math
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.db import connection

from govcms.core.tree import under_any_of
from policy.document_numbers import is_document_number, normalise_document_number
from policy.models import Validity

logger = logging.getLogger(__name__)

DATE_ORDER = "d.date DESC NULLS LAST, d.page_id DESC"
RESULTS_PER_PAGE = 10
# Pages of results offered at least (Elasticsearch's, whose results are not bounded by candidates).
MIN_RESULT_PAGES = 100
# No smaller bound is allowed (check_candidate_limit): a common word's first page would be short.
MIN_CANDIDATE_LIMIT = RESULTS_PER_PAGE
ELASTICSEARCH_RETRY_SECONDS = 60
_ES_DOWN_KEY = "search:elasticsearch-down"
# Relevance of a policy no longer in force is multiplied by this: of two equally relevant documents the
# one in force comes first, while a repealed policy that matches much better still ranks high.
NOT_IN_FORCE = (Validity.REPEALED.value, Validity.EXPIRED.value)
NOT_IN_FORCE_WEIGHT = 0.5


class SearchUnavailable(Exception):
    """Neither the configured engine nor the database could answer."""


@dataclass
class SearchRequest:
    terms: list
    locale_id: int
    kinds: list
    group_path: str = ""
    site_path: str = ""
    date_from: date | None = None
    date_to: date | None = None
    issuing_body: str = ""
    validity: str = ""
    sort: str = "relevance"
    offset: int = 0
    limit: int = 10
    # Sites not yet public (govcms.core.visibility.held_site_paths): never in the results.
    excluded_paths: list = field(default_factory=list)


@dataclass
class SearchHits:
    page_ids: list = field(default_factory=list)
    total: int = 0
    total_is_lower_bound: bool = False
    engine: str = "database"


def candidate_limit():
    """How many of the most recent matches a database search counts and ranks (settings.SEARCH_CANDIDATE_LIMIT).

    Reading them walks the date index, about 1.3 µs a row on PostgreSQL, and a common word is in one row of five:
    300 candidates cost 2.5-4.4 ms, 1,000 7-8.5 ms (docs/search.md, "The candidate bound")."""
    return settings.SEARCH_CANDIDATE_LIMIT


def max_result_pages():
    """The pages of results a search offers: every candidate's page, and never fewer than MIN_RESULT_PAGES."""
    return max(MIN_RESULT_PAGES, math.ceil(candidate_limit() / RESULTS_PER_PAGE))


@checks.register()
def check_candidate_limit(app_configs, **kwargs):
    """Fewer candidates than a page of results would leave common words with an empty or short first page."""
    limit = candidate_limit()
    if isinstance(limit, int) and limit >= MIN_CANDIDATE_LIMIT:
        return []
    return [
        checks.Error(
            f"SEARCH_CANDIDATE_LIMIT is {limit!r}; a search needs at least {MIN_CANDIDATE_LIMIT} candidates.",
            hint="Unset it (300) or set a larger whole number (docs/search.md, 'The candidate bound').",
            id="search.E001",
        )
    ]


def _filters(request):
    """WHERE clauses on SearchDocument columns (named `d`) with their parameters."""
    clauses = ["d.locale_id = %s", f"d.kind IN ({', '.join(['%s'] * len(request.kinds))})"]
    params = [request.locale_id, *request.kinds]
    optional = [
        ("d.path LIKE %s", request.group_path and request.group_path + "%"),
        ("d.site_path = %s", request.site_path),
        ("d.date >= %s", request.date_from),
        ("d.date <= %s", request.date_to),
        ("d.issuing_bodies LIKE %s ESCAPE '\\'", request.issuing_body and f"%|{_escape_like(request.issuing_body)}|%"),
        ("d.validity = %s", request.validity),
    ]
    for clause, value in optional:
        if value:
            clauses.append(clause)
            params.append(value)
    for path in request.excluded_paths:
        clauses.append("d.path NOT LIKE %s")
        params.append(path + "%")
    return " AND ".join(clauses), params


def _in_force_factor(column):
    """SQL (and its parameters) for the factor NOT_IN_FORCE_WEIGHT applied to a policy no longer in force."""
    placeholders = ", ".join(["%s"] * len(NOT_IN_FORCE))
    return f"(CASE WHEN {column} IN ({placeholders}) THEN %s ELSE 1 END)", [*NOT_IN_FORCE, NOT_IN_FORCE_WEIGHT]


def _escape_like(text):
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _postgres_term_queries(terms):
    """One tsquery per query word: the word, or all of its parts."""

    def lexeme(token):
        return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"

    def term_query(term):
        if not term.parts:
            return lexeme(term.word)
        return f"({lexeme(term.word)} | ({' & '.join(lexeme(part) for part in term.parts)}))"

    return [term_query(term) for term in terms]


def _fts5_match(terms):
    def phrase(token):
        return '"' + token.replace('"', '""') + '"'

    def term_query(term):
        if not term.parts:
            return phrase(term.word)
        return f"({phrase(term.word)} OR ({' AND '.join(phrase(part) for part in term.parts)}))"

    return " AND ".join(term_query(term) for term in terms)


def _postgres_search(request):
    where, params = _filters(request)
    term_queries = _postgres_term_queries(request.terms)
    tsquery = " & ".join(term_queries)
    recent = (
        "SELECT d.page_id, d.date, d.validity, array_to_tsvector(string_to_array(d.title_tokens, ' ')) AS title"  # noqa: S608  # nosec B608
        f" FROM search_searchdocument d WHERE d.vector @@ %s::tsquery AND {where}"
        f" ORDER BY {DATE_ORDER} LIMIT %s"
    )
    # The vector's words carry no positions (no parser touches the segmented words), so its weights do nothing
    # and ts_rank gives every match the same score. Relevance is instead the number of query words in the
    # title, computed on the candidates only; negated, it sorts ascending like SQLite's bm25.
    factor, factor_params = _in_force_factor("d.validity")
    in_title = " + ".join(["(d.title @@ %s::tsquery)::int"] * len(term_queries))
    score, score_params = f"-(1 + {in_title}) * {factor}", [*term_queries, *factor_params]
    if request.sort == "date":
        score, score_params = "0", []
    sql = f"SELECT d.page_id, {score} FROM ({recent}) d ORDER BY {DATE_ORDER}"  # noqa: S608  # nosec B608
    return _page_of_candidates(request, sql, [*score_params, tsquery, *params])


def _sqlite_search(request):
    where, params = _filters(request)
    # bm25 is negative, lower is better: the factor moves a document no longer in force down. It can only be
    # computed inside the full text query.
    factor, factor_params = _in_force_factor("d.validity")
    score, score_params = (f"bm25(search_document_fts, 4.0, 1.0) * {factor}", factor_params)
    if request.sort == "date":
        score, score_params = "0", []
    # CROSS JOIN makes SQLite read the full text matches first; left to itself it may scan every document
    # and test each against the FTS table, which costs seconds at 10,000 pages.
    sql = (
        f"SELECT d.page_id, {score} FROM search_document_fts"  # noqa: S608  # nosec B608
        " CROSS JOIN search_searchdocument d ON d.page_id = search_document_fts.rowid"
        f" WHERE search_document_fts MATCH %s AND {where} ORDER BY {DATE_ORDER} LIMIT %s"
    )
    return _page_of_candidates(request, sql, [*score_params, _fts5_match(request.terms), *params])


def _page_of_candidates(request, sql, params):
    """The requested page of hits from one query of (page id, score) for the candidate_limit() + 1 most recent
    matches (`sql` ends with LIMIT %s): they are the total (capped), and for relevance they are ordered by score,
    lower first, the most recent first among equals (a stable sort of rows in date order)."""
    limit = candidate_limit()
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit + 1])
        candidates = cursor.fetchall()
    capped = len(candidates) > limit
    candidates = sorted(candidates[:limit], key=lambda candidate: candidate[1])
    page = candidates[request.offset : request.offset + request.limit]
    return SearchHits(
        page_ids=[page_id for page_id, _score in page], total=len(candidates), total_is_lower_bound=capped
    )


def database_search(request):
    if not request.terms or not request.kinds:
        return SearchHits()
    if connection.vendor == "postgresql":
        return _postgres_search(request)
    if connection.vendor == "sqlite":
        return _sqlite_search(request)
    raise SearchUnavailable(f"No full text search for {connection.vendor}")


def elasticsearch_query(terms):
    """The query expression sent to Elasticsearch: every word, as itself or as all of its parts."""
    from modelsearch.query import And, Or, PlainText

    def term_query(term):
        if not term.parts:
            return PlainText(term.word)
        return Or([PlainText(term.word), And([PlainText(part) for part in term.parts])])

    return And([term_query(term) for term in terms])


def elasticsearch_queryset(request):
    """SearchDocument rows the Elasticsearch search is limited to (translated into filters by the backend)."""
    from search.models import SearchDocument

    documents = SearchDocument.objects.filter(locale_id=request.locale_id, kind__in=request.kinds)
    lookups = {
        "path__startswith": request.group_path,
        "site_path": request.site_path,
        "date__gte": request.date_from,
        "date__lte": request.date_to,
        "validity": request.validity,
    }
    documents = documents.filter(**{lookup: value for lookup, value in lookups.items() if value})
    if request.excluded_paths:
        documents = documents.exclude(under_any_of(request.excluded_paths))
    if request.issuing_body:
        # 发文机关 is not an Elasticsearch field: narrow to the (few) policies of that body found in the database.
        body_pages = SearchDocument.objects.filter(issuing_bodies__contains=f"|{request.issuing_body}|")
        documents = documents.filter(page_id__in=list(body_pages.values_list("page_id", flat=True)))
    return documents.order_by("-date", "-page_id") if request.sort == "date" else documents


def _elasticsearch_search(request):
    from modelsearch.backends import get_search_backend

    backend = get_search_backend()
    results = backend.search(
        elasticsearch_query(request.terms),
        elasticsearch_queryset(request),
        fields=["title_tokens", "tokens"],
        order_by_relevance=request.sort != "date",
    )
    page = list(results[request.offset : request.offset + request.limit])
    total = results.count()
    return SearchHits(page_ids=[document.page_id for document in page], total=total, engine="elasticsearch")


def uses_elasticsearch():
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def search(request, query=""):
    """Search with Elasticsearch when configured and reachable, else with the database.

    On the first page, a policy whose 文号 is the query comes first, whatever bracket style was typed."""
    if not request.terms or not request.kinds:
        return SearchHits()
    hits = _search(request)
    if request.offset == 0:
        exact = exact_document_number_matches(query, request)
        hits.page_ids = (exact + [pk for pk in hits.page_ids if pk not in exact])[: request.limit]
    return hits


def exact_document_number_matches(query, request):
    if not is_document_number(query):
        return []
    from search.models import SearchDocument

    documents = SearchDocument.objects.filter(
        document_number_key=normalise_document_number(query),
        locale_id=request.locale_id,
        kind__in=request.kinds,
        path__startswith=request.group_path or request.site_path,
    )
    if request.excluded_paths:
        documents = documents.exclude(under_any_of(request.excluded_paths))
    return list(documents.values_list("page_id", flat=True)[:3])


def _search(request):
    if uses_elasticsearch() and not cache.get(_ES_DOWN_KEY):
        try:
            return _elasticsearch_search(request)
        except Exception:
            # Any failure of the external service: answer from the database and leave it alone for a while.
            logger.exception("Elasticsearch search failed; using the database index")
            cache.set(_ES_DOWN_KEY, True, ELASTICSEARCH_RETRY_SECONDS)
    hits = database_search(request)
    hits.engine = "database-fallback" if uses_elasticsearch() else "database"
    return hits
