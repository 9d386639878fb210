"""The site group the test suite shares: a portal, two counties and a department, provisioned like production.

tests/conftest.py provisions it once per test process, into the test database, before the first test;
the `site_group` fixture hands each test its own copy of the objects, read again from the database.
"""

from dataclasses import dataclass, fields

from django.conf import settings
from django.contrib.auth.models import Group
from django.test import override_settings
from wagtail.models import Collection, Page, Site, Workflow

from home.models import HomePage
from release.models import ReviewTask
from sitegroup.provisioning import ROLES, ProvisionResult, provision_subsite, role_group_name
from tests.factories import site_identity


@dataclass
class SiteGroup:
    portal: ProvisionResult
    county_a: ProvisionResult
    county_b: ProvisionResult
    department: ProvisionResult


# (attribute, name, slug, kind, hostname): the portal on `localhost`, two counties with hostnames of their
# own below it, and a department without one (served under the portal's hostname).
SITES = (
    ("portal", "示例市人民政府", "portal", "portal", "localhost"),
    ("county_a", "甲县人民政府", "county-a", "county", "county-a.localhost"),
    ("county_b", "乙县人民政府", "county-b", "county", "county-b.localhost"),
    ("department", "示例市教育局", "jyj", "department", ""),
)


def provision_site_group():
    results = {}
    for number, (attribute, name, slug, kind, hostname) in enumerate(SITES, start=1):
        parent = results["portal"].home if results else Page.get_first_root_node()
        # With a complete identity: a site without one answers "网站建设中" to the public (sitegroup.holding).
        identity = site_identity(number) if hostname else None
        results[attribute] = provision_subsite(
            parent=parent, name=name, slug=slug, kind=kind, hostname=hostname, identity=identity
        )
    return SiteGroup(**results)


def reloaded(site_group):
    """A copy of `site_group` with every object read again (four queries), so no change made in memory,
    such as a title set on a home page and never saved, reaches the next test."""
    results = _results(site_group)
    homes = HomePage.objects.in_bulk([result.home.pk for result in results])
    sites = Site.objects.in_bulk([result.site.pk for result in results if result.site])
    collections = Collection.objects.in_bulk([result.collection.pk for result in results])
    groups = Group.objects.in_bulk([group.pk for result in results for group in result.groups.values()])
    return SiteGroup(
        *(
            ProvisionResult(
                home=homes[result.home.pk],
                site=sites[result.site.pk] if result.site else None,
                collection=collections[result.collection.pk],
                groups={role: groups[group.pk] for role, group in result.groups.items()},
                created=list(result.created),
            )
            for result in results
        )
    )


def remove_site_group():
    """Delete the site group in the caller's transaction, for tests of a site tree of their own (the demo).

    Its pages, Sites, collections, role groups and workflows go; what the migrations made stays.
    """
    names = [name for _attribute, name, *_rest in SITES]
    portal = HomePage.objects.get(depth=2, slug=SITES[0][2])
    workflows = list(
        Workflow.objects.filter(workflow_pages__page__path__startswith=portal.path).values_list("pk", flat=True)
    )
    ReviewTask.objects.filter(workflow_tasks__workflow__in=workflows).delete()
    Workflow.objects.filter(pk__in=workflows).delete()
    portal.delete()
    Group.objects.filter(name__in=[role_group_name(name, role) for name in names for role in ROLES]).delete()
    Collection.objects.filter(depth=2, name__in=names).delete()


def search_indexing():
    """Settings under which both search indexes follow page changes, as in production (a context manager)."""
    backends = {name: {**backend, "AUTO_UPDATE": True} for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()}
    return override_settings(SEARCH_AUTO_UPDATE=True, WAGTAILSEARCH_BACKENDS=backends)


def _results(site_group):
    return [getattr(site_group, field.name) for field in fields(SiteGroup)]
