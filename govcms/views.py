"""Project-level views: the health check and error pages."""

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
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


def page_not_found(request, exception):
    # A withdrawn page (撤稿) answers 410 Gone with its notice on its old URL.
    return withdrawal_notice(request) or render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context: the database may be what failed.
    return render(None, "500.html", status=500)
