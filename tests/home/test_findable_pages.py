"""Everything a citizen looks for is linked: a column lists its sub-columns and services (the mailbox, the
policy library …) besides its articles; the 突发事件 index is in the top menu; each site has a 网站地图."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from citizen_mailbox.models import MailboxPage
from citizen_mailbox.provisioning import MAILBOX_DESCRIPTION
from consultations.provisioning import COLUMNS as CONSULTATION_COLUMNS
from home.models import ColumnPage
from interviews.provisioning import INDEX_DESCRIPTION as INTERVIEWS_DESCRIPTION
from tests.factories import ArticlePageFactory
from tests.home.pages import breadcrumb, column, column_nav_links, fetch, texts


def entries(soup):
    return [
        (" ".join(item.a.get_text().split()), getattr(item.select_one("p"), "text", ""))
        for item in soup.select("nav.column-entries li")
    ]


def add_column(parent, title, slug, **fields):
    page = ColumnPage(title=title, slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_interaction_column_lists_the_mailbox_with_a_description(client, site_group):
    soup = fetch(client, "/hdjl/", host="county-a.localhost")
    consultations, surveys = ((title, description) for _model, title, _slug, description in CONSULTATION_COLUMNS)
    assert entries(soup) == [
        ("政民互动信箱", MAILBOX_DESCRIPTION),
        ("在线访谈", INTERVIEWS_DESCRIPTION),
        consultations,
        surveys,
    ]
    assert soup.select_one("nav.column-entries a")["href"] == "/hdjl/zmhdxx/"

    # Without a search description, the first words of its intro (rich text, as plain text).
    mailbox = MailboxPage.objects.descendant_of(site_group.county_a.home).get()
    mailbox.search_description = ""
    mailbox.intro = "<p>向县长写信，咨询、投诉、建议，<b>7个工作日</b>内答复。</p>"
    mailbox.save_revision().publish()
    listed = entries(fetch(client, "/hdjl/", host="county-a.localhost"))
    assert listed[0] == ("政民互动信箱", "向县长写信，咨询、投诉、建议，7个工作日内答复。")


def test_a_column_lists_every_kind_of_child_but_articles_and_hidden_ones(client, site_group):
    open_government = column(site_group.portal.home, "zwgk")
    add_column(open_government, "人事信息", "rsxx", search_description="任免、招录和人事规划。")
    ArticlePageFactory(parent=open_government, title="一篇文章")
    draft = ColumnPage(title="未发布栏目", slug="draft", live=False)
    open_government.add_child(instance=draft)
    restricted = add_column(open_government, "内部栏目", "nbl")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)

    listed = entries(fetch(client, "/zwgk/"))

    assert [title for title, _description in listed] == [
        "政策文件",
        "政策解读",
        "通知公告",
        "政府信息公开目录",
        "人事信息",
    ]
    assert ("人事信息", "任免、招录和人事规划。") in listed


def test_column_entries_cost_the_same_however_many(client, site_group):
    interaction = column(site_group.county_a.home, "hdjl")
    add_column(interaction, "在线调查", "zxdc")

    def count():
        client.get("/hdjl/", HTTP_HOST="county-a.localhost")
        with CaptureQueriesContext(connection) as queries:
            client.get("/hdjl/", HTTP_HOST="county-a.localhost")
        return len(queries)

    few = count()
    for n in range(4):
        add_column(interaction, f"征集{n}", f"zj{n}")
    assert count() == few


def test_the_emergency_index_is_in_the_top_menu(client, site_group):
    assert "/tfsj/" in column_nav_links(fetch(client, "/", host="county-b.localhost"))


SITE_MAP = [
    "政务公开",
    "政策文件",
    "政策解读",
    "通知公告",
    "政府信息公开目录",
    "政务动态",
    "互动交流",
    "政民互动信箱",
    "办事服务",
    "突发事件",
]


def site_map_titles(soup, selector="ul.site-map a"):
    """The titles in the map, of the provisioned columns and services (other apps add pages of their own)."""
    return [title for title in texts(soup.select(selector)) if title in SITE_MAP]


def test_each_site_has_a_site_map_of_its_columns_and_services(client, site_group):
    ArticlePageFactory(parent=column(site_group.county_a.home), title="不在地图里的文章")

    county = fetch(client, "/sitemap/", host="county-a.localhost")

    assert site_map_titles(county) == SITE_MAP
    top = ["政务公开", "政务动态", "互动交流", "办事服务", "突发事件"]
    assert site_map_titles(county, "ul.site-map > li > a") == top
    interaction = county.select_one('ul.site-map > li > a[href="/hdjl/"]').parent
    assert texts(interaction.select("ul.site-map__children a")) == ["政民互动信箱", "在线访谈", "意见征集", "网上调查"]
    assert breadcrumb(county) == ["首页", "网站地图"]
    # A sub-site without a hostname of its own has its map at its own address.
    department = fetch(client, "/jyj/sitemap/")
    assert site_map_titles(department) == SITE_MAP
    assert department.select_one("ul.site-map a")["href"] == "/jyj/zwgk/"


def test_the_site_map_costs_the_same_however_many_columns(client, site_group):
    def count():
        client.get("/sitemap/", HTTP_HOST="county-b.localhost")
        with CaptureQueriesContext(connection) as queries:
            client.get("/sitemap/", HTTP_HOST="county-b.localhost")
        return len(queries)

    few = count()
    news = column(site_group.county_b.home)
    for n in range(5):
        add_column(news, f"乡镇动态{n}", f"xz{n}")
    assert count() == few


@pytest.mark.parametrize("slug", ["hdjl", "bsfw"])
def test_provisioned_top_columns_are_in_the_menu(client, site_group, slug):
    assert Page.objects.child_of(site_group.county_a.home).get(slug=slug).show_in_menus
