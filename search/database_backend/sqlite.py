"""modelsearch's SQLite (FTS5) backend over segmented text."""

from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)

from search.database_backend.segmented import SegmentedIndexMixin, SegmentedQueryMixin


class SegmentedSQLiteIndex(SegmentedIndexMixin, SQLiteIndex):
    pass


class SegmentedSQLiteSearchQueryCompiler(SegmentedQueryMixin, SQLiteSearchQueryCompiler):
    pass


class SegmentedSQLiteAutocompleteQueryCompiler(SegmentedQueryMixin, SQLiteAutocompleteQueryCompiler):
    pass


class SegmentedSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = SegmentedSQLiteIndex
    query_compiler_class = SegmentedSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = SegmentedSQLiteAutocompleteQueryCompiler
