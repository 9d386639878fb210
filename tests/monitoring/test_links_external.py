"""External links checked over HTTP against a local server in a thread (no internet).

The server answers 200, 404, a slow page (past the test's short timeout), a redirect loop, a redirect to a
200, and a page that refuses HEAD (405) but answers GET; it counts the requests it gets, so the cache's
work shows.
"""

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings
from wagtail.models import Page

from monitoring.links import check_site_links
from monitoring.links.external import USER_AGENT, HostGate, check_urls
from monitoring.models import ExternalLinkCheck, LinkFinding, LinkKind
from tests.factories import ArticlePageFactory

SLOW_SECONDS = 1.5
REDIRECTS = {"/loop-a": "/loop-b", "/loop-b": "/loop-a", "/moved": "/ok", "/far": "/moved"}


class Handler(BaseHTTPRequestHandler):
    requests = Counter()
    agents = set()

    def do_HEAD(self):
        self.answer(send_body=False)

    def do_GET(self):
        self.answer(send_body=True)

    def answer(self, send_body):
        self.requests[(self.command, self.path)] += 1
        self.agents.add(self.headers.get("User-Agent"))
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
        if self.path in REDIRECTS:
            return self.reply(302, location=REDIRECTS[self.path])
        if self.path == "/no-head" and self.command == "HEAD":
            return self.reply(405)
        status = 200 if self.path in ("/ok", "/slow", "/no-head") else 404
        self.reply(status, body=b"hello" if send_body else b"")

    def reply(self, status, location=None, body=b""):
        try:
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the checker gave up waiting (the slow page)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    Handler.requests.clear()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    settings = override_settings(
        GOVCMS_LINK_CHECK_TIMEOUT=0.5,
        GOVCMS_LINK_CHECK_HOST_DELAY=0,
        GOVCMS_LINK_CHECK_ALLOWED_HOSTS=["127.0.0.1"],
    )
    with settings:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_each_answer_is_judged(server):
    paths = ["/ok", "/missing", "/slow", "/loop-a", "/far", "/no-head"]
    results = check_urls({server + path for path in paths})
    verdicts = {path: (results[server + path].ok, results[server + path].problem) for path in paths}
    assert verdicts == {
        "/ok": (True, ""),
        "/missing": (False, "页面不存在（HTTP 404）"),
        "/slow": (False, "访问超时"),
        "/loop-a": (False, "重定向循环"),
        "/far": (True, ""),
        "/no-head": (True, ""),
    }
    # HEAD first; GET only where HEAD was refused.
    assert Handler.requests[("GET", "/no-head")] == 1
    assert Handler.requests[("GET", "/ok")] == 0
    assert Handler.agents == {USER_AGENT}


def test_too_many_redirects(server):
    with override_settings(GOVCMS_LINK_CHECK_MAX_REDIRECTS=1):
        result = check_urls({server + "/far"})[server + "/far"]
    assert (result.ok, result.problem) == (False, "重定向次数过多")


def test_private_addresses_are_not_fetched():
    """Loopback and private addresses are reported, never requested (the allowed hosts setting is empty)."""
    urls = {"http://127.0.0.1:9/secret", "http://10.1.2.3/admin", "http://169.254.169.254/latest/meta-data/"}
    results = check_urls(urls)
    assert {url: (result.ok, result.problem) for url, result in results.items()} == dict.fromkeys(
        urls, (False, "内网地址，公众无法访问")
    )


def test_one_request_at_a_time_per_host_with_a_pause():
    gate = HostGate(delay=0.05)
    running, overlaps, starts = [], [], []

    def send():
        running.append(1)
        overlaps.append(len(running))
        starts.append(time.monotonic())
        time.sleep(0.01)
        running.pop()

    threads = [threading.Thread(target=gate.request, args=("example.gov.cn", send)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert max(overlaps) == 1
    starts.sort()
    assert all(later - earlier >= 0.05 for earlier, later in zip(starts, starts[1:], strict=False))


@pytest.mark.django_db
def test_broken_external_links_become_findings_and_the_cache_saves_a_second_fetch(site_group, server):
    column = Page.objects.child_of(site_group.county_a.home).get(slug="zwdt")
    html = "".join(f'<a href="{server}{path}#part">链接</a>' for path in ("/ok", "/missing", "/loop-a"))
    page = ArticlePageFactory(parent=column, body=json.dumps([{"type": "paragraph", "value": f"<p>{html}</p>"}]))

    check_site_links(site_group.county_a.home, external=True)
    findings = {row.target: row.problem for row in LinkFinding.objects.filter(page=page, fixed_at__isnull=True)}
    assert findings == {server + "/missing": "页面不存在（HTTP 404）", server + "/loop-a": "重定向循环"}
    assert LinkFinding.objects.filter(kind=LinkKind.EXTERNAL).count() == 2
    assert ExternalLinkCheck.objects.count() == 3
    fetched = sum(Handler.requests.values())

    check_site_links(site_group.county_a.home, external=True)
    assert sum(Handler.requests.values()) == fetched  # answered from the cache
    assert LinkFinding.objects.filter(fixed_at__isnull=True).count() == 2

    # An old result is fetched again.
    ExternalLinkCheck.objects.update(checked_at="2020-01-01T00:00:00Z")
    check_site_links(site_group.county_a.home, external=True)
    assert sum(Handler.requests.values()) > fetched


def test_a_malformed_url_is_reported_not_raised():
    url = "http://[::1/broken"
    assert check_urls({url})[url].problem == "链接地址无效"
