"""Journey tests in a real browser: Playwright driving Debian's Chromium against a live server.

Run them with `make test-browser` (their own pytest process, see the Makefile): the live server
needs committed data that every journey shares, so the demo site group is loaded once per run
into the test database and never flushed, which the main suite's per-test transactions and
shared per-process fixtures cannot live beside.
"""

import mimetypes
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connection
from django.http import Http404, HttpResponse
from django.test.testcases import FSFilesHandler
from pytest_django.live_server_helper import LiveServer

from demo.loader import load_demo
from search.indexing import rebuild as rebuild_search_index
from tests.browser.citizen import PHONE

# Debian's package (`make browser-deps`); Playwright's own browser download is never used.
CHROMIUM = Path("/usr/bin/chromium")
# Without the networking switches Chromium keeps calling Google's services, which a CI machine
# without outside network refuses; the sandbox needs user namespaces that root in a container lacks.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
PASSWORD = "govcms-demo"


def pytest_collection_modifyitems(items):
    """Without Chromium every journey is skipped with the reason, which pytest's summary lists (-ra)."""
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: `make browser-deps` installs Debian's chromium")
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(skip)


class StorageMediaHandler(FSFilesHandler):
    """Media files (the demo's images and documents) from the default storage, which the test settings keep
    in memory where Django's live server looks for them on disk: without it every image is a broken one."""

    def get_base_url(self):
        return settings.MEDIA_URL

    def serve(self, request):
        name = posixpath.normpath(unquote(self.file_path(request.path))).lstrip("/")
        if not default_storage.exists(name):
            raise Http404(name)
        with default_storage.open(name) as file:
            return HttpResponse(file.read(), content_type=mimetypes.guess_type(name)[0] or "application/octet-stream")


def serving_media(handler):
    """A live server's static handler that also serves the storage's media."""
    return lambda application: handler(StorageMediaHandler(application))


@dataclass
class DemoServer:
    port: int

    def url(self, host, path="/"):
        return f"http://{host}:{self.port}{path}"


@pytest.fixture(scope="session")
def demo_server(django_test_environment, django_db_modify_db_settings, django_db_blocker, tmp_path_factory):
    """The live server, serving the demo site group loaded once with the server's port in its Sites.

    The journeys share this data and what they write, so they use none of pytest-django's
    per-test database fixtures (which roll back or flush): the test database is created here,
    and stays unblocked for the whole run, since journeys read what the server wrote (a captcha's
    answer, a page's state).
    """
    from django.test.utils import setup_databases, teardown_databases

    if connection.vendor == "sqlite":
        # SQLite's default in-memory test database is one connection shared by every thread: the
        # browser's parallel requests (the editor autosaves while a form is posted) would interleave
        # their transactions on it. A file gives each server thread a connection of its own; writers
        # queue for the lock (IMMEDIATE) instead of failing, and the throwaway file skips fsync.
        connection.settings_dict["TEST"]["NAME"] = str(tmp_path_factory.mktemp("db") / "journeys.sqlite3")
        connection.settings_dict["OPTIONS"].update(
            transaction_mode="IMMEDIATE", timeout=30, init_command="PRAGMA synchronous=OFF; PRAGMA journal_mode=WAL"
        )
    # The journeys run with the page and fragment caches on, as production does (the unit suite turns them off,
    # since its tests change rows without publishing): an editor's publish must reach the citizen's next visit.
    settings.PAGE_CACHE_ENABLED = settings.FRAGMENT_CACHE_ENABLED = True
    with django_db_blocker.unblock():
        databases = setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})
        server = LiveServer("127.0.0.1:0", start=False)
        server.thread.static_handler = serving_media(server.thread.static_handler)
        server.start()
        try:
            load_demo(port=server.thread.port, password=PASSWORD, usable_passwords=True)
            yield DemoServer(server.thread.port)
        finally:
            server.stop()
            teardown_databases(databases, verbosity=0)


@pytest.fixture(scope="session")
def public_search_index(demo_server):
    """The public search index of the demo's live pages (the test settings do not index as pages are saved)."""
    rebuild_search_index()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop in the test thread; Django refuses ORM calls from a
    # thread with a running loop unless told that this (single-threaded) use is safe.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Screenshots:
    """Numbered full-page screenshots of one journey, in var/screenshots/<test name>/."""

    def __init__(self, name):
        self.folder = SCREENSHOTS / re.sub(r"[^\w-]+", "_", name)
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()
        self.count = 0

    def __call__(self, page, label):
        self.count += 1
        page.screenshot(path=self.folder / f"{self.count:02d}-{label}.png", full_page=True)


@pytest.fixture
def screenshot(request):
    return Screenshots(request.node.name)


@pytest.fixture
def person(browser, demo_server, screenshot):
    """`person("yunxi_officer")` is a page in a browser context of that user's own, logged in to the admin;
    `person(None)` is a member of the public, `person(None, viewport=PHONE)` one on a phone. Each context's
    last page is captured when the test ends, so a failure shows where it stopped."""
    contexts = []

    def open_as(username, host="localhost", viewport=None):
        context = browser.new_context(locale="zh-CN", viewport=viewport or {"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        contexts.append((username or "public", context))
        page = context.new_page()
        if username:
            page.goto(demo_server.url(host, "/admin/login/"))
            page.fill("#id_username", username)
            page.fill("#id_password", PASSWORD)
            page.locator("form button[type=submit]").click()
            page.wait_for_url(re.compile(r"/admin/$"))
        return page

    yield open_as
    for name, context in contexts:
        for page in context.pages:
            screenshot(page, f"last-{name}")
        context.close()


@pytest.fixture
def citizen(person):
    """A member of the public on a phone (375 px wide), where most citizens read the sites.

    Every journey's citizen browses from 127.0.0.1: the rate limits (per address, counted in the
    server's cache, which this process shares) start afresh for each, as for a different person."""
    cache.clear()
    return person(None, viewport=PHONE)
