"""Hits answered in front of Django's handler (pagecache.wsgi), through the WSGI application gunicorn serves: the
same entries, headers and refusals as through the middleware, with Django's handler left out of a hit."""

import io
import logging
import re
import sys
from urllib.parse import unquote_to_bytes, urlsplit

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from pagecache import generations
from pagecache.middleware import HANDED_LOOKUP, Lookup, lookup_for
from pagecache.wsgi import PageCacheApplication
from tests.home.pages import add_articles, column
from tests.pagecache.utils import get

HTTPS = {"wsgi.url_scheme": "https"}


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = int(status.split()[0]), dict(headers), body

    @property
    def cache_state(self):
        return self.headers.get("X-Page-Cache")


@pytest.fixture
def connection_housekeeping(monkeypatch):
    """The calls of close_old_connections by the page cache in front of Django, recorded instead of made: in a
    test, closing the connection would end the test's transaction."""
    calls = []
    monkeypatch.setattr("pagecache.wsgi.close_old_connections", lambda: calls.append(1))
    return calls


@pytest.fixture
def serve(connection_housekeeping):
    """serve(path, host, application=govcms.wsgi.application, **environ): the Answer, as a WSGI server gets it,
    with PATH_INFO as gunicorn writes it (the path's bytes as latin-1 text, as PEP 3333 has it).

    Django's connection housekeeping on request_started/finished is held off, as its test client does, so that
    a request rendered by Django does not close the test's transaction."""
    from govcms.wsgi import application as deployed

    def call(path, host="localhost", application=None, **environ):
        path = unquote_to_bytes(path).decode("latin-1")
        received = {}

        def start_response(status, headers, exc_info=None):
            received.update(status=status, headers=headers)

        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": host,
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
            **environ,
        }
        body = (application or deployed)(environ, start_response)
        try:
            content = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        return Answer(received["status"], received["headers"], content)

    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield call
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def started_requests():
    """The requests that reached Django's handler (its request_started signal), counted."""
    count = []

    def started(**kwargs):
        count.append(1)

    request_started.connect(started)
    yield count
    request_started.disconnect(started)


@pytest.fixture
def cache_reads(monkeypatch):
    """The page cache's reads (each one cache round trip), counted."""
    reads = []
    read = generations.stamp_and_entries

    def counted(*args, **kwargs):
        reads.append(args[1:3])
        return read(*args, **kwargs)

    monkeypatch.setattr(generations, "stamp_and_entries", counted)
    return reads


def test_a_hit_is_answered_without_django_and_with_the_headers_django_gave_the_page(
    serve, site_group, started_requests, django_assert_num_queries
):
    first = serve("/")
    assert first.status == 200 and first.cache_state == "miss"
    assert len(started_requests) == 1
    with django_assert_num_queries(0):
        second = serve("/")
    assert second.status == 200 and second.cache_state == "hit" and second.body == first.body
    assert len(started_requests) == 1
    for header in ("Content-Security-Policy", "X-Frame-Options", "Vary", "Content-Language", "Referrer-Policy"):
        assert second.headers[header] == first.headers[header], header


def test_a_miss_reads_the_cache_once_before_rendering_and_once_to_store(serve, site_group, cache_reads):
    """The lookup made in front of Django is handed to the middleware, not made again."""
    assert serve("/").cache_state == "miss"
    assert len(cache_reads) == 2
    assert serve("/").cache_state == "hit"
    assert len(cache_reads) == 3


def test_a_host_outside_allowed_hosts_gets_djangos_400_and_no_cache_read(
    serve, site_group, settings, cache_reads, caplog
):
    settings.ALLOWED_HOSTS = ["localhost", ".localhost"]
    serve("/")
    with caplog.at_level(logging.WARNING):
        answer = serve("/", host="evil.example")
    assert answer.status == 400 and answer.cache_state is None
    assert len(cache_reads) == 2  # the first visit's two, none for the refused host
    assert [record.name for record in caplog.records] == ["django.security.DisallowedHost"]  # Django's, not ours


def test_plain_http_is_redirected_and_never_served_the_https_copy(serve, site_group, settings, cache_reads):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    # A handler loaded now, for SecurityMiddleware reads its settings when it is built.
    application = PageCacheApplication(WSGIHandler())
    assert serve("/", application=application, **HTTPS).cache_state == "miss"
    https = serve("/", application=application, **HTTPS)
    assert https.cache_state == "hit" and "max-age=3600" in https.headers["Strict-Transport-Security"]
    reads = len(cache_reads)
    plain = serve("/", application=application)
    assert plain.status == 301 and plain.headers["Location"] == "https://localhost/"
    assert plain.cache_state is None and len(cache_reads) == reads


def test_the_https_copy_with_its_hsts_header_is_kept_apart_from_the_plain_one(serve, site_group, settings):
    """Where plain HTTP is served (no redirect), an HTTPS answer's HSTS header never reaches it."""
    settings.SECURE_HSTS_SECONDS = 3600
    application = PageCacheApplication(WSGIHandler())
    serve("/", application=application, **HTTPS)
    assert "Strict-Transport-Security" in serve("/", application=application, **HTTPS).headers
    plain = serve("/", application=application)
    assert plain.cache_state == "miss" and "Strict-Transport-Security" not in plain.headers


