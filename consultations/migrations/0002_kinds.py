"""The legal minimum comment periods (docs/consultations.md): 规章 30 days; 规范性文件 7 working days, 30 days when
it closely affects businesses; 重大行政决策 30 days. The platform may add kinds or change them later."""

from django.db import migrations

KINDS = (
    ("规章", 30, False),
    ("规范性文件", 7, True),
    ("涉企规范性文件", 30, False),
    ("重大行政决策", 30, False),
    ("其他", 7, True),
)


def seed(apps, schema_editor):
    ConsultationKind = apps.get_model("consultations", "ConsultationKind")
    for order, (name, days, working_days) in enumerate(KINDS):
        ConsultationKind.objects.get_or_create(
            name=name, defaults={"minimum_days": days, "working_days": working_days, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
