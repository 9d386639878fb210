"""Record the role groups of the sites provisioned before roles were stored, and let their 管理员 force publication.

Until now a site's 管理员 was recognised by the group's name; from here on by its SiteRole record and the
release.force_publish permission of its group. This is the one place names are read, once: a group is recorded
as a site's role when it has the name provisioning gave it (<站点名称><角色>, the site's name being its home
page's title) and holds a page permission on that home, as provisioning granted.
"""

from django.db import migrations

# The role suffixes of sitegroup.provisioning.ROLES when this migration was written (frozen, as migrations are).
ROLE_SUFFIXES = {
    "officer": "信息员",
    "editor": "编辑",
    "reviewer": "审核",
    "approver": "签发",
    "administrator": "管理员",
}


def record_site_roles(apps, schema_editor):
    HomePage = apps.get_model("home", "HomePage")
    Group = apps.get_model("auth", "Group")
    SiteRole = apps.get_model("sitegroup", "SiteRole")
    recorded_groups = set(SiteRole.objects.values_list("group_id", flat=True))
    recorded_roles = set(SiteRole.objects.values_list("home_id", "role"))
    for home_pk, title in HomePage.objects.values_list("pk", "title"):
        roles_by_name = {f"{title}{suffix}": role for role, suffix in ROLE_SUFFIXES.items()}
        groups = Group.objects.filter(name__in=roles_by_name, page_permissions__page_id=home_pk).distinct()
        for group in groups:
            role = roles_by_name[group.name]
            if group.pk in recorded_groups or (home_pk, role) in recorded_roles:
                continue
            SiteRole.objects.create(home_id=home_pk, role=role, group_id=group.pk)
            recorded_groups.add(group.pk)
            recorded_roles.add((home_pk, role))
    _grant_force_publish(apps, Group.objects.filter(site_role__role="administrator"))


def _grant_force_publish(apps, groups):
    """What the name granted before, now a permission: created here, as Django creates permissions only after
    the last migration."""
    if not groups.exists():
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label="release", model="unreviewedpublication")
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename="force_publish", defaults={"name": "可以强制发布"}
    )
    for group in groups:
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("release", "0003_force_publish_permission"),
        ("sitegroup", "0002_siterole"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(record_site_roles, migrations.RunPython.noop)]
