from django.contrib.auth.models import Group
from django.urls import reverse

from sitegroup.platform import (
    PLATFORM_ADMIN_GROUP,
    PLATFORM_PERMISSIONS,
    WITHDRAWN_PERMISSIONS,
    ensure_platform_admin_group,
    permissions_named,
)
from tests.factories import UserFactory


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


def test_an_earlier_installations_group_loses_the_workflow_rights(db):
    group = Group.objects.get(name=PLATFORM_ADMIN_GROUP)
    group.permissions.add(*permissions_named(WITHDRAWN_PERMISSIONS))
    ensure_platform_admin_group()
    assert not group.permissions.filter(codename__in=[code for _app, code in WITHDRAWN_PERMISSIONS]).exists()


def test_a_platform_administrator_changes_no_review_step_of_a_site(client, site_group):
    """With the workflow rights, a platform administrator made their own group a county's 初审 reviewer."""
    platform_admin = UserFactory(groups=[Group.objects.get(name=PLATFORM_ADMIN_GROUP)])
    workflow = site_group.county_a.home.get_workflow()
    review = workflow.tasks.get(name="甲县人民政府部门初审").specific
    reviewers = set(review.groups.all())
    client.force_login(platform_admin)

    task_edit = client.post(
        reverse("wagtailadmin_workflows:edit_task", args=[review.pk]),
        {"name": review.name, "groups": [group.pk for group in Group.objects.all()]},
    )
    workflow_edit = client.get(reverse("wagtailadmin_workflows:edit", args=[workflow.pk]))

    assert task_edit.status_code in (302, 403) and workflow_edit.status_code in (302, 403)
    assert task_edit.status_code == 403 or task_edit.url.startswith(reverse("wagtailadmin_home"))
    assert set(review.groups.all()) == reviewers
