"""Pages and fragments of one release are never served by another (pagecache.release): a page cached before a
deploy names static files the new release no longer has."""

import os
import subprocess  # nosec B404 - runs this interpreter, below
import sys
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from pagecache import release
from tests.pagecache.utils import cache_state, get

NEXT_RELEASE = "next-release"


@pytest.fixture
def next_release(monkeypatch):
    """The process runs another release from now on (monkeypatch puts this one back afterwards)."""

    def deploy():
        monkeypatch.setattr(release, "current", lambda: NEXT_RELEASE)

    return deploy


def test_a_new_release_renders_its_pages_afresh_and_the_previous_ones_keep_theirs(visitor, site_group, next_release):
    assert cache_state(get(visitor, "/")) == "miss"
    assert cache_state(get(visitor, "/")) == "hit"

    next_release()

    assert cache_state(get(visitor, "/")) == "miss"
    assert cache_state(get(visitor, "/")) == "hit"


def test_a_new_release_renders_the_fragments_afresh(settings, visitor, site_group, next_release):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = True

    def queries():
        with CaptureQueriesContext(connection) as captured:
            get(visitor, "/")
        return len(captured)

    first = queries()
    cached = queries()
    assert cached < first
    next_release()
    assert queries() > cached
    assert queries() == cached


def write(root, name, text):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def checkout(tmp_path):
    write(tmp_path, "home/templates/home/home_page.html", "<main>首页</main>")
    write(tmp_path, "govcms/static/css/site.css", "body { color: #000 }")
    write(tmp_path, "requirements.txt", "wagtail==8.0\n")
    return tmp_path


@pytest.mark.parametrize(
    "change",
    [
        ("home/templates/home/home_page.html", "<main>首页（新）</main>"),
        ("govcms/static/css/site.css", "body { color: #111 }"),
        ("requirements.txt", "wagtail==8.1\n"),
        ("home/templates/home/column_page.html", "<main>栏目</main>"),
    ],
    ids=["template", "static-file", "requirements", "new-template"],
)
def test_a_change_to_what_renders_pages_is_a_new_release(checkout, change):
    before = release.source_digest(checkout)
    write(checkout, *change)
    assert release.source_digest(checkout) != before


@pytest.mark.parametrize(
    "name",
    [
        "tests/home/test_home.py",
        "docs/editors.md",
        "var/media/images/photo.png",
        ".venv/lib/site.py",
        ".env",
        "home/__pycache__/models.cpython-311.pyc",
        "home/models.cpython-311.pyc",
    ],
)
def test_files_that_render_no_page_leave_the_release_as_it_is(checkout, name):
    before = release.source_digest(checkout)
    write(checkout, name, "anything")
    assert release.source_digest(checkout) == before


def test_names_left_out_at_the_top_count_inside_an_app(checkout):
    """A static folder may hold .well-known/ or docs/: only the project's own top-level ones are left out."""
    before = release.source_digest(checkout)
    write(checkout, "govcms/static/.well-known/security.txt", "Contact: mailto:security@example.gov.cn")
    assert release.source_digest(checkout) != before


def test_uploads_kept_inside_the_project_leave_the_release_as_it_is(checkout, settings):
    """MEDIA_ROOT may be configured inside the project: its files are data, however many."""
    settings.BASE_DIR, settings.MEDIA_ROOT = checkout, checkout / "media"
    before = release.current.__wrapped__()
    write(checkout, "media/images/photo.png", "anything")
    assert release.current.__wrapped__() == before
    write(checkout, "home/templates/home/home_page.html", "<main>首页（新）</main>")
    assert release.current.__wrapped__() != before


def test_a_file_this_process_may_not_read_counts_by_its_name(checkout, monkeypatch):
    """Root reads anything, so the refusal is the operating system's answer played by the test."""
    secret = checkout / "home" / "secret.html"
    without = release.source_digest(checkout)
    write(checkout, "home/secret.html", "<p>密</p>")
    readable = release.source_digest(checkout)
    read_bytes = type(secret).read_bytes

    def refuse(path):
        if path == secret:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(type(secret), "read_bytes", refuse)
    assert release.source_digest(str(checkout)) not in (without, readable)


def test_files_that_cannot_be_read_or_are_not_regular_leave_start_up_working(checkout):
    before = release.source_digest(checkout)
    (checkout / "home" / "link-to-nowhere").symlink_to(checkout / "missing")
    os.mkfifo(checkout / "home" / "pipe")  # reading it would block
    assert release.source_digest(checkout) == before


# The configuration: a release is also its settings.


def test_a_changed_setting_is_a_new_release(settings):
    before = release.current.__wrapped__()
    settings.SECURE_HSTS_SECONDS = settings.SECURE_HSTS_SECONDS + 1
    assert release.current.__wrapped__() != before


def test_settings_written_in_another_order_are_the_same_release():
    one = SimpleNamespace(POLICY={"img-src": {"'self'", "data:"}, "default-src": ["'self'"]}, DEBUG=False)
    other = SimpleNamespace(DEBUG=False, POLICY={"default-src": ["'self'"], "img-src": {"data:", "'self'"}})
    assert release.configuration_digest(one) == release.configuration_digest(other)
    changed = SimpleNamespace(DEBUG=False, POLICY={"default-src": ["'self'"], "img-src": {"data:"}})
    assert release.configuration_digest(changed) != release.configuration_digest(one)


CONFIGURATION_DIGEST = (
    "import django; django.setup(); from django.conf import settings; from pagecache import release; "
    "print(release.configuration_digest(settings))"
)


def test_every_process_given_the_same_settings_computes_the_same_release():
    """Nodes share their entries only if they agree: no set order (hash seeds differ by process) and no address of
    an object (a function in a setting) may reach the digest."""
    digests = {
        subprocess.run(  # noqa: S603  # nosec B603 - this interpreter, a fixed script
            [sys.executable, "-c", CONFIGURATION_DIGEST],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


@pytest.mark.parametrize(
    "name, value",
    [
        ("CONTENT_SECURITY_POLICY", {"DIRECTIVES": {"default-src": ["'none'"]}}),
        ("X_FRAME_OPTIONS", "SAMEORIGIN"),
        ("SECURE_REFERRER_POLICY", "no-referrer"),
        ("SECURE_SSL_REDIRECT", True),
    ],
)
def test_a_changed_header_setting_is_a_new_release(settings, name, value):
    before = release.configuration_digest(django_settings)
    setattr(settings, name, value)
    assert release.configuration_digest(django_settings) != before


def test_the_release_is_the_same_whatever_language_is_active():
    """django-axes' messages are lazy translations: read in the language of a request, they would differ."""
    before = release.configuration_digest(django_settings)
    with translation.override("fr"):
        assert release.configuration_digest(django_settings) == before
