"""Wagtail marks the requests whose page may be stored by the page cache (pagecache.middleware).

Marking happens around Wagtail's serve chain (`on_serve_page`), so it covers every public page and its
routable sub-pages (column feeds, page 2 of a listing) and nothing else: search, forms posted elsewhere,
documents, captchas and the admin are never marked. A page is marked only when it is live and public:
not a preview, no view restriction on it or above it (login, password or groups), and not of a type
whose public content changes outside page publishing (PAGE_CACHE_EXCLUDED_PAGE_TYPES: mailbox letters,
interview questions, consultation comments would otherwise stay stale until the entry expires).
"""

import hashlib

from django.conf import settings
from wagtail import hooks

from govcms.core.tree import REMEMBER_COUNT_HOOK
from pagecache import fragments


@hooks.register("on_serve_page")
def mark_public_pages(serve):
    def serve_and_mark(page, request, args, kwargs):
        response = serve(page, request, args, kwargs)
        # Only requests the middleware may store are checked: no restriction query for anyone else.
        if getattr(request, "pagecache_candidate", False) and is_public(page, request):
            request.pagecache_cacheable = True
        return response

    return serve_and_mark


def is_public(page, request):
    return (
        not getattr(request, "is_preview", False)
        and page.live
        and page._meta.label not in settings.PAGE_CACHE_EXCLUDED_PAGE_TYPES
        and not page.get_view_restrictions().exists()
    )


@hooks.register(REMEMBER_COUNT_HOOK)
def remember_listing_count(request, site_home, items, what, compute):
    """A listing's bounded count (or where its pages start: `what`) kept like a fragment of its site, under the
    digest of its query: renewed by whatever renews the site's pages (its generation), for anonymous visitors
    only."""
    try:
        query = str(items.query)
    except Exception:  # a query Django cannot print (an always-empty one, say): computed as usual
        return compute()
    digest = hashlib.sha256(query.encode()).hexdigest()
    return fragments.cached_render(request, "listing", site_home, compute, vary=[what, digest])
