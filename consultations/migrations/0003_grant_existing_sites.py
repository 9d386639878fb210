"""Sites opened before consultations existed: their 管理员 and 编辑 get the rights new sites get when provisioned."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "administrator": ("moderate_comment", "export_surveyresponse"),
    "editor": ("moderate_comment", "export_surveyresponse"),
}


def grant(apps, schema_editor):
    # Permissions are created after all migrations; create this app's now so they can be granted.
    # (A migration's app config has no models module; create_permissions only checks that it has one.)
    app_config = apps.get_app_config("consultations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    SiteRole = apps.get_model("sitegroup", "SiteRole")
    for record in SiteRole.objects.filter(role__in=ROLE_PERMISSIONS):
        permissions = Permission.objects.filter(
            content_type__app_label="consultations", codename__in=ROLE_PERMISSIONS[record.role]
        )
        record.group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0002_kinds"),
        ("sitegroup", "0008_english_identity_names"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
