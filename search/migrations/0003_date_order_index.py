"""PostgreSQL: an index in result order (newest first), so a common word's most recent matches are read
from it instead of fetching and sorting every match. The planner picks it when a word is frequent."""

from django.db import migrations

FORWARD = (
    "CREATE INDEX search_doc_date_order ON search_searchdocument (date DESC NULLS LAST, page_id DESC)"
)
BACKWARD = "DROP INDEX IF EXISTS search_doc_date_order"


def _run(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_index")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