def test_static_files_and_a_health_probe_pass_without_a_cache_read(serve, site_group, settings, cache_reads):
    """A probe comes by IP address, which need not be an allowed host, and must not wait for the cache."""
    settings.ALLOWED_HOSTS = ["localhost", ".localhost"]
    static = serve(settings.STATIC_URL + "css/govcms.css")
    assert static.cache_state is None
    assert "private" not in static.headers.get("Cache-Control", "")
    assert serve(settings.HEALTH_CHECK_PATH, host="127.0.0.1:8000").status == 200
    assert serve(settings.HEALTH_CHECK_PATH).status == 200  # an allowed host too
    assert not cache_reads


def test_a_fault_in_front_of_django_leaves_the_request_to_django(serve, site_group, monkeypatch, caplog):
    def broken(request):
        raise RuntimeError("a fault in the page cache's lookup")

    serve("/")
    monkeypatch.setattr("pagecache.wsgi.lookup_for", broken)
    with caplog.at_level(logging.WARNING, logger="pagecache"):
        answer = serve("/")
    assert answer.status == 200 and answer.cache_state == "hit"  # served by the middleware's own lookup
    assert "a fault in the page cache's lookup" in caplog.text


def test_a_signed_in_editors_request_goes_to_django_without_a_cache_read(serve, site_group, settings, cache_reads):
    serve("/")
    answer = serve("/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc")
    assert answer.status == 200 and answer.cache_state is None and "private" in answer.headers["Cache-Control"]
    assert len(cache_reads) == 2


def test_the_test_client_takes_the_middlewares_path_to_the_same_entries(serve, site_group, visitor):
    """Tests through Django's test client (no WSGI application) get the same hits."""
    serve("/")
    assert get(visitor, "/")["X-Page-Cache"] == "hit"


@pytest.fixture
def chinese_article(site_group):
    """A live article whose address is Chinese, as Wagtail's slugs are by default on a Chinese site."""
    return add_articles(column(site_group.portal.home), 1, title="通知", slug="通知公告")[0]


def test_a_page_at_a_chinese_address_is_rendered_then_answered_from_the_cache(serve, chinese_article):
    path = urlsplit(chinese_article.get_url()).path  # percent-encoded, as a browser sends it
    assert "%E9%80%9A" in path
    first = serve(path)
    assert first.status == 200 and "通知0".encode() in first.body and first.cache_state == "miss"
    second = serve(path)
    assert second.cache_state == "hit" and second.body == first.body


def test_a_chinese_address_reaches_django_intact_when_the_cache_does_not_answer(serve, chinese_article, settings):
    path = urlsplit(chinese_article.get_url()).path
    editor = serve(path, HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc")
    assert editor.status == 200 and editor.cache_state is None
    settings.PAGE_CACHE_ENABLED = False
    assert serve(path).status == 200


def test_the_scheme_the_proxy_reports_decides_redirect_and_entry(serve, site_group, settings, cache_reads):
    """TLS ends at the proxy, which says so in X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER)."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    application = PageCacheApplication(WSGIHandler())
    assert serve("/", application=application, HTTP_X_FORWARDED_PROTO="https").cache_state == "miss"
    assert serve("/", application=application, HTTP_X_FORWARDED_PROTO="https").cache_state == "hit"
    reads = len(cache_reads)
    for proto in ({}, {"HTTP_X_FORWARDED_PROTO": "http"}, {"HTTP_X_FORWARDED_PROTO": "http, https"}):
        answer = serve("/", application=application, **proto)
        assert answer.status == 301 and answer.cache_state is None, proto
    assert len(cache_reads) == reads


def test_a_hit_looks_after_the_database_connections_as_django_would(serve, site_group, connection_housekeeping):
    """A changed routing table is read from the database during the lookup: close_old_connections runs around it."""
    serve("/")
    before = len(connection_housekeeping)
    assert serve("/").cache_state == "hit"
    assert len(connection_housekeeping) == before + 2


def test_a_lookup_handed_on_for_another_path_is_not_used(site_group):
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    elsewhere = Lookup("pagecache:page:x", "zh-hans", "localhost", "/elsewhere/", stamp=(), hit=None)
    request.META[HANDED_LOOKUP] = elsewhere
    lookup = lookup_for(request)
    assert lookup is not None and lookup.path == "/" and lookup.key != elsewhere.key


def test_a_head_request_gets_the_headers_of_the_stored_page_without_its_body(serve, site_group):
    page = serve("/")
    head = serve("/", REQUEST_METHOD="HEAD")
    assert head.cache_state == "hit" and head.body == b""
    assert head.headers["Content-Length"] == page.headers["Content-Length"] == str(len(page.body))


def test_no_visitor_is_answered_from_the_cache_while_user_agents_are_refused(serve, site_group, settings):
    """CommonMiddleware refuses DISALLOWED_USER_AGENTS; a hit would pass it by."""
    serve("/")
    settings.DISALLOWED_USER_AGENTS = [re.compile(r"BadBot")]
    application = PageCacheApplication(WSGIHandler())
    assert serve("/", application=application, HTTP_USER_AGENT="BadBot/1.0").status == 403
    assert serve("/", application=application, HTTP_USER_AGENT="Mozilla/5.0").cache_state is None
