"""A policy library listing its sub-sites' policies (include_subsites) leaves out those of a site not yet public,
on its page and in its RSS, as the aggregating columns and search do (govcms.core.visibility)."""

import pytest

from sitegroup.models import SiteIdentity
from tests.policy.utils import add_policy, library_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("route", ["", "rss/"])
def test_the_portals_library_leaves_a_held_countys_policies_out(client, site_group, route):
    library = library_of(site_group.portal)
    library.include_subsites = True
    library.save_revision().publish()
    add_policy(library_of(site_group.county_a), "甲县已开站政策", slug="open")
    add_policy(library_of(site_group.county_b), "乙县开站前政策", slug="held")
    SiteIdentity.objects.filter(site=site_group.county_b.site).update(icp_number="")

    content = client.get(library.url + route, HTTP_HOST="localhost").content.decode()

    assert "甲县已开站政策" in content
    assert "乙县开站前政策" not in content
