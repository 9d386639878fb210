"""The release a process runs, part of every page-cache and fragment key (docs/operations.md, Page cache).

Pages rendered by one release are never served by another. A page cached before a deploy names the previous
release's static files (the hashed names of its manifest, which the new release no longer has) and shows its
templates: served from the shared cache for up to PAGE_CACHE_SECONDS after the deploy, it would come without its
styles. Keying by release also keeps two releases apart while both run, during a rolling deploy across nodes.
The previous release's entries are never read again and expire on their own.

A release is also its configuration: a page holds what settings from the environment render (a site name, the
static files' address) and, as the page cache stores it, the headers they shape (Content-Security-Policy, HSTS,
X-Frame-Options). A deploy that changes only the environment renders every page afresh too, instead of serving
the previous headers for up to PAGE_CACHE_SECONDS.

A release is identified by a digest of the files that render a page: the project's code, templates,
translations, static files and requirements (an upgrade of Wagtail is a new release) — every file of the
project except hidden ones at its top (.venv, .git, .env), tests, docs, bench, tools, var, the upload and static
directories, and compiled Python. Nodes running one image agree on it; nodes deployed from checkouts agree when
their files do (a stray untracked file makes a node cache its own copies, which costs only hits). Any change to
those files, a README's included, is a new release: a deploy renders every page afresh. The digest is computed
once per process: with gunicorn's preload_app, once in the master (about 50 ms for this project).
"""

import functools
import hashlib
import json
import os
from collections.abc import Mapping
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise

# Top-level folders whose files never render a page.
NOT_RENDERING = {"tests", "docs", "bench", "tools", "var", "node_modules"}
# Where files are written at run time, wherever configured: uploads may be gigabytes, and are not code.
DATA_DIRECTORIES = ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "STATIC_ROOT")


@functools.cache
def current():
    """This process's release: its files and its settings."""
    data = {Path(path).resolve() for name in DATA_DIRECTORIES if (path := getattr(settings, name, None))}
    return f"{source_digest(Path(settings.BASE_DIR).resolve(), data)}-{configuration_digest(settings)}"


def configuration_digest(configuration):
    """A digest of every setting's value, the same in each process given the same environment, so that nodes
    configured alike share their entries (nodes configured apart only keep their own, which costs hits). Lazy
    translations in settings (django-axes' messages) are read untranslated, whatever language is active."""
    with translation.override(None):
        values = {name: stable(getattr(configuration, name)) for name in dir(configuration) if name.isupper()}
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:16]


def stable(value):
    """`value` as JSON data that every process writes alike: sets sorted, lazy translations as text, and for an
    object with no stable text (a function, an instance, whose repr holds an address) the name of its type."""
    if value is None or isinstance(value, (int, float, bool)):
        return value
    if isinstance(value, (str, Promise)):  # str() also unwraps a lazy object standing for a string
        return str(value)
    if isinstance(value, Mapping):
        return {canonical(key): stable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [stable(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(canonical(item) for item in value)
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, (timedelta, Decimal)):
        return repr(value)
    return f"{type(value).__module__}.{type(value).__qualname__}"


def canonical(value):
    return json.dumps(stable(value), sort_keys=True)


def source_digest(root, data_directories=()):
    """A digest of the names and contents of the regular files below `root` that render pages, outside
    `data_directories`. A file this process may not read counts by its name: it cannot render anything here."""
    root = Path(root)
    digest = hashlib.sha256()
    for path in sorted(rendering_files(root, set(data_directories))):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"unreadable")
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def rendering_files(root, data_directories):
    for directory, subdirectories, files in os.walk(root):
        top = Path(directory) == root
        # Pruned in place, so that .venv's and .git's thousands of files are not even listed.
        subdirectories[:] = [
            name
            for name in subdirectories
            if not (top and (name.startswith(".") or name in NOT_RENDERING))
            and name != "__pycache__"
            and Path(directory, name) not in data_directories
        ]
        for name in files:
            path = Path(directory, name)
            if not (top and name.startswith(".")) and not name.endswith(".pyc") and regular_file(path):
                yield path


def regular_file(path):
    """Not a socket, a pipe (reading one would block start-up) or a dangling link; a link that cannot be followed
    for want of permission counts as none."""
    try:
        return path.is_file()
    except OSError:
        return False
