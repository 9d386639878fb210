"""The proxy in front is told what a change makes stale: one batch of PURGE requests (frontend_cache)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sitegroup.models import SiteIdentity
from tests.factories import ArticlePageFactory
from tests.home.pages import column


class PurgeRecorder(BaseHTTPRequestHandler):
    """Answers every PURGE with 200 and records it as (Host, path), as nginx's purge location would see it."""

    received = None

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purges(settings):
    """A real HTTP server on a free local port, set as the frontend cache's purge location."""
    received = []
    handler = type("Recorder", (PurgeRecorder,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield received
    server.shutdown()
    server.server_close()


def test_publishing_a_county_article_purges_its_addresses_its_ancestors_feeds_and_sitemaps(
    site_group, purges, django_capture_on_commit_callbacks
):
    listing = column(site_group.county_a.home)
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticlePageFactory(parent=listing, title="甲县新消息", slug="news-1")
        article.save_revision().publish()
    received = set(purges)
    county, portal = "county-a.localhost", "localhost"
    column_path = f"/{listing.slug}/"
    assert {
        (county, f"{column_path}news-1/"),  # the article on the county's own hostname
        (portal, f"/county-a{column_path}news-1/"),  # and below the portal's
        (county, column_path),
        (county, f"{column_path}rss/"),
        (county, "/"),
        (county, "/sitemap.xml"),
        (portal, "/"),
        (portal, "/sitemap.xml"),
    } <= received
    assert not any(host == "county-b.localhost" or "/county-b/" in path for host, path in received)
    assert len(purges) == len(received)  # one request per address: Wagtail's own purge-on-publish is off


def test_a_site_setting_purges_the_whole_hostname_of_its_site_only(
    site_group, purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        identity = SiteIdentity.for_site(site_group.county_b.site)
        identity.sponsor = "乙县新主办单位"
        identity.save()
    assert set(purges) == {("county-b.localhost", "/*")}


def test_nothing_is_sent_without_a_purge_location(site_group, settings, django_capture_on_commit_callbacks):
    assert not hasattr(settings, "WAGTAILFRONTENDCACHE")
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=column(site_group.county_a.home), slug="quiet").save_revision().publish()
