"""Rate limits of public forms and search: whose requests count together, and where they are counted.

django-ratelimit counts requests in the cache. Two things make that go wrong in production:

* a per-process cache (Django's default local memory) gives each gunicorn worker its own count, so a
  limit of 5 an hour is really 5 per worker an hour and restarts forget it; `check_shared_cache` refuses
  to start (`manage.py check`, run by `migrate` on every deploy) when DEBUG is off and rate limits count
  in such a cache;
* django-ratelimit's own "ip" key raises (a 500) when the address header is missing or not an address.
  `client_key` never raises: it takes the proxy's header (RATELIMIT_IP_META_KEY, e.g. HTTP_X_REAL_IP),
  else the connection's REMOTE_ADDR, else a shared "unknown client" bucket, so requests that arrive
  without an address are limited together instead of failing.
"""

import ipaddress

from django.conf import settings
from django.core import checks

# Every client whose address cannot be told: limited together, one bucket.
UNKNOWN_CLIENT = "unknown"
# Caches that count per process (or not at all): each worker would keep its own limits.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache": "keeps a count per process",
    "django.core.cache.backends.dummy.DummyCache": "counts nothing",
}


def client_address(request):
    """The client's address as a normalised IP string, or None when no valid one was sent.

    Behind a reverse proxy the proxy's header names the client; when it lists several hops
    ("a, b"), the last one is the address the proxy nearest to us saw (earlier ones are whatever
    the client claimed). Without the header (a request that bypassed the proxy) the connection's
    own address is used.
    """
    header = getattr(settings, "RATELIMIT_IP_META_KEY", None)
    candidates = [request.META.get(header, "").rsplit(",", 1)[-1]] if isinstance(header, str) and header else []
    candidates.append(request.META.get("REMOTE_ADDR", ""))
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate.strip()))
        except ValueError:
            continue
    return None


def client_key(group, request):
    """django-ratelimit's key: the client's address (an IPv6 client's /64 network), or the unknown-client bucket."""
    address = client_address(request)
    if address is None:
        return UNKNOWN_CLIENT
    if ":" in address:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return address


@checks.register(checks.Tags.caches)
def check_shared_cache(app_configs, **kwargs):
    """Production (DEBUG off) with rate limits on must count them in a cache all workers share (Redis)."""
    if settings.DEBUG or not getattr(settings, "RATELIMIT_ENABLE", True):
        return []
    alias = getattr(settings, "RATELIMIT_USE_CACHE", "default")
    backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        checks.Error(
            f"Rate limits count in the cache {alias!r} ({backend}), which {PER_PROCESS_CACHES[backend]}.",
            hint="Set CACHE_URL to a cache shared by every worker, e.g. rediscache://127.0.0.1:6379/1 "
            "(docs/operations.md, 'Rate limits need a shared cache').",
            id="govcms.E001",
        )
    ]
