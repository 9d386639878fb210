"""Middleware that has to run before Django's own."""

from govcms.views import healthz


class HealthCheckMiddleware:
    """Answer /healthz before host validation and the HTTPS redirect.

    Container runtimes, load balancers and orchestrators probe the app by IP over plain HTTP
    (Host: 127.0.0.1:8000, or a pod address): such hosts do not belong in ALLOWED_HOSTS, and
    the probe must not be redirected to HTTPS. The check never builds URLs from the Host header,
    so skipping its validation here is safe. Keep this first in MIDDLEWARE.
    """

    path = "/healthz"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == self.path:
            return healthz(request)
        return self.get_response(request)
