"""The page cache: anonymous GETs of public pages answered from the shared cache (docs/operations.md, Page cache).

Opt-in: a response is stored only when Wagtail served a public page for it (pagecache.wagtail_hooks marks the
request) and nothing in the response is personal: no cookie set, no CSRF token used, no session written, no CSP
nonce drawn, no `private`/`no-store`/`no-cache` chosen by the view. Everything else passes through untouched
except for a `Cache-Control: private, no-cache` where the view set none, so a proxy in front never keeps it either.

Place: first after the health check, so a hit runs no other middleware (half the cost of a hit was theirs). What
they would do to a hit is settled another way:
- the headers they add (CSP, X-Frame-Options, Vary, HSTS, Content-Language, ...) depend only on the address, the
  scheme and the configuration: the entry keeps the response's final headers, and its key holds the scheme and
  the release, which covers the configuration (pagecache.release);
- the host is validated by `request.get_host()` in the lookup, as CommonMiddleware would;
- SecurityMiddleware's HTTPS redirect: a plain-HTTP request is never answered from the cache while
  SECURE_SSL_REDIRECT is on;
- the language (part of the key) is LocaleMiddleware's for this project's URLs, the address's prefix or
  LANGUAGE_CODE; an entry is stored only when the response's Content-Language says that language;
- the session is never read: a request carrying the session cookie may belong to a signed-in editor, and
  bypasses the cache both ways, decided from the cookie's presence alone;
- static files (STATIC_URL) and the health check (HEALTH_CHECK_PATH) pass through untouched, without a cache read;
- CommonMiddleware's DISALLOWED_USER_AGENTS would refuse some visitors: while it lists any, nothing is answered
  from the cache.

The cache backend failing never fails a request: the page is served uncached.
"""

import hashlib
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_path

from pagecache import generations, release

logger = logging.getLogger(__name__)

# The 长者模式 cookie (govcms.views): base.html renders a class from it, so it is part of the key.
ELDER_MODE_COOKIE = "govcms_elder"
# Query strings that are stored: none, or a listing's page number. Filters and searches (the policy library's
# form, say) are not: their combinations are endless, rarely repeated, and would let anyone fill the cache.
CACHED_QUERY_PARAMETERS = {"page"}
MAX_QUERY_LENGTH = 16
# The page numbers a paginator links: anything else (?page=abc, ?page=007) is rendered as usual but not stored,
# or made-up values would fill the cache and push the real pages out.
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,4}")
# What a view's Cache-Control may say for its response to be stored.
PERSONAL_DIRECTIVES = ("private", "no-store", "no-cache")
HEADER = "X-Page-Cache"
# The WSGI environ key under which pagecache.wsgi hands its lookup to the middleware. A client cannot set it: the
# server puts request headers under HTTP_* names only.
HANDED_LOOKUP = "govcms.pagecache.lookup"
NOT_HANDED = object()
# Django's messages cookie (CookieStorage): a visitor with a message pending gets pages rendered for them, which
# show the message and clear the cookie.
MESSAGES_COOKIE = "messages"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if passes_untouched(request):
            return self.get_response(request)
        lookup = lookup_for(request)
        if lookup is not None:
            if lookup.hit is not None:
                return lookup.hit
            request.pagecache_candidate = True
        response = self.get_response(request)
        if lookup is not None and storable(request, response, lookup) and still_current(lookup):
            browser, proxy = settings.PAGE_CACHE_BROWSER_SECONDS, settings.PAGE_CACHE_PROXY_SECONDS
            patch_cache_control(response, public=True, max_age=browser, s_maxage=proxy)
            store(lookup, response)
            response[HEADER] = "miss"
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response


def passes_untouched(request):
    """Requests the page cache leaves alone: all while it is off, static files (WhiteNoise answers them) and the
    health check (answered before host validation; a probe must not wait for the cache, nor fail with it)."""
    path = request.path_info
    return not settings.PAGE_CACHE_ENABLED or path.startswith(settings.STATIC_URL) or path == settings.HEALTH_CHECK_PATH


def lookup_for(request):
    """The request's Lookup when the cache may answer it, else None. pagecache.wsgi, in front of Django, hands on
    the lookup it made (a miss, or None for a cache that cannot be reached), so that it is not made twice; it is
    taken only for the path it was made for, as Django decoded it."""
    if not may_use_cache(request):
        return None
    handed = request.META.get(HANDED_LOOKUP, NOT_HANDED)
    if handed is None or (handed is not NOT_HANDED and handed.path == request.path):
        return handed
    return look_up(request)


