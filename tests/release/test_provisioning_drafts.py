"""Provisioning a site again (to give a site opened earlier the parts added since) publishes no draft of its
staff: the home page's default blocks go live without a user, never the unreviewed changes of a draft."""

import pytest

from home.models import HomePage
from sitegroup.provisioning import provision_subsite

pytestmark = pytest.mark.django_db


def test_provisioning_again_does_not_publish_a_draft_of_the_home_page(site_group, county_a_staff):
    home = site_group.county_a.home
    home.body = []  # a site opened before home pages had blocks
    home.save_revision().publish()
    home.intro = "未经审核的简介"
    home.save_revision(user=county_a_staff.officer)

    provision_subsite(
        parent=site_group.portal.home,
        name="甲县人民政府",
        slug="county-a",
        kind="county",
        hostname="county-a.localhost",
    )

    home = HomePage.objects.get(pk=home.pk)
    assert home.intro != "未经审核的简介"
    assert home.get_latest_revision_as_object().intro == "未经审核的简介"
