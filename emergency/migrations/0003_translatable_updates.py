"""Emergency updates become translatable rows (their text and image description are translated with the page).

Existing rows take their page's locale and a translation key of their own before the columns become required.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def give_existing_updates_a_locale_and_key(apps, schema_editor):
    EmergencyUpdate = apps.get_model("emergency", "EmergencyUpdate")
    for pk, locale_id in EmergencyUpdate.objects.values_list("pk", "page__locale_id"):
        EmergencyUpdate.objects.filter(pk=pk).update(locale_id=locale_id, translation_key=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("emergency", "0002_index_in_top_menu"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="emergencyupdate",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="emergencyupdate",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_existing_updates_a_locale_and_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="emergencyupdate",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="emergencyupdate",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="emergencyupdate",
            unique_together={("translation_key", "locale")},
        ),
    ]