def may_use_cache(request):
    """An anonymous GET or HEAD of an address whose answer does not depend on who asks."""
    query = request.META.get("QUERY_STRING", "")
    return (
        request.method in ("GET", "HEAD")
        and (request.is_secure() or not settings.SECURE_SSL_REDIRECT)
        and not settings.DISALLOWED_USER_AGENTS
        and signed_out_visit(request)
        and MESSAGES_COOKIE not in request.COOKIES
        and len(query) <= MAX_QUERY_LENGTH
        and set(request.GET) <= CACHED_QUERY_PARAMETERS
        and all(PAGE_NUMBER.fullmatch(number) for number in request.GET.getlist("page"))
    )


def signed_out_visit(request):
    """No session cookie (so no signed-in editor) and not one of Wagtail's previews (a dummy request)."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and not getattr(request, "is_dummy", False)


@dataclass
class Lookup:
    """This request's entry key, the generations it is valid for, and the stored response if it still is."""

    key: str
    language: str
    hostname: str
    path: str
    stamp: tuple
    hit: HttpResponse | None


def look_up(request):
    """The request's Lookup, in one cache read (pagecache.generations), or None when the cache cannot be reached.

    An entry is kept under the release (pagecache.release), scheme, host, path with query, language and 长者模式, and
    stamped with the generations current when its request began (the global one and that of the site serving
    the path): it is served only while they are unchanged. A change renews a generation, so the stored copy stops
    matching at once and the next visit renders the page again and stores it over the old one.
    """
    try:
        host = request.get_host()
    except DisallowedHost:  # Django answers it with a 400 and logs it
        return None
    try:
        language = address_language(request)
        elder = request.COOKIES.get(ELDER_MODE_COOKIE) == "1"
        parts = [release.current(), request.scheme, host, request.get_full_path(), language, elder]
        key = "pagecache:page:" + hashlib.sha256("\n".join(map(str, parts)).encode()).hexdigest()
        hostname, _port = split_domain_port(host)
        cache = generations.page_cache()
        _routes, stamp, found = generations.stamp_and_entries(cache, hostname, request.path, [key])
    except generations.AmbiguousHost:
        return None
    except Exception:  # the cache backend is down: no cache for this request
        logger.warning("Page cache unavailable", exc_info=True)
        return None
    entry = found.get(key)
    hit = response_from(entry) if entry is not None and entry[0] == stamp else None
    return Lookup(key, language, hostname, request.path, stamp, hit)


def address_language(request):
    """The language LocaleMiddleware activates for this request: this project's URLs are i18n_patterns without a
    prefix for the default language, so the address's prefix or LANGUAGE_CODE (storable() checks the answer)."""
    return get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def response_from(entry):
    _stamp, status, headers, content = entry
    response = HttpResponse(content, status=status)
    # The stored ResponseHeaders as they were checked when the page was rendered, rather than setting each header
    # again through its checks (a tenth of a hit's time in Python).
    response.headers = headers
    response[HEADER] = "hit"
    return response


def still_current(lookup):
    """Whether nothing this page shows changed while it was rendered (one cache read, on a miss only).

    A page rendered from the rows before a change would not be served from this cache (its stamp no longer
    matches), but marked public it would be kept by the proxy in front, which the change has already purged,
    for PAGE_CACHE_PROXY_SECONDS: such a response goes out as private, and the next visit renders it again.
    """
    try:
        cache = generations.page_cache()
        _routes, stamp, _found = generations.stamp_and_entries(cache, lookup.hostname, lookup.path, [])
    except generations.AmbiguousHost:
        return False
    except Exception:
        logger.warning("Page cache unavailable", exc_info=True)
        return False
    return stamp == lookup.stamp


def store(lookup, response):
    entry = (lookup.stamp, response.status_code, response.headers, response.content)
    try:
        generations.page_cache().set(lookup.key, entry, timeout=settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("Page cache unavailable", exc_info=True)


def storable(request, response, lookup):
    """Whether the response is a public page in the language its key says and holds nothing of this visitor's
    (see the module docstring)."""
    session = getattr(request, "session", None)
    cache_control = response.get("Cache-Control", "")
    return (
        getattr(request, "pagecache_cacheable", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        # The template used the CSRF token: the page holds this visitor's token (and sets its cookie).
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and not (session is not None and session.modified)
        # A nonce in the policy (and the page) must differ on every response.
        and getattr(request, "_csp_nonce", None) is None
        and response.get("Content-Language") == lookup.language
        and not any(directive in cache_control for directive in PERSONAL_DIRECTIVES)
    )
