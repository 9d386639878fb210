"""Project-level views: the health check, the elder-mode switch and error pages."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from release.publishing.views import withdrawal_notice

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers a trivial query, 503 when it does not.

    Served by govcms.middleware.HealthCheckMiddleware, ahead of host validation and the HTTPS redirect.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


# 长者模式 (elder mode): the visitor's choice, read by base.html (server-rendered class) and by
# static/js/elder-mode.js (which must be able to read it: not HttpOnly). See docs/accessibility.md.
ELDER_MODE_COOKIE = "govcms_elder"
ELDER_MODE_MAX_AGE = 365 * 24 * 60 * 60


@never_cache
@require_safe
def elder_mode(request):
    """The no-JavaScript switch: ?on=1 or ?on=0 sets the cookie, then back to `next` on this site."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if request.GET.get("on") == "1":
        response.set_cookie(
            ELDER_MODE_COOKIE, "1", max_age=ELDER_MODE_MAX_AGE, secure=request.is_secure(), samesite="Lax"
        )
    else:
        response.delete_cookie(ELDER_MODE_COOKIE, samesite="Lax")
    return response


def page_not_found(request, exception):
    # A withdrawn page (撤稿) answers 410 Gone with its notice on its old URL.
    return withdrawal_notice(request) or render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context: the database may be what failed.
    return render(None, "500.html", status=500)
