"""Middleware that has to run before Django's own."""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from govcms.views import healthz

POLICY_HEADERS = (HEADER, HEADER_REPORT_ONLY)
# What django-csp's view decorators (@csp, @csp_update, @csp_replace, @csp_exempt) leave on a response: its
# policy is then built for it.
CSP_VIEW_ATTRIBUTES = tuple(
    f"_csp_{kind}{suffix}" for kind in ("config", "update", "replace", "exempt") for suffix in ("", "_ro")
)


class HealthCheckMiddleware:
    """Answer /healthz before host validation and the HTTPS redirect.

    Container runtimes, load balancers and orchestrators probe the app by IP over plain HTTP
    (Host: 127.0.0.1:8000, or a pod address): such hosts do not belong in ALLOWED_HOSTS, and
    the probe must not be redirected to HTTPS. The check never builds URLs from the Host header,
    so skipping its validation here is safe. Keep this first in MIDDLEWARE.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == settings.HEALTH_CHECK_PATH:
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

    def __init__(self, get_response):
        super().__init__(get_response)
        # The headers of the settings' policies, public and admin, built on first use: django-csp builds them for
        # every response (0.2 ms, as much as a whole page cache hit's cache read).
        self.settings_headers = {}

    def process_response(self, request, response):
        if not follows_settings(request, response):
            return super().process_response(request, response)
        admin = self.is_admin(request)
        if admin not in self.settings_headers:
            built = super().process_response(request, HttpResponse())
            self.settings_headers[admin] = [(name, built[name]) for name in POLICY_HEADERS if name in built]
        for name, value in self.settings_headers[admin]:
            response.headers.setdefault(name, value)
        # As django-csp does once the header is written: a nonce asked for from now on could not be in it.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and self.is_admin(request):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts

    @staticmethod
    def is_admin(request):
        return getattr(request, "is_dummy", False) or request.path_info.startswith(reverse("wagtailadmin_home"))


def follows_settings(request, response):
    """Whether the response gets exactly a policy of the settings: no view chose or changed its own, no nonce
    was used, no URL prefix is excluded, and no debug page (which django-csp leaves without one) is served."""
    return (
        not any(hasattr(response, name) for name in CSP_VIEW_ATTRIBUTES)
        and getattr(request, "_csp_nonce", None) is None
        and not settings.DEBUG
        and not any(
            (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES")
            for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")
        )
    )


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
