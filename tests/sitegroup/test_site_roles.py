"""Each site's role groups are recorded (SiteRole): by provisioning, and by a migration for sites opened before."""

import importlib
from dataclasses import fields

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission

from sitegroup.models import SiteRole
from sitegroup.provisioning import provision_subsite
from tests.site_group import SiteGroup
from tests.sitegroup.utils import counts

pytestmark = pytest.mark.django_db

ROLE_CODES = {"信息员": "officer", "编辑": "editor", "审核": "reviewer", "签发": "approver", "管理员": "administrator"}


def sites(site_group):
    return [getattr(site_group, field.name) for field in fields(SiteGroup)]


def recorded(result):
    return {record.role: record.group for record in SiteRole.objects.filter(home=result.home)}


def expected(result):
    return {ROLE_CODES[suffix]: group for suffix, group in result.groups.items()}


def provision_county_a_again(site_group):
    return provision_subsite(parent=site_group.portal.home, name="甲县人民政府", slug="county-a", kind="county")


def test_provisioning_records_every_role_group_of_every_site(site_group):
    for result in sites(site_group):
        assert recorded(result) == expected(result)


def test_a_renamed_role_group_stays_the_sites_role_when_provisioned_again(site_group):
    administrators = site_group.county_a.groups["管理员"]
    administrators.name = "甲县网站值班组"
    administrators.save()
    before = counts()

    result = provision_county_a_again(site_group)

    assert counts() == before
    assert result.groups["管理员"] == administrators
    assert not Group.objects.filter(name="甲县人民政府管理员").exists()


def test_provisioning_records_the_groups_of_a_site_opened_before_roles_were_stored(site_group):
    SiteRole.objects.filter(home=site_group.county_a.home).delete()

    result = provision_county_a_again(site_group)

    assert not result.changed
    assert recorded(site_group.county_a) == expected(site_group.county_a)


def test_the_migration_records_the_existing_sites_roles_and_lets_their_administrators_force_publish(site_group):
    force_publish = Permission.objects.get(content_type__app_label="release", codename="force_publish")
    SiteRole.objects.all().delete()
    force_publish.group_set.clear()
    migration = importlib.import_module("sitegroup.migrations.0003_record_site_roles")

    migration.record_site_roles(apps, schema_editor=None)

    for result in sites(site_group):
        assert recorded(result) == expected(result)
    # The 管理员 groups of the sites, and not 平台管理员 nor any other group whose name ends the same.
    assert set(force_publish.group_set.all()) == {result.groups["管理员"] for result in sites(site_group)}
