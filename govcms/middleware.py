"""Middleware that has to run before Django's own."""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse
from django.utils.cache import patch_vary_headers

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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's looser policy for responses under the admin's URL prefix.

    Public pages get CONTENT_SECURITY_POLICY, which allows no inline script. Wagtail's admin still needs
    inline scripts and styles, so its pages get ADMIN_CONTENT_SECURITY_POLICY. So do page previews: Wagtail
    renders them through the middleware with a dummy request for the page's public URL (is_dummy), and the
    admin's preview panel must be able to frame them. A view decorated with django-csp's @csp() keeps the
    policy it chose.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and self.is_admin(request):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts

    @staticmethod
    def is_admin(request):
        return getattr(request, "is_dummy", False) or request.path_info.startswith(reverse("wagtailadmin_home"))


class ElderModeVaryMiddleware:
    """Mark HTML responses as varying on Cookie: base.html renders the 长者模式 class from the govcms_elder cookie.

    A shared cache that honours Vary never serves one mode's page to the other; a page cache that keys on the
    govcms_elder cookie alone may drop the header (docs/accessibility.md, 长者模式 and caching).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ("Cookie",))
        return response
