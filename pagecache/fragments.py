"""The fragment cache: the site-wide parts of a public page (menus, footer, emergency banner) rendered once per
site and reused by every anonymous visitor of that site until something the site shows changes.

When the whole page is not cached (the first visit of an address, a listing's other pages, PAGE_CACHE_ENABLED
off), the chrome around the content is still the same for every page of the site: it is rendered once and kept
under a key that cannot go stale or leak (docs/operations.md, Page cache):

- the site's generation token and the global one (pagecache.generations): every change that shows on a site
  (publish, unpublish, move, delete, emergencies, site settings, Sites) renews them, so an entry stored before
  the change is never read again; the site group's navigation lists every site, so it is keyed by the tokens
  of every site (any site's change renews it);
- the release (pagecache.release: a deploy's new templates are never mixed with the old ones' fragments), the
  fragment's name, the site home, the hostname (page links are relative on their own site and absolute on
  another), the language and what the fragment shows of the current page (the active column, say).

Only anonymous requests use it, in both directions, by the page cache's rule (no session cookie, no preview):
an editor's render is neither served from it nor stored. A cache failure renders the fragment as usual.
"""

import hashlib
import logging

from django.conf import settings
from django.utils.translation import get_language

from pagecache import generations, release
from pagecache.middleware import signed_out_visit

logger = logging.getLogger(__name__)

KEY_PREFIX = "pagecache:fragment:"
# Where the request memoises the tokens its fragments are keyed by: a page has several fragments of one site.
TOKENS_ATTRIBUTE = "_pagecache_fragment_tokens"
WHOLE_GROUP = "group"


def memoised_tokens(cache, request, site_home, whole_group):
    """The global token and the site's (or every site's, for the whole group) in one cache read per request."""
    memo = request.__dict__.setdefault(TOKENS_ATTRIBUTE, {})
    scope = WHOLE_GROUP if whole_group else str(site_home.translation_key)
    if scope not in memo:
        if whole_group:
            routes, _global_token = generations.routes_and_global(cache)
            keys = sorted(generations.site_keys(routes))
        else:
            keys = [scope]
        memo[scope] = generations.tokens(cache, [generations.GLOBAL, *keys])
    return memo[scope]


def fragment_key(request, name, site_home, vary=(), whole_group=False):
    """The cache key of fragment `name` of `site_home`'s site for this request, or None: do not cache."""
    if not settings.FRAGMENT_CACHE_ENABLED or site_home is None or request is None or not signed_out_visit(request):
        return None
    tokens = memoised_tokens(generations.page_cache(), request, site_home, whole_group)
    parts = [release.current(), name, site_home.pk, request.get_host(), get_language(), *vary, *tokens]
    return KEY_PREFIX + hashlib.sha256("\n".join(map(str, parts)).encode()).hexdigest()


def cached_render(request, name, site_home, render, vary=(), whole_group=False):
    """`render()`'s HTML for this fragment (or another value, never None), from the cache when an anonymous
    visitor of the site stored it."""
    try:
        key = fragment_key(request, name, site_home, vary, whole_group)
        html = generations.page_cache().get(key) if key is not None else None
    except Exception:  # the cache backend is down, or the host is not allowed: render as usual
        logger.warning("Fragment cache unavailable", exc_info=True)
        return render()
    if html is not None:
        return html
    html = render()
    if key is not None:
        try:
            generations.page_cache().set(key, html, timeout=settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("Fragment cache unavailable", exc_info=True)
    return html


def column_position(page, site_home):
    """What the column menu shows of `page`: the home, a column itself or a page within one (aria-current)."""
    if not page or site_home is None:
        return ""
    if page.pk == site_home.pk:
        return "home"
    if not page.path.startswith(site_home.path):
        return page.path
    column_length = len(site_home.path) + page.steplen
    return f"{page.path[:column_length]}:{len(page.path) == column_length}"


def banner_position(page):
    """What the emergency banner shows of `page`: an emergency's own page leaves itself out of the banner."""
    from django.contrib.contenttypes.models import ContentType

    from emergency.models import EmergencyPage

    if not page or page.content_type_id != ContentType.objects.get_for_model(EmergencyPage).id:
        return ""
    return page.pk
