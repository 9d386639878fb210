"""Public search: within this site or across the site group, in the active language.

The results page costs a fixed number of queries whatever it finds (see tests/search/test_view.py).
"""

import logging

from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import F
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Site
from wagtail.search.utils import normalise_query_string

from govcms.core.ratelimit import client_key
from govcms.core.tree import SiteIndex
from govcms.core.visibility import held_site_paths
from home.models import HomePage, SiteKind
from policy.models import Validity
from search import engine
from search.forms import Scope, SearchForm, issuing_body_names
from search.highlight import highlight, snippet, words_to_mark
from search.models import QueryLog, SearchDocument
from search.registry import type_keys, type_label
from search.segment import query_terms

logger = logging.getLogger(__name__)
# Per client IP: generous for a person paging through results, a brake on scripts hammering the database.
RATE_LIMIT = "120/m"
# The 搜索词统计 log counts people's searches, not a script's: a client's first LOG_RATE searches an hour are
# logged (later ones are answered, not logged), and a site gets at most NEW_TERMS_DAILY_CAP new terms a day
# however many clients search (after that only terms already logged that day are counted). Rows older than
# the reports look back are deleted by `manage.py prune_query_log` (docs/operations.md).
LOG_RATE = "30/h"
NEW_TERMS_DAILY_CAP = 2000
# A badge on every policy not (wholly) in force: 已修订, 已废止, 已失效.
VALIDITY_BADGES = {value: label for value, label in Validity.choices if value != Validity.VALID}


class _Counted:
    """Stands in for a result list of known length, so Django's Paginator can number the pages."""

    def __init__(self, total):
        self.total = total

    def count(self):
        return self.total

    def __getitem__(self, item):
        return []


class SiteContext:
    """The site being visited, its site group and the sites in it, in the active language (one query)."""

    def __init__(self, request, locale):
        site = Site.find_for_request(request)
        root = site.root_page if site else None
        # Rows, not page models: a model instance costs about 0.1 ms to build, and a site group lists every site
        # (50 to 200) on every search.
        homes = list(
            HomePage.objects.filter(locale=locale)
            .live()
            .order_by("path")
            .values_list("pk", "path", "title", "kind", "translation_key", named=True)
        )
        root_path = self._localized_path(root, homes, locale)
        self.home = next((home for home in homes if home.path == root_path), None)
        self.group_root = SiteIndex(homes).group_root_for_path(root_path) if self.home else None
        # Sites not yet public are neither offered nor searched (sitegroup.holding holds their pages).
        self.held_paths = held_site_paths(root_path or "")
        in_group = [
            home
            for home in homes
            if self.group_root
            and home.path.startswith(self.group_root.path)
            and not home.path.startswith(tuple(self.held_paths))
        ]
        self.sites = in_group
        self.by_path = {home.path: home for home in in_group}

    @staticmethod
    def _localized_path(root, homes, locale):
        if root is None:
            return None
        if root.locale_id == locale.pk:
            return root.path
        translation = next((home for home in homes if home.translation_key == root.translation_key), None)
        return translation.path if translation else None

    @property
    def is_portal(self):
        return self.home is not None and (self.home.kind == SiteKind.PORTAL or self.home.pk == self.group_root.pk)


# Results depend on the query and are logged per search: no cache, ours or a proxy's, keeps them (pagecache).
@never_cache
def search(request):
    if is_ratelimited(request, group="search", key=client_key, rate=RATE_LIMIT, method=ALL, increment=True):
        return render(request, "search/search.html", {"rate_limited": True, "page_title": _("搜索")}, status=429)
    locale = Locale.get_active()
    context_sites = SiteContext(request, locale)
    # The whole group on the portal, the site itself elsewhere; checked in the form too.
    default_scope = Scope.GROUP if context_sites.is_portal else Scope.SITE
    data = request.GET.copy()
    data.setdefault("scope", default_scope)
    bodies = issuing_body_names()
    form = SearchForm(data, context_sites.sites, bodies)
    if not form.is_valid():
        # Invalid values (a mistyped date, a made-up site) are dropped, not refused: the search still answers.
        for name in form.errors:
            data.pop(name, None)
        form = SearchForm(data, context_sites.sites, bodies)
    query = form.value("q", "")
    scope = form.value("scope", default_scope)
    page_number = form.value("page", 1)
    context = {"form": form, "search_query": query, "scope": scope, "page_title": _("搜索"), "sites": context_sites}
    if query and context_sites.home is not None:
        context.update(_results(request, form, query, scope, page_number, locale, context_sites))
        if page_number == 1:
            _log_query(request, query, context["total"] == 0)
    return render(request, "search/search.html", context)


