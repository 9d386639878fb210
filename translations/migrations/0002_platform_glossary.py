"""The permission to keep the platform's glossary, and the platform's standard English terms (规范译名).

The terms are seeded here rather than by the demo: every installation's English versions need them, and
platform administrators extend the list in the admin (设置 → 规范译名).
"""

from django.db import migrations

PLATFORM_TERMS_EN = (
    ("国务院", "State Council", ""),
    ("国务院办公厅", "General Office of the State Council", ""),
    ("人民政府", "People's Government", "机关名称，如“××市人民政府”"),
    ("政府信息公开", "Government Information Disclosure", ""),
    ("主动公开", "Proactive Disclosure", ""),
    ("依申请公开", "Disclosure upon Application", ""),
    ("政府工作报告", "Government Work Report", ""),
    ("政策解读", "Policy Interpretation", ""),
    ("人民代表大会", "People's Congress", ""),
    ("政治协商会议", "Political Consultative Conference", ""),
    ("发展和改革委员会", "Development and Reform Commission", ""),
    ("市场监督管理局", "Administration for Market Regulation", ""),
    ("人力资源和社会保障局", "Human Resources and Social Security Bureau", ""),
    ("生态环境局", "Ecology and Environment Bureau", ""),
    ("营商环境", "business environment", ""),
)


def seed_platform_terms(apps, schema_editor):
    GlossaryTerm = apps.get_model("translations", "GlossaryTerm")
    for source, translation, note in PLATFORM_TERMS_EN:
        GlossaryTerm.objects.get_or_create(
            home=None, language_code="en", source=source, defaults={"translation": translation, "note": note}
        )


def remove_platform_terms(apps, schema_editor):
    GlossaryTerm = apps.get_model("translations", "GlossaryTerm")
    GlossaryTerm.objects.filter(
        home=None, language_code="en", source__in=[source for source, _translation, _note in PLATFORM_TERMS_EN]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="glossaryterm",
            options={
                "ordering": ["source"],
                "permissions": [("manage_platform_glossary", "维护全平台规范译名")],
                "verbose_name": "规范译名",
                "verbose_name_plural": "规范译名",
            },
        ),
        migrations.RunPython(seed_platform_terms, remove_platform_terms),
    ]
