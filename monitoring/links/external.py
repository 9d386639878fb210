"""Checking external links over HTTP, from `manage.py check_links --external` only (never in a web request).

Politeness: at most one request at a time to a host and a pause between two requests to it; a bounded
number of hosts at once. A HEAD request first, a GET when the server refuses HEAD. Redirects are followed
by hand, so that each hop passes the same address check and a loop is recognised as such.

Addresses: the checker fetches only what editors typed into public pages, but a server inside the
government network must not become a way to probe that network (a link to http://10.0.0.5/admin or to the
cloud's metadata address). A link whose host resolves to a private, loopback, link-local or reserved address
is therefore not fetched and is reported as broken: the public cannot open it either. Hosts named in
GOVCMS_LINK_CHECK_ALLOWED_HOSTS are fetched all the same (the tests' local server, an intranet mirror).
The address is checked twice: on the name before the request, and on the address the connection really
reached (GuardedHTTPConnection), so a name that resolves to a public address for the check and to an
internal one for the connection (DNS rebinding) is refused too.
"""

import ipaddress
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from django.utils.translation import gettext as _
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

USER_AGENT = "Mozilla/5.0 (compatible; govcms-linkcheck/1.0; +government website link checker)"
DEFAULTS = {
    "TIMEOUT": 10,  # seconds, for connecting and again for reading
    "WORKERS": 8,  # hosts checked at once
    "HOST_DELAY": 1.0,  # seconds between two requests to the same host
    "MAX_REDIRECTS": 5,
    "CACHE_HOURS": 24,  # results younger than this are not fetched again
    "ALLOWED_HOSTS": (),  # hosts fetched even on a private address
}
REFUSES_HEAD = {405, 501}
# The target exists but refuses the checker (login, anti-robot rules, rate limit): a browser may still open it.
NOT_JUDGED = {401, 403, 429}
REDIRECTS = {301, 302, 303, 307, 308}


def setting(name):
    return getattr(settings, f"GOVCMS_LINK_CHECK_{name}", DEFAULTS[name])


def allowed_hosts():
    return {host.lower() for host in setting("ALLOWED_HOSTS")}


def is_public(address):
    return ipaddress.ip_address(address.split("%")[0]).is_global


class PrivateAddressError(OSError):
    """The connection reached an address that is not public."""


class GuardedConnectionMixin:
    """Refuse a connection whose peer is not a public address (unless its host is allowed)."""

    def _new_conn(self):
        sock = super()._new_conn()
        if (self.host or "").lower().strip("[]") not in allowed_hosts() and not is_public(sock.getpeername()[0]):
            sock.close()
            raise PrivateAddressError(self.host)
        return sock


class GuardedHTTPConnection(GuardedConnectionMixin, HTTPConnection):
    pass


class GuardedHTTPSConnection(GuardedConnectionMixin, HTTPSConnection):
    pass


class GuardedHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = GuardedHTTPConnection


class GuardedHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = GuardedHTTPSConnection


def reached_private_address(error):
    """Whether `error` (as urllib3 wrapped it) comes from a PrivateAddressError."""
    seen = set()
    pending = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, PrivateAddressError):
            return True
        pending.extend([current.__cause__, current.__context__, getattr(current, "reason", None)])
        pending.extend(arg for arg in getattr(current, "args", ()) if isinstance(arg, BaseException))
    return False


@dataclass(frozen=True)
class Result:
    ok: bool
    status_code: int | None = None
    problem: str = ""


class HostGate:
    """One request at a time per host, with a pause between requests to the same host."""

    def __init__(self, delay):
        self.delay = delay
        self.guard = threading.Lock()
        self.locks = {}
        self.last = {}

    def lock_for(self, host):
        with self.guard:
            return self.locks.setdefault(host, threading.Lock())

    def request(self, host, send):
        with self.lock_for(host):
            wait = self.last.get(host, 0) + self.delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                return send()
            finally:
                self.last[host] = time.monotonic()


