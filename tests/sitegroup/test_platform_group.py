from django.contrib.auth.models import Group

from sitegroup.platform import PLATFORM_ADMIN_GROUP, PLATFORM_PERMISSIONS, ensure_platform_admin_group


def test_a_fresh_installation_has_the_platform_administrators_group(db):
    group = Group.objects.get(name=PLATFORM_ADMIN_GROUP)
    granted = {(perm.content_type.app_label, perm.codename) for perm in group.permissions.all()}
    assert granted == set(PLATFORM_PERMISSIONS)


def test_ensuring_the_group_again_restores_a_removed_permission_and_adds_nothing_else(db):
    group = Group.objects.get(name=PLATFORM_ADMIN_GROUP)
    group.permissions.remove(group.permissions.get(codename="provision_subsite"))
    ensure_platform_admin_group()
    assert group.permissions.filter(codename="provision_subsite").exists()
    assert group.permissions.count() == len(PLATFORM_PERMISSIONS)
    assert Group.objects.filter(name=PLATFORM_ADMIN_GROUP).count() == 1
