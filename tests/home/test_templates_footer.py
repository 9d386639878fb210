"""The footer: the serving site's identity (备案, 主办/承办, 标识码) and the 站群导航."""

import pytest
from wagtail.models import PageViewRestriction

from tests.home.pages import fetch, footer_identity, site_group_nav_links

pytestmark = pytest.mark.django_db


def test_footer_shows_the_identity_of_the_site_serving_the_request(client, identities):
    assert footer_identity(fetch(client, "/")) == {
        "主办单位": "示例市人民政府办公室",
        "承办单位": "示例市大数据中心",
        "联系电话": "010-12345678",
        "联系地址": "示例市人民路1号",
        "网站标识码": "1100000001",
        "ICP备案号": "京ICP备00000001号",
        "公安机关备案号": "京公网安备11010202000001号",
    }
    assert footer_identity(fetch(client, "/", host="county-a.localhost")) == {
        "主办单位": "甲县人民政府办公室",
        "联系电话": "010-87654321",
        "联系地址": "甲县中心路2号",
        "网站标识码": "1100000002",
        "ICP备案号": "京ICP备00000002号",
        "公安机关备案号": "京公网安备11010202000002号",
    }


def test_department_pages_show_the_portals_identity_as_the_portal_serves_them(client, identities):
    identity = footer_identity(fetch(client, "/jyj/zwdt/"))

    assert identity["网站标识码"] == "1100000001"
    assert "甲县人民政府办公室" not in identity.values()


def test_filing_numbers_link_to_the_filing_registries(client, identities):
    footer = fetch(client, "/", host="county-a.localhost").select_one("footer .site-identity")

    icp = footer.find("a", string="京ICP备00000002号")
    police = footer.find("a", string="京公网安备11010202000002号")
    assert icp["href"] == "https://beian.miit.gov.cn/"
    assert police["href"] == "https://beian.mps.gov.cn/#/query/webSearch?code=11010202000002"
    assert footer.find("a", string="010-87654321")["href"] == "tel:010-87654321"


def test_party_government_mark_follows_the_sites_setting(client, identities):
    portal_mark = fetch(client, "/").select("footer img.party-government-mark")
    county_mark = fetch(client, "/", host="county-a.localhost").select("footer img.party-government-mark")

    assert [img["alt"] for img in portal_mark] == ["党政机关网站标识"]
    assert county_mark == []


def test_site_group_navigation_lists_the_portal_and_every_live_sub_site(client, site_group):
    links = {
        "示例市人民政府": "http://localhost/",
        "甲县人民政府": "http://county-a.localhost/",
        "乙县人民政府": "http://county-b.localhost/",
        "示例市教育局": "http://localhost/jyj/",
    }

    assert site_group_nav_links(fetch(client, "/")) == links
    assert site_group_nav_links(fetch(client, "/", host="county-b.localhost")) == links
    groups = fetch(client, "/").select("nav.site-group-nav h3")
    assert [group.get_text() for group in groups] == ["门户网站", "区县", "部门"]


def test_site_group_navigation_leaves_out_draft_and_private_sub_sites(client, site_group):
    site_group.county_b.home.unpublish()
    PageViewRestriction.objects.create(page=site_group.department.home, restriction_type=PageViewRestriction.LOGIN)

    assert list(site_group_nav_links(fetch(client, "/"))) == ["示例市人民政府", "甲县人民政府"]
