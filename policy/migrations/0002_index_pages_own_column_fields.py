# The policy library and the interpretation column extend home.models.AbstractColumnPage instead of
# the concrete ColumnPage: their column fields move into their own tables, keyed by page_ptr.
# See home/migrations/_column_base.py; 0003 then deletes their home_columnpage rows.

import wagtail.contrib.routable_page.models
from django.conf import settings
from django.db import migrations, models

from home.migrations._column_base import own_column_fields


class Migration(migrations.Migration):
    dependencies = [
        ("policy", "0001_initial"),
        ("home", "0004_columnpage_accepts_submissions"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = own_column_fields(
        "policy",
        [
            (
                "PolicyIndexPage",
                [
                    (
                        "include_subsites",
                        models.BooleanField(
                            default=False,
                            help_text="勾选后同时列出本站所有下级站点已发布的政策文件（如门户网站的政策文件库）。",
                            verbose_name="包含下级站点的文件",
                        ),
                    ),
                ],
                {"verbose_name": "政策文件库", "verbose_name_plural": "政策文件库"},
                (wagtail.contrib.routable_page.models.RoutablePageMixin, "wagtailcore.page"),
            ),
            (
                "InterpretationIndexPage",
                [],
                {"verbose_name": "政策解读栏目", "verbose_name_plural": "政策解读栏目"},
                ("wagtailcore.page",),
            ),
        ],
    )
