"""The three platform groups (sitegroup.platform): present on a fresh installation, each holding exactly its rights."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from sitegroup.platform import (
    PLATFORM_ROLES,
    SYSTEM_ADMIN_GROUP,
    ensure_platform_groups,
    ensure_platform_groups_after_migrate,
)
from tests.factories import UserFactory


def held(group):
    return {(perm.content_type.app_label, perm.codename) for perm in group.permissions.all()}


@pytest.mark.parametrize("role", PLATFORM_ROLES, ids=lambda role: role.group_name)
def test_a_fresh_installation_has_each_platform_group_with_exactly_its_rights(db, role):
    assert held(Group.objects.get(name=role.group_name)) == set(role.permissions)


def test_ensuring_the_groups_again_restores_a_removed_right_and_takes_away_an_added_one(db):
    group = Group.objects.get(name=SYSTEM_ADMIN_GROUP)
    group.permissions.remove(group.permissions.get(codename="provision_subsite"))
    group.permissions.add(*Permission.objects.filter(codename__in=["add_user", "change_workflow", "change_page"]))

    ensure_platform_groups()

    assert held(group) == set(PLATFORM_ROLES[0].permissions)
    assert Group.objects.filter(name=SYSTEM_ADMIN_GROUP).count() == 1


def test_after_migrate_the_groups_are_ensured(db):
    Group.objects.filter(name__in=[role.group_name for role in PLATFORM_ROLES]).delete()
    ensure_platform_groups_after_migrate()
    for role in PLATFORM_ROLES:
        assert held(Group.objects.get(name=role.group_name)) == set(role.permissions)


def test_a_system_administrator_changes_no_review_step_of_a_site(client, site_group):
    """With the workflow rights, a platform administrator made their own group a county's 初审 reviewer."""
    system_admin = UserFactory(groups=[Group.objects.get(name=SYSTEM_ADMIN_GROUP)])
    workflow = site_group.county_a.home.get_workflow()
    review = workflow.tasks.get(name="甲县人民政府部门初审").specific
    reviewers = set(review.groups.all())
    client.force_login(system_admin)

    task_edit = client.post(
        reverse("wagtailadmin_workflows:edit_task", args=[review.pk]),
        {"name": review.name, "groups": [group.pk for group in Group.objects.all()]},
    )
    workflow_edit = client.get(reverse("wagtailadmin_workflows:edit", args=[workflow.pk]))

    assert task_edit.status_code in (302, 403) and workflow_edit.status_code in (302, 403)
    assert task_edit.status_code == 403 or task_edit.url.startswith(reverse("wagtailadmin_home"))
    assert set(review.groups.all()) == reviewers