def _search_request(form, query_words, scope, page_number, locale, sites):
    chosen_type = form.value("type", "")
    chosen_site = next((home for home in sites.sites if home.pk == form.value("site")), None)
    if scope == Scope.SITE:
        site_path, group_path = (chosen_site or sites.home).path, ""
    else:
        site_path, group_path = (chosen_site.path if chosen_site else ""), sites.group_root.path
    return engine.SearchRequest(
        terms=query_words,
        locale_id=locale.pk,
        kinds=[chosen_type] if chosen_type else type_keys(),
        group_path=group_path,
        site_path=site_path,
        date_from=form.value("date_from"),
        date_to=form.value("date_to"),
        issuing_body=form.value("issuing_body", ""),
        validity=form.value("validity", ""),
        sort=form.value("sort", "relevance"),
        offset=(page_number - 1) * engine.RESULTS_PER_PAGE,
        excluded_paths=sites.held_paths,
        limit=engine.RESULTS_PER_PAGE,
    )


def _results(request, form, query, scope, page_number, locale, sites):
    terms = query_terms(query, language=locale.language_code)
    search_request = _search_request(form, terms, scope, page_number, locale, sites)
    try:
        hits = engine.search(search_request, query)
    except Exception:
        logger.exception("Search failed for %r", query)
        return {"unavailable": True, "total": None, "results": None}
    words = words_to_mark(query, terms)
    documents = (
        SearchDocument.objects.filter(page_id__in=hits.page_ids).select_related("page").defer("tokens", "title_tokens")
    )
    by_id = {document.page_id: document for document in documents}
    ordered = [by_id[pk] for pk in hits.page_ids if pk in by_id]
    # Linked pages stop where the form's page numbers do (Elasticsearch's totals are not bounded).
    linked = min(hits.total, engine.max_result_pages() * engine.RESULTS_PER_PAGE)
    paginator = Paginator(_Counted(linked), engine.RESULTS_PER_PAGE)
    results = paginator.get_page(page_number)
    results.object_list = [_result(request, document, words, sites) for document in ordered]
    return {
        "results": results,
        "total": hits.total,
        "total_is_lower_bound": hits.total_is_lower_bound,
        "engine": hits.engine,
        "promotions": _promotions(request, query, locale) if page_number == 1 else [],
    }


def _result(request, document, words, sites):
    return {
        "url": document.page.get_url(request),
        "title": highlight(document.title, words),
        "snippet": snippet(document.text, words),
        "kind": type_label(document.kind),
        "validity": VALIDITY_BADGES.get(document.validity),
        "date": document.date,
        "site": sites.by_path.get(document.site_path),
        "document_number": document.document_number,
    }


def _promotions(request, query, locale):
    promotions = SearchPromotion.objects.filter(query__query_string=normalise_query_string(query)).select_related(
        "page"
    )
    visible = []
    for promotion in promotions.order_by("sort_order"):
        if promotion.page_id is None:
            visible.append({"url": promotion.external_link_url, "title": promotion.external_link_text})
        elif promotion.page.live and promotion.page.locale_id == locale.pk:
            visible.append({"url": promotion.page.get_url(request), "title": promotion.page.title})
        else:
            continue
        visible[-1]["description"] = promotion.description
    return visible


def _log_query(request, query, found_nothing):
    """Count the query for 热词 and 零结果 reports; a failure here must not cost the reader the results."""
    site = Site.find_for_request(request)
    if site is None or is_ratelimited(request, group="search.log", key=client_key, rate=LOG_RATE, increment=True):
        return
    key = {"site": site, "query_string": normalise_query_string(query)[:100], "date": timezone.localdate()}
    changes = {"hits": F("hits") + 1, "zero_result_hits": F("zero_result_hits") + int(found_nothing)}
    try:
        with transaction.atomic():
            if QueryLog.objects.filter(**key).update(**changes) or _daily_cap_reached(key):
                return
            QueryLog.objects.create(**key, hits=1, zero_result_hits=int(found_nothing))
    except IntegrityError:
        # Another request created today's row first.
        QueryLog.objects.filter(**key).update(**changes)


def _daily_cap_reached(key):
    return QueryLog.objects.filter(site=key["site"], date=key["date"]).count() >= NEW_TERMS_DAILY_CAP
