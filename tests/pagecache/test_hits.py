"""Anonymous visitors get public pages from the cache, at no database cost, with the same headers."""

import secrets

import pytest
import redis
from django.core.cache import caches
from wagtail.models import Site

from govcms.core.redis_cache import ReusedClientRedisCache
from sitegroup.models import SiteIdentity
from tests.home.pages import column
from tests.pagecache.utils import cache_state, get

# Database 15 of the machine's Redis: emptied by this module's test (14 is tests/govcms/test_redis_cache.py's).
REDIS = "redis://127.0.0.1:6379/15"


@pytest.fixture
def page_urls(site_group, county_article):
    """Home, column and article of county A on its own hostname."""
    return [
        ("/", "county-a.localhost"),
        (column(site_group.county_a.home).url, "county-a.localhost"),
        (county_article.get_url(), "county-a.localhost"),
    ]


def test_a_second_anonymous_get_is_a_hit_without_queries(client, page_urls, django_assert_num_queries):
    for url, host in page_urls:
        first = get(client, url, host)
        assert cache_state(first) == "miss", url
        with django_assert_num_queries(0):
            second = get(client, url, host)
        assert cache_state(second) == "hit", url
        assert second.content == first.content


def test_a_hit_carries_the_same_headers_as_the_page_it_copies(client, site_group):
    first = get(client, "/")
    second = get(client, "/")
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "Vary",
        "Cache-Control",
        "Content-Type",
        "Content-Language",
        "X-Content-Type-Options",
        "Referrer-Policy",
    ):
        assert first.get(header) == second.get(header), header
    assert "public" in second["Cache-Control"] and "s-maxage=300" in second["Cache-Control"]
    assert "Cookie" in second["Vary"]


def test_hostnames_languages_and_elder_mode_never_share_an_entry(client, site_group):
    portal = get(client, "/")
    county = get(client, "/", "county-a.localhost")
    assert cache_state(county) == "miss" and county.content != portal.content
    elder = get(client, "/", HTTP_COOKIE="govcms_elder=1")
    assert cache_state(elder) == "miss" and b'class="elder-mode"' in elder.content
    assert b'class="elder-mode"' not in get(client, "/").content


def test_listing_page_numbers_are_stored_and_filters_are_not(client, site_group):
    url = column(site_group.portal.home).url
    assert cache_state(get(client, url + "?page=1")) == "miss"
    assert cache_state(get(client, url + "?page=1")) == "hit"
    assert cache_state(get(client, url + "?q=x")) is None


def test_a_failing_cache_serves_the_page_uncached(client, site_group, settings):
    settings.CACHES = {
        **settings.CACHES,
        "broken": {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache", "LOCATION": "127.0.0.1:1"},
    }
    settings.PAGE_CACHE_ALIAS = "broken"
    response = get(client, "/")
    assert cache_state(response) is None and "private" in response["Cache-Control"]


def test_a_hit_is_one_redis_command(client, page_urls, settings):
    """The entry, the generations it was stored under and the routing table's version come in one MGET."""
    settings.CACHES = {
        **settings.CACHES,
        "redis": {
            "BACKEND": ReusedClientRedisCache.__module__ + ".ReusedClientRedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": secrets.token_hex(4),
        },
    }
    settings.PAGE_CACHE_ALIAS = "redis"
    cache = caches["redis"]
    try:
        cache.get("ping")
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379 (sudo apt-get install redis-server)")
    for url, host in page_urls:
        get(client, url, host)
    commands = []
    redis_client = cache._cache.get_client()
    execute = redis_client.execute_command

    def counted(*args, **options):
        commands.append(args[0])
        return execute(*args, **options)

    redis_client.execute_command = counted
    try:
        for url, host in page_urls:
            assert cache_state(get(client, url, host)) == "hit", url
    finally:
        del redis_client.execute_command
        cache.clear()

    assert commands == ["MGET"] * len(page_urls)


def test_a_hostname_sites_share_on_different_ports_is_left_out_of_the_cache(
    client, site_group, django_capture_on_commit_callbacks
):
    """Wagtail tells such Sites apart by port and the cache's routing table by hostname: rather than renew the
    wrong site's entries, the cache stays out of that hostname; the group's other hostnames keep it."""
    assert cache_state(get(client, "/", "county-a.localhost")) == "miss"
    with django_capture_on_commit_callbacks(execute=True):
        site = Site.objects.create(
            hostname="county-a.localhost", port=8080, root_page=site_group.county_b.home, site_name="乙县测试端口"
        )
        identity = SiteIdentity.objects.get(site__hostname="county-b.localhost")
        identity.pk, identity.site = None, site  # complete, or the county would be held (网站建设中)
        identity.save()

    assert [cache_state(get(client, "/", "county-a.localhost")) for _ in range(2)] == [None, None]
    assert [cache_state(get(client, "/", "county-b.localhost")) for _ in range(2)] == ["miss", "hit"]
