"""The full text index over SearchDocument, in the form each database offers.

PostgreSQL: a generated tsvector column built from the segmented words as they are (no parser, so Chinese
words survive whatever the database locale), title words weighted A, the rest D, with a GIN index; and a
prefix index on the tree path for scoping to a site group.
SQLite: an FTS5 table over the same words, kept in step with the table by triggers.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    """ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(array_to_tsvector(string_to_array(title_tokens, ' ')), 'A')
        || setweight(array_to_tsvector(string_to_array(tokens, ' ')), 'D')) STORED""",
    "CREATE INDEX search_doc_vector ON search_searchdocument USING gin (vector)",
    "CREATE INDEX search_doc_path_prefix ON search_searchdocument (path varchar_pattern_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_path_prefix",
    "DROP INDEX IF EXISTS search_doc_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
]
SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_document_fts USING fts5(
        title_tokens, tokens, content='search_searchdocument', content_rowid='page_id', tokenize='unicode61')""",
    """CREATE TRIGGER search_document_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_document_fts(rowid, title_tokens, tokens) VALUES (new.page_id, new.title_tokens, new.tokens);
    END""",
    """CREATE TRIGGER search_document_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_document_fts(search_document_fts, rowid, title_tokens, tokens)
        VALUES ('delete', old.page_id, old.title_tokens, old.tokens);
    END""",
    """CREATE TRIGGER search_document_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_document_fts(search_document_fts, rowid, title_tokens, tokens)
        VALUES ('delete', old.page_id, old.title_tokens, old.tokens);
        INSERT INTO search_document_fts(rowid, title_tokens, tokens) VALUES (new.page_id, new.title_tokens, new.tokens);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_document_fts_update",
    "DROP TRIGGER IF EXISTS search_document_fts_delete",
    "DROP TRIGGER IF EXISTS search_document_fts_insert",
    "DROP TABLE IF EXISTS search_document_fts",
]
STATEMENTS = {"postgresql": (POSTGRES_FORWARD, POSTGRES_BACKWARD), "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD)}


def _run(direction):
    def run(apps, schema_editor):
        statements = STATEMENTS.get(schema_editor.connection.vendor)
        for statement in statements[direction] if statements else []:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(_run(0), _run(1))]
