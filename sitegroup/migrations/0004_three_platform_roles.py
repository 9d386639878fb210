"""Three platform groups instead of one (三权分立): the 平台管理员 group becomes the 系统管理员.

Its members keep opening sites and keeping the platform's settings; with the next `post_migrate`
(sitegroup.platform.ensure_platform_groups) the group loses user management, which passes to the new
安全管理员 group, and the new 审计管理员 group is created. A superuser then puts the security and audit
administrators in their groups (docs/administrators.md "Platform roles").
"""

from django.db import migrations

OLD_NAME = "平台管理员"
NEW_NAME = "系统管理员"


def rename_platform_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    if not Group.objects.filter(name=NEW_NAME).exists():
        Group.objects.filter(name=OLD_NAME).update(name=NEW_NAME)


def restore_platform_group_name(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    if not Group.objects.filter(name=OLD_NAME).exists():
        Group.objects.filter(name=NEW_NAME).update(name=OLD_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("sitegroup", "0003_record_site_roles"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="siteidentity",
            options={
                "permissions": [
                    ("provision_subsite", "可以开设下级站点"),
                    ("view_all_sites", "查看全平台记录"),
                    ("staff_sites", "可以为各站点配备人员"),
                ],
                "verbose_name": "网站标识",
            },
        ),
        migrations.RunPython(rename_platform_group, restore_platform_group_name),
    ]
