"""What the bench scripts share: a throw-away database they build and remove (not a test helper)."""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlparse


def set_up_database(target, name):
    """Point Django at a fresh database — a SQLite file in /tmp when `target` is "sqlite", else a new
    PostgreSQL database `<name>_<pid>` beside the one `target` names; returns a function that removes it."""
    if target == "sqlite":
        path = Path(tempfile.mkdtemp(prefix="govcms-bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"

        def drop():
            path.unlink(missing_ok=True)
            path.parent.rmdir()

        return drop
    url = urlparse(target)
    name = f"{name}_{os.getpid()}"
    import psycopg

    admin_url = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url._replace(path=f"/{name}").geturl()

    def drop():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return drop


def tree_step(number):
    """Treebeard's four-character base-36 path step: page paths built by bulk inserts, which skip treebeard."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    for _ in range(4):
        number, remainder = divmod(number, 36)
        text = digits[remainder] + text
    return text
