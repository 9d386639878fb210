# The disclosure catalogue's rows in home_columnpage, copied by 0004, go.
# A migration of its own: see home/migrations/_column_base.py.

from django.db import migrations

from home.migrations._column_base import drop_column_rows


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0004_catalogue_own_column_fields")]

    operations = drop_column_rows("disclosure", ["DisclosureCatalogPage"])
