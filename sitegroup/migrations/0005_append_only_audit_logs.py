"""Wagtail's log tables append-only on PostgreSQL (sitegroup.retention explains the exceptions).

The SQL is frozen here, as migrations are; the floor of 183 days is sitegroup.retention.MINIMUM_RETENTION_DAYS
when this was written. SQLite has no trigger: nothing is done there.
"""

from django.db import migrations

TABLES = ("wagtailcore_pagelogentry", "wagtailcore_modellogentry")

CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION govcms_audit_log_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        -- The retention job (purge_audit_log), and only for entries past the minimum retention.
        IF current_setting('govcms.retention', true) = 'on' AND OLD.timestamp < now() - interval '183 days' THEN
            RETURN OLD;
        END IF;
    ELSE
        -- Django's SET_NULL when a content type is removed: the entry stays, without its type.
        IF NEW.content_type_id IS NULL
           AND to_jsonb(NEW) - 'content_type_id' = to_jsonb(OLD) - 'content_type_id' THEN
            RETURN NEW;
        END IF;
        -- release: a deleted page's last tree path added, once, to Wagtail's delete entry.
        IF TG_TABLE_NAME = 'wagtailcore_pagelogentry'
           AND OLD.action = 'wagtail.delete'
           AND NOT (OLD.data ? 'path')
           AND jsonb_typeof(NEW.data -> 'path') = 'string'
           AND NEW.data - 'path' = OLD.data
           AND to_jsonb(NEW) - 'data' = to_jsonb(OLD) - 'data' THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'audit log % is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION, params=None)  # no placeholders: "%" is the message format
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER govcms_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION govcms_audit_log_append_only()"
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS govcms_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS govcms_audit_log_append_only()")


class Migration(migrations.Migration):
    dependencies = [
        ("sitegroup", "0004_three_platform_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
