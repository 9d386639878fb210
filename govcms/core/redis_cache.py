"""Django's Redis cache backend with one client object per connection pool instead of one per operation.

Django's RedisCacheClient.get_client() builds a new `redis.Redis(connection_pool=pool)` for every cache call, and
redis-py's constructor copies its table of response callbacks each time: about 0.2 ms per call on this machine,
more than the round trip to Redis itself. A public page reads the cache a dozen times (page cache, fragments,
generations, site settings), so that was several milliseconds a page and a third of a page cache hit.

Keys are not checked against memcached's rules either (BaseCache.validate_key walks every character of every
key to warn about control characters and lengths memcached refuses): Redis takes any key, and a page cache hit
reads four.

A redis.Redis client is thread-safe (each command takes a connection from the pool), so one per pool is shared
by every thread of a worker. Selected by CACHE_URL=rediscache://… (govcms.settings.base).
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # id of a connection pool (kept for the process's life in _pools): its client

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def validate_key(self, key):
        """Nothing to check: Redis takes any key (the module docstring says why the default check is skipped)."""
