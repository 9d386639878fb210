"""A site is not public until its mandatory identity is filled in.

Inspection requires every page of a government site to show its 政府网站标识码,
ICP备案号, 公安机关备案号 and 主办单位 (sitegroup.models.SiteIdentity). A site
whose identity lacks any of them answers a holding page ("网站建设中", 503 with
Retry-After, never cached) on its hostname, and its pages answer the same under
a parent site's hostname. Staff who work on the site see the real pages, to
prepare it; the admin is never held. Sub-sites without a hostname of their own
go by the identity of the Site serving them (docs/architecture.md).
"""

import re

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from wagtail.models import Site

from govcms.core.scope import SiteScope
from sitegroup.models import SiteIdentity

# An hour: a site goes public as soon as its identity is complete, usually within the day.
RETRY_AFTER_SECONDS = 3600


def previews(user, site):
    """Whether `user` sees the site's pages before it opens: platform administrators, who open sites,
    and those who work on some part of it (or above it)."""
    scope = SiteScope.of(user)
    if scope.platform_wide:
        return True
    root = site.root_page.path
    return any(path.startswith(root) or root.startswith(path) for path in scope.working_paths)


def holding_response(request, identity):
    context = {"site_name": identity.site_name or identity.site.site_name}
    response = TemplateResponse(request, "sitegroup/holding.html", context, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def hold_unless_previewing(request, identity):
    """The holding page when `identity` is incomplete, unless the user prepares the site; else None."""
    if not identity.missing_fields():
        return None
    if previews(request.user, identity.site):
        request.previewing_held_site = True
        return None
    return holding_response(request, identity)


def governing_site_id(page, request=None):
    """The Site rooted nearest above `page`, from Wagtail's cached root paths (most specific first): read once
    per request when there is one, the copy Wagtail's page URLs use too."""
    for root in page._get_site_root_paths(request):
        if page.url_path.startswith(root.root_path):
            return root.site_id
    return None


def governing_site(page):
    """The Site whose identity a page shows wherever it is served."""
    site_id = governing_site_id(page)
    return None if site_id is None else Site.objects.get(pk=site_id)


class HoldingPageMiddleware:
    """Hold every public URL on the hostname of a site whose identity is incomplete (pages, search, sitemap...)."""

    exempt_prefixes = ("/admin/", settings.STATIC_URL, settings.MEDIA_URL)
    # Public endpoints that answer 404 for a held site's content themselves and are polled too often to pay the
    # two queries of this check (settings.HOLDING_SELF_CHECKED_PATHS: regular expressions matched from the start).
    self_checked = re.compile("|".join(settings.HOLDING_SELF_CHECKED_PATHS) or r"(?!)")

    def __init__(self, get_response):
        self.get_response = get_response

    def exempt(self, path):
        return path.startswith(self.exempt_prefixes) or self.self_checked.match(path) is not None

    def __call__(self, request):
        if not self.exempt(request.path_info) and Site.find_for_request(request) is not None:
            # for_request: the footer reuses the identity read here.
            held = hold_unless_previewing(request, SiteIdentity.for_request(request))
            if held is not None:
                return held.render()
        response = self.get_response(request)
        if getattr(request, "previewing_held_site", False):
            # The real page, shown only to staff: no shared cache may keep it for the public.
            add_never_cache_headers(response)
        return response


def held_sites_user_may_open(user):
    """The held Sites whose identity `user` may complete, each with the names of its missing fields."""
    sites = SiteIdentity.get_permission_policy().sites_user_has_permission_for(user, "change")
    identities = {identity.site_id: identity for identity in SiteIdentity.objects.filter(site__in=sites)}
    held = []
    for site in sites.order_by("root_page__path"):
        identity = identities.get(site.pk) or SiteIdentity(site=site)
        if missing := identity.missing_fields():
            held.append((site, missing))
    return held


def hold_pages_of_held_sites(request, page):
    """A held site's pages answer the holding page under a parent site's hostname too."""
    site_id = governing_site_id(page, request)
    if site_id is None or site_id == getattr(Site.find_for_request(request), "pk", None):
        return None  # the middleware has judged the request's own site
    return hold_unless_previewing(
        request, SiteIdentity.objects.select_related("site").get_or_create(site_id=site_id)[0]
    )
