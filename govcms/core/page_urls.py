"""A page's full URL at its own site, with Wagtail's site root paths read from the cache once per request.

`page.full_url` reads Wagtail's site root paths from the cache on every call: a listing of twenty articles read them
twenty times. `page.get_full_url(request)` reads them once per request but also changes the answer: a page that
more than one Site reaches (a county with a hostname of its own, below the portal) gets the address on the site
being visited instead of its own. Public pages link to, and name as canonical, a page's own address.

So the root paths are kept on a plain object held by the request: Wagtail caches them on whatever object it is
given, and prefers the visited site only when that object is the request itself.
"""

from types import SimpleNamespace

MEMO_ATTRIBUTE = "govcms_site_root_paths_memo"


def full_url(page, request=None):
    """`page.full_url` (its own site's address), reading the site root paths once per `request`."""
    return page.get_full_url(url_memo(request))


def url_memo(request):
    if request is None:
        return None
    memo = getattr(request, MEMO_ATTRIBUTE, None)
    if memo is None:
        memo = SimpleNamespace()
        setattr(request, MEMO_ATTRIBUTE, memo)
    return memo
