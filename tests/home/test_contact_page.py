"""The 联系我们 footer page (home.StandardPage with footer_link 'contact') lists the site's own contacts."""

import pytest

from sitegroup.models import SiteIdentity
from tests.home.pages import fetch

pytestmark = pytest.mark.django_db


def test_the_contact_page_lists_the_sites_phone_and_address(client, site_group):
    SiteIdentity.objects.filter(site=site_group.county_a.site).update(
        phone="0000-82345678", address="示例市青山区青山大道88号"
    )

    article = fetch(client, "/lxwm/", host="county-a.localhost").select_one("main article")

    contacts = {dt.get_text(): dt.find_next_sibling("dd") for dt in article.select(".contact-list dt")}
    assert contacts["联系电话"].a["href"] == "tel:0000-82345678"
    assert contacts["联系地址"].get_text() == "示例市青山区青山大道88号"
    assert contacts["主办单位"].get_text() == "示例市人民政府办公室"
    # The default text no longer sends the citizen to the footer for what the page itself now shows.
    assert "页面的底部" not in article.get_text()


def test_other_plain_pages_do_not_list_the_contacts(client, site_group):
    assert fetch(client, "/wzsm/", host="county-a.localhost").select_one(".contact-list") is None
