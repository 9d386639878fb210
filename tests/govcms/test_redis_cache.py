"""The Redis cache backend that keeps one client per connection pool (govcms.core.redis_cache), against the
machine's Redis, as production's CACHE_URL=rediscache://… selects it."""

import secrets

import pytest
import redis
from django.core.cache.backends.redis import RedisCache

from govcms.core.redis_cache import ReusedClientRedisCache
from tests.govcms.test_stateless import production_settings

REDIS = "redis://127.0.0.1:6379/14"


@pytest.fixture
def backend():
    try:
        redis.Redis.from_url(REDIS).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379 (sudo apt-get install redis-server)")
    cache = ReusedClientRedisCache(REDIS, {"KEY_PREFIX": secrets.token_hex(4)})
    yield cache
    cache.clear()


def test_every_operation_of_a_worker_shares_one_client(backend):
    backend.set("greeting", "你好")
    backend.set_many({"a": 1, "b": 2})

    assert backend.get("greeting") == "你好"
    assert backend.get_many(["a", "b", "missing"]) == {"a": 1, "b": 2}
    assert backend._cache.get_client() is backend._cache.get_client(write=True)
    assert len(backend._cache._clients) == 1


def test_djangos_backend_builds_a_client_per_operation(backend):
    """Why the subclass exists: if Django reused its clients, it would not be needed."""
    django_backend = RedisCache(REDIS, {})

    assert django_backend._cache.get_client() is not django_backend._cache.get_client()


def test_production_settings_choose_it_for_a_redis_cache_url():
    chosen = production_settings(CACHE_URL="rediscache://127.0.0.1:6379/1")

    assert chosen["cache"] == "govcms.core.redis_cache.ReusedClientRedisCache"
