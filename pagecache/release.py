"""The release a process runs, part of every page-cache and fragment key (docs/operations.md, Page cache).

Pages rendered by one release are never served by another. A page cached before a deploy names the previous
release's static files (the hashed names of its manifest, which the new release no longer has) and shows its
templates: served from the shared cache for up to PAGE_CACHE_SECONDS after the deploy, it would come without its
styles. Keying by release also keeps two releases apart while both run, during a rolling deploy across nodes.
The previous release's entries are never read again and expire on their own.

A release is identified by a digest of the files that render a page: the project's code, templates,
translations, static files and requirements (an upgrade of Wagtail is a new release). Nodes built from the same
commit agree on it. It is computed once per process: with gunicorn's preload_app, once in the master.
"""

import functools
import hashlib
import os
from pathlib import Path

from django.conf import settings

# Folders whose files never render a page, and which a deployed image leaves out (.dockerignore).
NOT_RENDERING = {"tests", "docs", "bench", "tools", "var", "node_modules", "__pycache__"}
# Where files are written at run time, wherever configured: uploads may be gigabytes, and are not code.
DATA_DIRECTORIES = ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "STATIC_ROOT")


@functools.cache
def current():
    """This process's release."""
    data = {Path(path).resolve() for name in DATA_DIRECTORIES if (path := getattr(settings, name, None))}
    return source_digest(Path(settings.BASE_DIR).resolve(), data)


def source_digest(root, data_directories=()):
    """A digest of the names and contents of the files below `root` that render pages, outside
    `data_directories`."""
    digest = hashlib.sha256()
    for path in sorted(rendering_files(root, set(data_directories))):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def rendering_files(root, data_directories):
    for directory, subdirectories, files in os.walk(root):
        # Pruned in place, so that .venv's and .git's thousands of files are not even listed.
        subdirectories[:] = [
            name for name in subdirectories if not skipped(name) and Path(directory, name) not in data_directories
        ]
        yield from (Path(directory, name) for name in files if not skipped(name) and not name.endswith(".pyc"))


def skipped(name):
    """Hidden (.venv, .git, .env, editors' files) or never rendering."""
    return name.startswith(".") or name in NOT_RENDERING
