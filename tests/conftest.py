"""Shared fixtures: a small site group provisioned the way production does it."""

from dataclasses import dataclass

import pytest
from wagtail.models import Page

from sitegroup.models import SiteIdentity
from sitegroup.provisioning import ProvisionResult, provision_subsite
from tests.factories import UserFactory, site_identity


@dataclass
class SiteGroup:
    portal: ProvisionResult
    county_a: ProvisionResult
    county_b: ProvisionResult
    department: ProvisionResult


@pytest.fixture
def site_group(db):
    """A city portal on `localhost`, two counties with hostnames and a department without one."""
    portal = provision_subsite(
        parent=Page.get_first_root_node(),
        name="示例市人民政府",
        slug="portal",
        kind="portal",
        hostname="localhost",
        identity=site_identity(1),
    )
    county_a = provision_subsite(
        parent=portal.home,
        name="甲县人民政府",
        slug="county-a",
        kind="county",
        hostname="county-a.localhost",
        identity=site_identity(2),
    )
    county_b = provision_subsite(
        parent=portal.home,
        name="乙县人民政府",
        slug="county-b",
        kind="county",
        hostname="county-b.localhost",
        identity=site_identity(3),
    )
    department = provision_subsite(parent=portal.home, name="示例市教育局", slug="jyj", kind="department")
    return SiteGroup(portal=portal, county_a=county_a, county_b=county_b, department=department)


@pytest.fixture
def make_user(db):
    """Create a user in the given role groups, e.g. make_user(site_group.county_a.groups["编辑"])."""

    def _make_user(*groups, **kwargs):
        return UserFactory(groups=list(groups), **kwargs)

    return _make_user


@pytest.fixture
def identities(site_group):
    """Different identity values for the portal and county A."""
    SiteIdentity.objects.filter(site=site_group.portal.site).update(
        identifier_code="1100000001",
        icp_number="京ICP备00000001号",
        police_record_number="京公网安备11010202000001号",
        sponsor="示例市人民政府办公室",
        organizer="示例市大数据中心",
        phone="010-12345678",
        address="示例市人民路1号",
        show_party_government_mark=True,
    )
    SiteIdentity.objects.filter(site=site_group.county_a.site).update(
        identifier_code="1100000002",
        icp_number="京ICP备00000002号",
        police_record_number="京公网安备11010202000002号",
        sponsor="甲县人民政府办公室",
        organizer="",
        phone="010-87654321",
        address="甲县中心路2号",
        show_party_government_mark=False,
    )
    return site_group


@dataclass
class Staff:
    officer: object
    reviewer: object
    approver: object
    administrator: object


@pytest.fixture
def county_a_staff(site_group, make_user):
    groups = site_group.county_a.groups
    return Staff(
        officer=make_user(groups["信息员"]),
        reviewer=make_user(groups["审核"]),
        approver=make_user(groups["签发"]),
        administrator=make_user(groups["管理员"]),
    )
