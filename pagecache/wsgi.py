"""Page cache hits answered before Django's request handling (govcms.wsgi wraps Django's WSGI handler in this).

A hit needs none of Django's handler: no URL resolution, no middleware, no signals (a hit opens no database
connection for `request_started`/`request_finished` to close). Answered here, gunicorn serves about an eighth more
hits a second than through the middleware (docs/performance.md, "Article page cache").

Nothing is decided here that the middleware would not decide: the same functions take the same request (Django's
own WSGIRequest, so the host is validated against ALLOWED_HOSTS and the scheme read through
SECURE_PROXY_SSL_HEADER as Django does) and serve the same entry, stored with its final headers
(pagecache.middleware says how each middleware's part holds for a hit). Anything else goes to Django with the
lookup made here, so the middleware neither reads the cache a second time nor decides differently.
"""

import logging

from django.core.handlers.wsgi import WSGIRequest
from django.db import close_old_connections

from pagecache.middleware import HANDED_LOOKUP, lookup_for, passes_untouched

logger = logging.getLogger(__name__)


class PageCacheApplication:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        hit = self.hit(environ)
        if hit is not None:
            return answer(hit, environ, start_response)
        return self.application(environ, start_response)

    @staticmethod
    def hit(environ):
        """The stored response for this request, or None, with the lookup handed on in `environ` for Django."""
        try:
            # A copy: WSGIRequest writes the decoded path back into the environ it is given, which Django's handler
            # would then decode a second time (a Chinese slug would fail).
            request = WSGIRequest(environ.copy())
            if passes_untouched(request):
                return None
            lookup = look_up_as_django_would(request)
            if lookup is not None and lookup.hit is not None:
                return lookup.hit
            environ[HANDED_LOOKUP] = lookup
        except Exception:  # a fault here never fails the request: Django handles it, and the middleware looks again
            logger.warning("Page cache lookup failed before Django", exc_info=True)
            environ.pop(HANDED_LOOKUP, None)
        return None


def look_up_as_django_would(request):
    """lookup_for() with the database connections looked after as around a request Django handles: a lookup
    queries the database when the routing table has changed (pagecache.generations), and a hit sends neither
    request_started nor request_finished, whose receivers close a connection that is too old or broken."""
    close_old_connections()
    try:
        return lookup_for(request)
    finally:
        close_old_connections()


def answer(response, environ, start_response):
    """The stored response as Django's WSGIHandler would send it (a stored response sets no cookie); to a HEAD
    request without its body, which the server would drop (gunicorn logs each body it drops)."""
    start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
    return [] if environ.get("REQUEST_METHOD") == "HEAD" else [response.content]
