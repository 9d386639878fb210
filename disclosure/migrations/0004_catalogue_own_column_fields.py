# The disclosure catalogue extends home.models.AbstractColumnPage instead of the concrete ColumnPage:
# its column fields move into its own table, keyed by page_ptr.
# See home/migrations/_column_base.py; 0005 then deletes its home_columnpage rows.

from django.conf import settings
from django.db import migrations

from home.migrations._column_base import own_column_fields


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0003_disclosurecatalogpage"),
        ("home", "0004_columnpage_accepts_submissions"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = own_column_fields(
        "disclosure",
        [
            (
                "DisclosureCatalogPage",
                [],
                {"verbose_name": "政府信息公开目录", "verbose_name_plural": "政府信息公开目录"},
                ("wagtailcore.page",),
            ),
        ],
    )
