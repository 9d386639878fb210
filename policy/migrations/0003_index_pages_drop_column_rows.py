# The policy library's and interpretation column's rows in home_columnpage, copied by 0002, go.
# A migration of its own: see home/migrations/_column_base.py.

from django.db import migrations

from home.migrations._column_base import drop_column_rows


class Migration(migrations.Migration):
    dependencies = [("policy", "0002_index_pages_own_column_fields")]

    operations = drop_column_rows("policy", ["PolicyIndexPage", "InterpretationIndexPage"])
