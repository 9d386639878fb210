"""Run a search over SearchDocument: SQL written for PostgreSQL and SQLite, or Elasticsearch when configured.

Work stays bounded for common words: the count stops at COUNT_LIMIT, and relevance ranking (on PostgreSQL)
only looks at the RANK_CANDIDATES most recent matches, so a word in a third of all pages costs about the
same as a rare one. Every query word is matched as one of its token alternatives (see search.segment).
"""

import logging
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from govcms.core.tree import under_any_of
from policy.document_numbers import is_document_number, normalise_document_number
from policy.models import Validity

logger = logging.getLogger(__name__)

COUNT_LIMIT = 1000
RANK_CANDIDATES = 1000
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


def _postgres_tsquery(terms):
    def lexeme(token):
        return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"

    def term_query(term):
        if not term.parts:
            return lexeme(term.word)
        return f"({lexeme(term.word)} | ({' & '.join(lexeme(part) for part in term.parts)}))"

    return " & ".join(term_query(term) for term in terms)


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
    matched = f"FROM search_searchdocument d WHERE d.vector @@ %s::tsquery AND {where}"  # noqa: S608 - fixed SQL
    tsquery = _postgres_tsquery(request.terms)
    if request.sort == "date":
        sql = f"SELECT d.page_id {matched} ORDER BY d.date DESC NULLS LAST, d.page_id DESC LIMIT %s OFFSET %s"
        page_params = [tsquery, *params, request.limit, request.offset]
    else:
        # Rank the most recent matches only, so a common word cannot make every request rank thousands of rows.
        factor, factor_params = _in_force_factor("validity")
        sql = (
            f"SELECT page_id FROM (SELECT d.page_id, d.date, d.vector, d.validity {matched}"  # noqa: S608  # nosec B608
            " ORDER BY d.date DESC NULLS LAST, d.page_id DESC LIMIT %s) candidates"
            f" ORDER BY ts_rank(vector, %s::tsquery) * {factor} DESC, date DESC NULLS LAST, page_id DESC"
            " LIMIT %s OFFSET %s"
        )
        page_params = [tsquery, *params, RANK_CANDIDATES, tsquery, *factor_params, request.limit, request.offset]
    count_sql = f"SELECT count(*) FROM (SELECT 1 {matched} LIMIT %s) matches"  # noqa: S608  # nosec B608
    return _run(sql, page_params, count_sql, [tsquery, *params, COUNT_LIMIT + 1])


def _sqlite_search(request):
    where, params = _filters(request)
    # CROSS JOIN makes SQLite read the full text matches first; left to itself it may scan every document
    # and test each against the FTS table, which costs seconds at 10,000 pages.
    matched = (
        "FROM search_document_fts CROSS JOIN search_searchdocument d ON d.page_id = search_document_fts.rowid"
        f" WHERE search_document_fts MATCH %s AND {where}"
    )
    order, order_params = "d.date DESC, d.page_id DESC", []
    if request.sort != "date":
        # bm25 is negative, lower is better: the factor moves a document no longer in force down.
        factor, order_params = _in_force_factor("d.validity")
        order = f"bm25(search_document_fts, 4.0, 1.0) * {factor}, {order}"
    match = _fts5_match(request.terms)
    sql = f"SELECT d.page_id {matched} ORDER BY {order} LIMIT %s OFFSET %s"  # noqa: S608 - fixed SQL
    count_sql = f"SELECT count(*) FROM (SELECT 1 {matched} LIMIT %s)"  # noqa: S608  # nosec B608
    page_params = [match, *params, *order_params, request.limit, request.offset]
    return _run(sql, page_params, count_sql, [match, *params, COUNT_LIMIT + 1])


def _run(sql, params, count_sql, count_params):
    with connection.cursor() as cursor:
        cursor.execute(count_sql, count_params)
        total = cursor.fetchone()[0]
        page_ids = []
        if total:
            cursor.execute(sql, params)
            page_ids = [row[0] for row in cursor.fetchall()]
    capped = total > COUNT_LIMIT
    return SearchHits(page_ids=page_ids, total=min(total, COUNT_LIMIT), total_is_lower_bound=capped)


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
