"""Read replica (docs/scaling.md, "Database"): anonymous visitors' GETs read from the replica, off by default.

With DATABASE_REPLICA_URL set, the settings add the "replica" database, ReplicaRouter and PublicReadMiddleware.
The middleware marks a request as a public read when it is a GET or HEAD from a visitor who is not logged in and not
for the admin; only then does the router send reads to the replica. Everything else (the admin, logged-in users,
forms' POSTs, commands, the scheduler) reads and writes the primary. A public read that writes (a search term
logged, a counter) sticks to the primary for the rest of the request, so it never reads older data than it wrote.

The replica lags the primary by its replication delay: a page published a moment ago may still be missing from
it, and a page cache filled from it then keeps the old version until the next change. Run the replica with
synchronous_commit = remote_apply on the primary (the commit returns once the replica shows it), or accept
that delay (docs/scaling.md).
"""

from contextvars import ContextVar
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
WRITE_STATEMENTS = ("INSERT", "UPDATE", "DELETE")
_routing = ContextVar("govcms_db_routing", default=None)


@dataclass
class _Routing:
    public_read: bool
    wrote: bool = False


# Wagtail's admin and Django's: editors' reads must see what they just wrote, whoever is logged in.
PRIMARY_ONLY_PREFIXES = ("/admin/", "/django-admin/")


def is_public_read(request):
    """A GET or HEAD of a public URL by a visitor who is not logged in."""
    if request.method not in ("GET", "HEAD") or request.path.startswith(PRIMARY_ONLY_PREFIXES):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _noting_writes(routing):
    """An execute wrapper for the primary: a statement that changes data sends the request's later reads there too.

    Only real writes count, not db_for_write: Django asks for the write database for get_or_create's lookups too
    (Wagtail's site settings do that on every page), which would otherwise pin every public page to the primary.
    """

    def execute(run, sql, params, many, context):
        if sql.lstrip()[:6].upper() in WRITE_STATEMENTS or "FOR UPDATE" in sql.upper():
            routing.wrote = True
        return run(sql, params, many, context)

    return execute


class PublicReadMiddleware:
    """Marks public reads for ReplicaRouter (after AuthenticationMiddleware, which it asks who is logged in)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        routing = _Routing(public_read=is_public_read(request))
        token = _routing.set(routing)
        try:
            if not routing.public_read:
                return self.get_response(request)
            with connections[DEFAULT_DB_ALIAS].execute_wrapper(_noting_writes(routing)):
                return self.get_response(request)
        finally:
            _routing.reset(token)


def reading_from_replica():
    routing = _routing.get()
    return routing is not None and routing.public_read and not routing.wrote


class ReplicaRouter:
    """Reads of public requests from the replica; every write, and every other read, on the primary."""

    def db_for_read(self, model, **hints):
        return REPLICA if reading_from_replica() else None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica follows the primary's schema through replication.
        return False if db == REPLICA else None
