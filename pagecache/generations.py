"""Which site a URL belongs to, and the cache generation of each site.

A cached page is stored under a key that includes the generation of the site it belongs to (and a global
generation). Invalidating a site is one cache write: its generation gets a new random token, so every entry
stored under the old token is never read again and expires on its own (PAGE_CACHE_SECONDS). No list of
cached URLs is kept, so nothing has to be found and deleted.

Generations are random tokens, not counters: if the cache evicts a generation, the next request draws a new
token rather than restarting at a number an old entry was stored under.

A site is identified by the translation key of its site home (home.HomePage): the Chinese home and its
translations share one generation, so a change in either language refreshes both.

Which site serves a URL is answered in memory from a routing table (hostname -> URL prefixes, longest
first): a hit must cost no database query. The table is built from Wagtail's Site records and the site homes'
url_paths and kept in the cache under a version token; every page change (a slug or a move can change
url_paths) and every Site change draws a new version. Each process also keeps the last table it read with its
version, so a request reads the version with the generations and, while it is unchanged, nothing else: the
page cache answers a hit with one cache read (pagecache.middleware).
"""

import secrets
from collections import Counter

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS

from govcms.core.tree import site_home_model

ROUTES_VERSION_KEY = "pagecache:routes-version"
ROUTES_PREFIX = "pagecache:routes:"
# A table no longer current is never read again; it leaves the cache after a day.
ROUTES_SECONDS = 24 * 60 * 60
GENERATION_PREFIX = "pagecache:gen:"
# The generation every entry includes: bumped for changes that touch every site (a Site record, a
# platform-wide setting).
GLOBAL = "*"
# Hostname under which the routes of the default site are kept: Wagtail serves it for unknown hostnames.
DEFAULT_HOST = ""
# The routing table's value for a hostname that several Sites share (on different ports); None, because the table
# is pickled into the cache and None alone comes back as itself.
AMBIGUOUS = None

# The routing table this process read last, with its version: [version, routes].
_known_routes = [None, {}]


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

    # From the primary: a table built from a lagging read replica would be kept under the current version.
    homes = site_home_model().objects.using(DEFAULT_DB_ALIAS)
    homes = list(homes.values_list("url_path", "translation_key", "locale__language_code"))
    routes = {}
    sites = list(
        Site.objects.using(DEFAULT_DB_ALIAS).values_list(
            "hostname", "port", "is_default_site", "root_page__translation_key"
        )
    )
    hostnames = Counter(hostname.lower() for hostname, *_rest in sites)
    for hostname, port, is_default, root_key in sites:
        entries = site_entries(root_key, homes)
        if hostnames[hostname.lower()] > 1:
            # Kept under a name no Host header can hold, so that the site is still one of the group's.
            routes[f" {hostname.lower()} {port}"] = entries
            routes[hostname.lower()] = AMBIGUOUS
        else:
            routes[hostname.lower()] = entries
        if is_default:
            routes[DEFAULT_HOST] = entries
    return routes


def site_entries(root_key, homes):
    """[(url prefix, site key), ...], longest first, of the homes reachable on a Site whose root is `root_key`."""
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
    return sorted(set(entries), key=lambda entry: -len(entry[0]))


class AmbiguousHost(Exception):
    """Several Sites share the hostname, on different ports: which one serves a request depends on the port as
    Wagtail weighs it, so the page cache stays out of that hostname's requests."""


def site_key(routes, hostname, path):
    """The key of the site serving `path` on `hostname` (the default site's for unknown hostnames), or None."""
    entries = routes.get(hostname, routes.get(DEFAULT_HOST, []))
    if entries is AMBIGUOUS:
        raise AmbiguousHost(hostname)
    return next((key for prefix, key in entries if path.startswith(prefix)), None)


def site_keys(routes):
    """Every site's key in the routing table."""
    return {key for entries in routes.values() if entries is not AMBIGUOUS for _prefix, key in entries}


def routes_and_global(cache):
    """The routing table and the global generation, in one cache read while the table is the one this process
    knows."""
    routes, stamp, _found = stamp_and_entries(cache, DEFAULT_HOST, None, [])
    return routes, stamp[0]


def stamp_and_entries(cache, hostname, path, entry_keys):
    """(routes, stamp, found) in one cache read while the routing table is the one this process knows.

    `stamp` is (global token, site key, site token) of the site serving `path` on `hostname` (site key and
    token None when no site serves it, or for `path` None); `found` holds the values of `entry_keys` present
    in the cache. A new routing table costs a read of it (built and stored when missing) and, when the path
    now belongs to another site, a read of that site's generation.
    """
    version, routes = _known_routes
    guess = remembered_site(routes, hostname, path)
    generation_keys = [GLOBAL] if guess is None else [GLOBAL, guess]
    found = cache.get_many([ROUTES_VERSION_KEY, *map(generation_name, generation_keys), *entry_keys])
    current_version = found.get(ROUTES_VERSION_KEY)
    if current_version is None or current_version != version:
        routes = current_routes(cache, current_version)
    site = site_key(routes, hostname, path) if path is not None else None
    global_token = found.get(generation_name(GLOBAL)) or current(cache, GLOBAL)
    site_token = None if site is None else found.get(generation_name(site)) or current(cache, site)
    return routes, (global_token, site, site_token), {key: found[key] for key in entry_keys if key in found}


def remembered_site(routes, hostname, path):
    """The site serving `path` by a table this process remembers, which may be out of date: a guess, so that the
    site's generation comes in the same read as the table's version."""
    try:
        return site_key(routes, hostname, path) if path is not None else None
    except AmbiguousHost:
        return None


def current_routes(cache, version):
    """The routing table of `version` (a version drawn now if None), from the cache or built; remembered."""
    if version is None:
        cache.add(ROUTES_VERSION_KEY, secrets.token_hex(8), timeout=None)
        version = cache.get(ROUTES_VERSION_KEY)
    # Read after the version: a change committed meanwhile draws a newer one, and a table built from the rows
    # before that change is stored under the version it has made obsolete.
    routes = cache.get(ROUTES_PREFIX + version)
    if routes is None:
        routes = build_routes()
        cache.set(ROUTES_PREFIX + version, routes, timeout=ROUTES_SECONDS)
    _known_routes[:] = [version, routes]
    return routes


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
    """A new routing table version: every process reads (or builds) the table again on its next request."""
    page_cache().set(ROUTES_VERSION_KEY, secrets.token_hex(8), timeout=None)
