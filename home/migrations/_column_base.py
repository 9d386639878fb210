"""Migration operations that move an index page off the concrete ColumnPage onto AbstractColumnPage.

Until then PolicyIndexPage, InterpretationIndexPage and DisclosureCatalogPage were multi-table
children of home.ColumnPage: a page's column fields lived in home_columnpage and its own table was
keyed by columnpage_ptr. Now they extend home.models.AbstractColumnPage, so each keeps the column
fields in its own table, keyed by page_ptr like any page. The migrations of policy and disclosure
call these two functions, one per step and migration:

1. `own_column_fields(...)` (schema and data): refuse if any row of another table still points at
   the index pages' home_columnpage rows (a 报送 to a policy library, say: it would be lost); turn
   the model, in the migration state only, into a plain model keyed by its columnpage_ptr column;
   add family, update_category and intro to its table and copy them from home_columnpage; point
   the key at wagtailcore_page instead (same ids: a page's columnpage_ptr is its page id) and
   rename it page_ptr; the state then describes the model as the page class it now is.
2. `drop_column_rows(...)` (data): delete the index pages' home_columnpage rows. A migration of its
   own so that, migrating back, the rows are restored and committed before the key points at them
   again (PostgreSQL refuses to alter a table with pending deferred checks in the same transaction).

Nothing else changes: pages, their ids, content types, revisions (whose JSON never held the
pointer fields; their stale aggregate_subsites/accepts_submissions keys are ignored on loading)
and URLs stay. aggregate_subsites and accepts_submissions, which these pages never used, are gone;
migrating back restores them unticked.

Frozen with those migrations: change nothing here that would change what they do.
"""

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

COLUMN_FIELDS = ("family", "update_category", "intro")


def column_fields():
    """The fields of AbstractColumnPage, as home/migrations/0001_initial.py defines them on ColumnPage."""
    return [
        (
            "family",
            models.CharField(
                choices=[
                    ("publish", "信息发布"),
                    ("interpret", "解读回应"),
                    ("service", "办事服务"),
                    ("interact", "互动交流"),
                ],
                default="publish",
                max_length=20,
                verbose_name="栏目类别",
            ),
        ),
        (
            "update_category",
            models.CharField(
                choices=[
                    ("news", "动态要闻"),
                    ("notice", "通知公告"),
                    ("policy", "政策文件"),
                    ("personnel", "人事规划"),
                    ("other", "其他"),
                ],
                default="other",
                help_text="用于栏目更新监测：动态要闻两周、通知公告和政策文件六个月内须有更新。",
                max_length=20,
                verbose_name="更新类别",
            ),
        ),
        ("intro", wagtail.fields.RichTextField(blank=True, verbose_name="栏目说明")),
    ]


def _key(target, **flags):
    return models.OneToOneField(
        on_delete=django.db.models.deletion.CASCADE, primary_key=True, serialize=False, to=target, **flags
    )


def _replace_in_state(name, fields, options, bases):
    """State-only: the model `name` becomes the one described (the table is left as it is)."""
    return migrations.SeparateDatabaseAndState(
        state_operations=[
            migrations.DeleteModel(name=name),
            migrations.CreateModel(name=name, fields=fields, options=options, bases=bases),
        ]
    )


def _refuse_if_referenced(app_label, model_names):
    def check(apps, schema_editor):
        column_page = apps.get_model("home", "ColumnPage")
        for model_name in model_names:
            ids = apps.get_model(app_label, model_name).objects.values("pk")
            for relation in column_page._meta.related_objects:
                if relation.parent_link:
                    continue
                field = relation.field
                count = field.model._base_manager.filter(**{f"{field.name}__in": ids}).count()
                if count:
                    raise RuntimeError(
                        f"{count} {field.model._meta.label} row(s) point at {app_label}.{model_name} pages through "
                        f"{field.name} (a home.ColumnPage key those pages lose). Point them at a plain column "
                        f"or delete them, then migrate again."
                    )

    return migrations.RunPython(check, migrations.RunPython.noop)


def _copy_column_fields(app_label, model_name):
    def copy(apps, schema_editor):
        column = apps.get_model("home", "ColumnPage").objects.filter(pk=OuterRef("columnpage_ptr"))
        apps.get_model(app_label, model_name).objects.update(
            **{name: Subquery(column.values(name)[:1]) for name in COLUMN_FIELDS}
        )

    # Backwards, drop_column_rows has restored the home_columnpage rows from this table already.
    return migrations.RunPython(copy, migrations.RunPython.noop)


def own_column_fields(app_label, models_to_move):
    """Operations for step 1. `models_to_move`: (model name, own fields, options, bases of the page class)."""
    operations = [_refuse_if_referenced(app_label, [name for name, *_ in models_to_move])]
    for name, own_fields, options, bases in models_to_move:
        lower = name.lower()
        operations += [
            _replace_in_state(
                name, [("columnpage_ptr", _key("home.columnpage")), *own_fields], options, (models.Model,)
            ),
            *(
                migrations.AddField(model_name=lower, name=field_name, field=field)
                for field_name, field in column_fields()
            ),
            _copy_column_fields(app_label, name),
            migrations.AlterField(model_name=lower, name="columnpage_ptr", field=_key(settings.WAGTAIL_PAGE_MODEL)),
            migrations.RenameField(model_name=lower, old_name="columnpage_ptr", new_name="page_ptr"),
            _replace_in_state(
                name,
                [
                    ("page_ptr", _key(settings.WAGTAIL_PAGE_MODEL, auto_created=True, parent_link=True)),
                    *column_fields(),
                    *own_fields,
                ],
                options,
                bases,
            ),
        ]
    return operations


def drop_column_rows(app_label, model_names):
    """Operations for step 2: delete (backwards: restore, unticked) the pages' home_columnpage rows."""

    def tables(apps, schema_editor, model_name):
        quote = schema_editor.quote_name
        column_table = quote(apps.get_model("home", "ColumnPage")._meta.db_table)
        return column_table, quote(apps.get_model(app_label, model_name)._meta.db_table), quote

    def drop(apps, schema_editor):
        for model_name in model_names:
            column_table, own_table, quote = tables(apps, schema_editor, model_name)
            # Raw SQL: the ORM would delete the pages too (a multi-table child takes its parents along).
            # The names are the models' own, quoted.
            schema_editor.execute(
                f"DELETE FROM {column_table} WHERE {quote('page_ptr_id')} IN "  # noqa: S608  # nosec B608
                f"(SELECT {quote('page_ptr_id')} FROM {own_table})"
            )

    def restore(apps, schema_editor):
        for model_name in model_names:
            column_table, own_table, quote = tables(apps, schema_editor, model_name)
            columns = ", ".join(quote(name) for name in ("page_ptr_id", *COLUMN_FIELDS))
            schema_editor.execute(
                f"INSERT INTO {column_table} ({columns}, {quote('aggregate_subsites')}, "  # noqa: S608  # nosec B608
                f"{quote('accepts_submissions')}) SELECT {columns}, %s, %s FROM {own_table}",
                (False, False),
            )

    return [migrations.RunPython(drop, restore)]
