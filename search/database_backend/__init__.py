"""Wagtail's database search backend with Chinese words, for the admin's page search and every chooser.

Wagtail's database backends (modelsearch) let the database split text into words: SQLite's FTS5 and
PostgreSQL's parser split on spaces and punctuation, so a Chinese title is one long "word" and 冬季 never
finds 2026年冬季供暖保障工作通知. The variants here store and query text segmented by jieba with the
settings of the public index (see segmented.py); storage, SQL, ranking and rebuilding stay Wagtail's.
"""

from django.db import connection
from modelsearch.backends import database


def SearchBackend(params):  # noqa: N802 - the name modelsearch looks up in a backend module
    """The segmented variant of the backend modelsearch picks for the database.

    Its other choices (SQLite without FTS5, other databases) match substrings and are returned as they are.
    Each variant is imported only on its own database: modelsearch's SQLite module needs the FTS5 table."""
    backend = database.SearchBackend(params)
    if connection.vendor == "postgresql":
        from search.database_backend.postgres import SegmentedPostgresSearchBackend as segmented
    elif connection.vendor == "sqlite" and database.USE_SQLITE_FTS:
        from search.database_backend.sqlite import SegmentedSQLiteSearchBackend as segmented
    else:
        return backend
    return segmented(params)