def check_urls(urls):
    """{url: Result} for every URL, fetched with bounded concurrency, one host at a time per worker."""
    by_host = {}
    for url in urls:
        by_host.setdefault(host_of(url), []).append(url)
    checker = Checker()
    results = {}
    with ThreadPoolExecutor(max_workers=setting("WORKERS")) as pool:
        for host_results in pool.map(checker.check_all, by_host.values()):
            results.update(host_results)
    return results


class Checker:
    def __init__(self):
        timeout = setting("TIMEOUT")
        self.http = urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=timeout, read=timeout),
            retries=False,
            headers={"User-Agent": USER_AGENT},
        )
        self.http.pool_classes_by_scheme = {"http": GuardedHTTPConnectionPool, "https": GuardedHTTPSConnectionPool}
        self.gate = HostGate(setting("HOST_DELAY"))
        self.allowed_hosts = allowed_hosts()

    def check_all(self, urls):
        return {url: self.check(url) for url in urls}

    def check(self, url):
        """Follow `url` through its redirects to a final answer."""
        seen = set()
        for _hop in range(setting("MAX_REDIRECTS") + 1):
            if url in seen:
                return Result(False, problem=_("重定向循环"))
            seen.add(url)
            refusal = self.refuse_address(url)
            if refusal:
                return refusal
            try:
                status, location = self.fetch(url)
            except (urllib3.exceptions.HTTPError, OSError) as error:
                if reached_private_address(error):
                    return Result(False, problem=_("内网地址，公众无法访问"))
                if isinstance(error, urllib3.exceptions.HTTPError):
                    return Result(False, problem=describe(error))
                return Result(False, problem=_("链接地址无效"))
            except ValueError:  # a URL urllib3 cannot parse or encode; one bad link stops nothing
                return Result(False, problem=_("链接地址无效"))
            if status in REDIRECTS and location:
                url = urljoin(url, location)
                continue
            return judge(status)
        return Result(False, problem=_("重定向次数过多"))

    def fetch(self, url):
        """(status, Location) of a HEAD request, or of a GET when the server refuses HEAD."""
        host = host_of(url)
        status, location = self.gate.request(host, lambda: self.send("HEAD", url))
        if status in REFUSES_HEAD:
            status, location = self.gate.request(host, lambda: self.send("GET", url))
        return status, location

    def send(self, method, url):
        # The body is never read: only the status counts.
        response = self.http.request(method, url, redirect=False, preload_content=False)
        try:
            return response.status, response.headers.get("Location")
        finally:
            response.release_conn()

    def refuse_address(self, url):
        host = host_of(url)
        if not host or not url.lower().startswith(("http://", "https://")):
            return Result(False, problem=_("链接地址无效"))
        if host in self.allowed_hosts:
            return None
        try:
            addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
        except (socket.gaierror, UnicodeError):
            return Result(False, problem=_("域名无法解析"))
        if not all(is_public(address) for address in addresses):
            return Result(False, problem=_("内网地址，公众无法访问"))
        return None


def host_of(url):
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:  # e.g. a malformed IPv6 address
        return ""


def judge(status):
    if status < 400 or status in NOT_JUDGED:
        return Result(True, status)
    if status in (404, 410):
        return Result(False, status, _("页面不存在（HTTP %(status)s）") % {"status": status})
    return Result(False, status, _("无法访问（HTTP %(status)s）") % {"status": status})


def describe(error):
    """A short Chinese description of a failed request, for the report."""
    reason = getattr(error, "reason", None) or error
    if isinstance(reason, urllib3.exceptions.TimeoutError) or isinstance(error, urllib3.exceptions.TimeoutError):
        return _("访问超时")
    if isinstance(reason, urllib3.exceptions.SSLError) or isinstance(error, urllib3.exceptions.SSLError):
        return _("证书错误")
    if isinstance(reason, urllib3.exceptions.NameResolutionError):
        return _("域名无法解析")
    return _("无法连接")
