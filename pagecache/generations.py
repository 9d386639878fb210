"""Which site a URL belongs to, and the cache generation of each site.

A cached page is stored under a key that includes the generation of the site it belongs to (and a global
generation). Invalidating a site is one cache write: its generation gets a new random token, so every entry
stored under the old token is never read again and expires on its own (PAGE_CACHE_SECONDS). No list of
cached URLs is kept, so nothing has to be found and deleted.

Generations are random tokens, not counters: if the cache evicts a generation, the next request draws a new
token rather than restarting at a number an old entry was stored under.

A site is identified by the translation key of its site home (home.HomePage): the Chinese home and its
translations share one generation, so a change in either language refreshes both.

Which site serves a URL is answered in memory from a routing table kept in the cache (hostname -> URL
prefixes, longest first): a hit must cost no database query. The table is built from Wagtail's Site records
and the site homes' url_paths on the first miss after it was dropped; it is dropped on every page change
(a slug or a move can change url_paths) and on Site changes.
"""

import secrets

from django.conf import settings
from django.core.cache import caches

from govcms.core.tree import site_home_model

ROUTES_KEY = "pagecache:routes"
GENERATION_PREFIX = "pagecache:gen:"
# The generation every entry includes: bumped for changes that touch every site (a Site record, a
# platform-wide setting).
GLOBAL = "*"
# Hostname under which the routes of the default site are kept: Wagtail serves it for unknown hostnames.
DEFAULT_HOST = ""


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def generation_name(key):
    return f"{GENERATION_PREFIX}{key}"


def build_routes():
    """{hostname: [(url prefix, site key), ...], longest prefix first} from Sites and site homes (2 queries).

    For each Site and each language, the homes inside the site's localized root are reachable below it: the
    county home below the portal's root on the portal's hostname is reached at /county-a/, its English home at
    /en/county-a/. A county with a hostname of its own has its own Site, so on that hostname it is at /.
    """
    from wagtail.models import Site

    homes = list(site_home_model().objects.values_list("url_path", "translation_key", "locale__language_code"))
    routes = {}
    for hostname, is_default, root_key in Site.objects.values_list(
        "hostname", "is_default_site", "root_page__translation_key"
    ):
        entries = [("/", str(root_key))]
        for root_url_path, key, language in homes:
            if key != root_key:
                continue
            prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
            entries += [
                (prefix + "/" + url_path[len(root_url_path) :], str(home_key))
                for url_path, home_key, home_language in homes
                if home_language == language and url_path.startswith(root_url_path)
            ]
        entries = sorted(set(entries), key=lambda entry: -len(entry[0]))
        routes[hostname.lower()] = entries
        if is_default:
            routes[DEFAULT_HOST] = entries
    return routes


def site_key(routes, hostname, path):
    """The key of the site serving `path` on `hostname` (the default site's for unknown hostnames), or None."""
    entries = routes.get(hostname, routes.get(DEFAULT_HOST, []))
    return next((key for prefix, key in entries if path.startswith(prefix)), None)


def routes_and_global(cache):
    """The routing table (built and stored when missing) and the global generation, in one cache read."""
    found = cache.get_many([ROUTES_KEY, generation_name(GLOBAL)])
    routes = found.get(ROUTES_KEY)
    if routes is None:
        routes = build_routes()
        cache.set(ROUTES_KEY, routes, timeout=None)
    return routes, found.get(generation_name(GLOBAL)) or current(cache, GLOBAL)


def current(cache, key):
    """The generation token of `key`, drawn now if the cache has none (first use, or evicted)."""
    name = generation_name(key)
    token = cache.get(name)
    if token is None:
        cache.add(name, secrets.token_hex(8), timeout=None)
        token = cache.get(name)
    return token


def tokens(cache, keys):
    """The generation tokens of `keys`, in order, in one cache read (drawn now for any the cache has none of)."""
    names = [generation_name(key) for key in keys]
    found = cache.get_many(names)
    return [found.get(name) or current(cache, key) for name, key in zip(names, keys, strict=True)]


def bump(keys):
    """New generations for the sites `keys` (GLOBAL for all): their cached pages are not read again."""
    page_cache().set_many({generation_name(key): secrets.token_hex(8) for key in keys}, timeout=None)


def drop_routes():
    page_cache().delete(ROUTES_KEY)
