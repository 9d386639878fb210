"""Run-once locks for scheduled jobs on several nodes (docs/scaling.md, "Scheduled jobs").

`single_run(name)` lets one process at a time through: on PostgreSQL with a session-level advisory lock, which the
server releases by itself when the holder's connection ends (a crashed job never blocks the next one); on any other
database with an entry added to the shared cache (Redis in production), which expires after `ttl` seconds so a
crashed holder is forgotten. Advisory locks belong to a database session: behind PgBouncer in transaction mode the
scheduler must connect to PostgreSQL directly (docs/scaling.md).
"""

import hashlib
import uuid
from contextlib import contextmanager

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

CACHE_PREFIX = "govcms:single-run:"


def advisory_key(name):
    """A stable signed 64-bit key for `name` (PostgreSQL's advisory lock keys are bigint)."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)


@contextmanager
def _advisory_lock(connection, name):
    key = advisory_key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


@contextmanager
def _cache_lock(name, ttl):
    key, token = CACHE_PREFIX + name.replace(" ", "_"), uuid.uuid4().hex
    acquired = cache.add(key, token, ttl)
    try:
        yield acquired
    finally:
        # Only our own entry: after `ttl` another process may hold the lock under a new one.
        if acquired and cache.get(key) == token:
            cache.delete(key)


@contextmanager
def single_run(name, ttl=600, using=DEFAULT_DB_ALIAS):
    """Yield True if this process holds the lock `name` for the block, False if another process holds it.

    `ttl` (seconds) bounds how long a cache lock outlives a holder that died; it must exceed the job's run time.
    """
    connection = connections[using]
    if connection.vendor == "postgresql":
        with _advisory_lock(connection, name) as acquired:
            yield acquired
    else:
        with _cache_lock(name, ttl) as acquired:
            yield acquired
