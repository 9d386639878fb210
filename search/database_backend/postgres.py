"""modelsearch's PostgreSQL (full text search) backend over segmented text."""

from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from search.database_backend.segmented import SegmentedIndexMixin, SegmentedQueryMixin


class SegmentedPostgresIndex(SegmentedIndexMixin, PostgresIndex):
    pass


class SegmentedPostgresSearchQueryCompiler(SegmentedQueryMixin, PostgresSearchQueryCompiler):
    pass


class SegmentedPostgresAutocompleteQueryCompiler(SegmentedQueryMixin, PostgresAutocompleteQueryCompiler):
    pass


class SegmentedPostgresSearchBackend(PostgresSearchBackend):
    index_class = SegmentedPostgresIndex
    query_compiler_class = SegmentedPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = SegmentedPostgresAutocompleteQueryCompiler
