"""The 突发事件 index was opened out of the top menu, so no page linked to it: show it there on existing sites,
in the live page and in its latest revision (which the editor opens and would publish back)."""

from django.db import migrations


def show_in_menus(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    index_ids = list(apps.get_model("emergency", "EmergencyIndexPage").objects.values_list("pk", flat=True))
    pages = Page.objects.filter(pk__in=index_ids, show_in_menus=False)
    revision_ids = list(pages.exclude(latest_revision=None).values_list("latest_revision_id", flat=True))
    pages.update(show_in_menus=True)
    for revision in Revision.objects.filter(pk__in=revision_ids):
        revision.content["show_in_menus"] = True
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("emergency", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(show_in_menus, migrations.RunPython.noop)]
