"""Government-site conventions: the footer's standard links, /robots.txt, /favicon.ico, share metadata in the
head, RSS for columns and the type and size of attachments. /sitemap.xml: tests/home/test_sitemap.py."""

from xml.etree import ElementTree

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction
from wagtail_factories import ImageFactory

from home.models import ArticleAttachment, ArticlePage, FooterLink, StandardPage
from home.templatetags.convention_tags import file_meta
from sitegroup.models import NATIONAL_ERROR_REPORT_URL, SiteIdentity
from sitegroup.provisioning import provision_subsite
from tests.factories import ArticlePageFactory
from tests.home.pages import add_articles, column, fetch

pytestmark = pytest.mark.django_db


def footer_links(soup):
    return {link.get_text(): link["href"] for link in soup.select("nav.footer-links a")}


# Footer links and pages


def test_every_site_links_its_own_footer_pages_and_its_error_report_form(client, site_group):
    # 我为政府网站找错: each site's own form (monitoring.public_views), with the page being read prefilled; the
    # national platform is named on that form, not in the footer (nothing of it fetched on every page).
    assert "zfwzzc.www.gov.cn" not in client.get("/").content.decode()
    portal = footer_links(fetch(client, "/"))
    county = footer_links(fetch(client, "/zwgk/", host="county-a.localhost"))
    department = footer_links(fetch(client, "/jyj/"))

    assert portal == {
        "网站地图": "/sitemap/",
        "联系我们": "/lxwm/",
        "网站声明": "/wzsm/",
        "隐私政策": "/yszc/",
        "我为政府网站找错": f"/zhaocuo/{site_group.portal.home.pk}/?url=%2F",
    }
    assert county["联系我们"] == "/lxwm/"
    assert county["我为政府网站找错"] == f"/zhaocuo/{site_group.county_a.home.pk}/?url=%2Fzwgk%2F"
    # A department without a hostname has pages of its own, under its parent's hostname.
    assert department["网站地图"] == "/jyj/sitemap/"
    assert department["隐私政策"] == "/jyj/yszc/"
    assert department["我为政府网站找错"] == f"/zhaocuo/{site_group.department.home.pk}/?url=%2Fjyj%2F"
    # The form names the national platform as the other place to report: a plain link, once.
    form = client.get(portal["我为政府网站找错"]).content.decode()
    assert form.count("zfwzzc.www.gov.cn") == 1
    assert f'href="{NATIONAL_ERROR_REPORT_URL}"' in form


def test_footer_pages_are_live_out_of_the_menu_with_default_text(client, site_group):
    soup = fetch(client, "/wzsm/", host="county-a.localhost")

    assert soup.h1.get_text() == "网站声明"
    assert "版权归本网站主办单位所有" in soup.select_one(".article-body").get_text()
    assert "/wzsm/" not in [link["href"] for link in soup.select("nav.column-nav a")]


def test_the_footer_follows_the_page_an_editor_chooses_and_leaves_out_a_withdrawn_one(client, site_group):
    home = site_group.county_a.home
    StandardPage.objects.child_of(home).get(footer_link=FooterLink.PRIVACY).unpublish()
    statement = StandardPage(title="本站声明", slug="bzsm", body=[], footer_link="")
    home.add_child(instance=statement)
    StandardPage.objects.child_of(home).filter(footer_link=FooterLink.STATEMENT).update(footer_link="")
    statement.footer_link = FooterLink.STATEMENT
    statement.save_revision().publish()

    links = footer_links(fetch(client, "/", host="county-a.localhost"))

    assert links["网站声明"] == "/bzsm/"
    assert "隐私政策" not in links


def test_provisioning_again_restores_a_deleted_footer_page_and_nothing_else(site_group):
    home = site_group.county_a.home
    StandardPage.objects.child_of(home).get(footer_link=FooterLink.CONTACT).delete()

    county_a = {"name": "甲县人民政府", "slug": "county-a", "kind": "county", "hostname": "county-a.localhost"}
    result = provision_subsite(parent=site_group.portal.home, **county_a)
    again = provision_subsite(parent=site_group.portal.home, **county_a)

    assert result.created == ["页脚页面“联系我们”"]
    assert not again.created
    assert StandardPage.objects.child_of(home).live().get(footer_link=FooterLink.CONTACT).slug == "lxwm"


def test_the_error_report_link_and_the_mark_link_come_from_the_identity(client, site_group):
    SiteIdentity.objects.filter(site=site_group.county_a.site).update(
        error_report_url="https://county-a.example.gov.cn/zc/",
        party_government_mark_url="https://bszs.conac.cn/sitename?method=show&id=1",
        show_party_government_mark=True,
    )

    county = fetch(client, "/", host="county-a.localhost")
    portal = fetch(client, "/")

    # The identity's 找错 address is the other place the site's own form names (the footer links the form).
    assert footer_links(county)["我为政府网站找错"].startswith(f"/zhaocuo/{site_group.county_a.home.pk}/")
    form = fetch(client, footer_links(county)["我为政府网站找错"], host="county-a.localhost")
    assert "https://county-a.example.gov.cn/zc/" in [link["href"] for link in form.select("main a")]
    assert "javascript:" not in str(form)
    assert county.select_one("img.party-government-mark").parent["href"] == (
        "https://bszs.conac.cn/sitename?method=show&id=1"
    )
    assert portal.select_one("img.party-government-mark").parent.name != "a"


def test_identity_links_must_be_https(site_group):
    identity = SiteIdentity.for_site(site_group.county_a.site)
    identity.party_government_mark_url = "http://bszs.conac.cn/"
    identity.error_report_url = "javascript:alert(1)"

    with pytest.raises(ValidationError) as error:
        identity.full_clean()

    assert set(error.value.message_dict) == {"party_government_mark_url", "error_report_url"}


# /robots.txt and /favicon.ico


def test_robots_txt_names_the_sitemap_of_the_requesting_host(client, site_group):
    response = client.get("/robots.txt", HTTP_HOST="county-a.localhost")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /en/search/",
        "Sitemap: http://county-a.localhost/sitemap.xml",
    ]


def test_robots_txt_on_https_names_an_https_sitemap(client, site_group):
    response = client.get("/robots.txt", HTTP_HOST="localhost", secure=True)

    assert "Sitemap: https://localhost/sitemap.xml" in response.content.decode().splitlines()


def test_favicon_ico_redirects_to_the_static_icon(client, site_group):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.ico"
    assert finders.find("img/favicon.ico")


def test_pages_link_the_icons_and_the_touch_icon_is_180_pixels(client, site_group):
    soup = fetch(client, "/")

    assert soup.select_one('link[rel="apple-touch-icon"]')["href"] == "/static/img/apple-touch-icon.png"
    assert {link["href"] for link in soup.select('link[rel="icon"]')} == {
        "/static/img/favicon.ico",
        "/static/img/favicon.svg",
    }
    with Image.open(finders.find("img/apple-touch-icon.png")) as icon:
        assert icon.size == (180, 180)


# Open Graph


def open_graph(soup):
    return {meta["property"]: meta["content"] for meta in soup.select('meta[property^="og:"]')}


def test_an_article_shares_as_an_article_of_its_site(client, site_group):
    news = column(site_group.county_a.home)
    ArticlePageFactory(parent=news, title="甲县<防汛>会议", slug="fangxun", summary="部署“汛期”工作 & 值班")

    response = client.get("/zwdt/fangxun/", HTTP_HOST="county-a.localhost")
    tags = open_graph(fetch(client, "/zwdt/fangxun/", host="county-a.localhost"))

    assert tags == {
        "og:title": "甲县<防汛>会议",
        "og:description": "部署“汛期”工作 & 值班",
        "og:url": "http://county-a.localhost/zwdt/fangxun/",
        "og:site_name": "甲县人民政府",
        "og:type": "article",
        "og:locale": "zh_CN",
    }
    html = response.content.decode()
    assert "&lt;防汛&gt;" in html and "<防汛>" not in html


@pytest.mark.skipif(not hasattr(ArticlePage, "cover_image"), reason="articles have no cover image yet")
def test_an_article_with_a_cover_image_shares_it(client, site_group):
    ArticlePageFactory(parent=column(site_group.county_a.home), slug="cover", cover_image=ImageFactory())

    image = open_graph(fetch(client, "/zwdt/cover/", host="county-a.localhost"))["og:image"]

    assert image.startswith("http://county-a.localhost/") and ".fill-1200x630" in image


def test_a_column_shares_as_a_website_page_with_its_canonical_url(client, site_group):
    tags = open_graph(fetch(client, "/jyj/zwdt/"))

    assert tags["og:type"] == "website"
    assert tags["og:url"] == "http://localhost/jyj/zwdt/"
    assert tags["og:site_name"] == "示例市教育局"
    assert "og:image" not in tags


def test_views_without_a_page_carry_no_open_graph(client, site_group):
    response = client.get("/search/?q=防汛")

    assert response.status_code == 200
    assert b'property="og:' not in response.content


# RSS


def feed_items(response):
    channel = ElementTree.fromstring(response.content).find("channel")  # noqa: S314 (our own feed)
    return channel, channel.findall("item")


def test_a_column_feed_lists_its_latest_20_public_articles_with_absolute_links(client, site_group):
    news = column(site_group.county_a.home)
    add_articles(news, 22)
    private = ArticlePageFactory(parent=news, title="内部通知", slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    ArticlePageFactory(parent=news, title="草稿", slug="draft", live=False)

    response = client.get("/zwdt/rss/", HTTP_HOST="county-a.localhost")
    channel, items = feed_items(response)

    assert response["Content-Type"].startswith("application/rss+xml")
    assert channel.findtext("title") == "甲县人民政府 政务动态"
    assert channel.findtext("link") == "http://county-a.localhost/zwdt/"
    assert len(items) == 20
    assert items[0].findtext("title") == "文章21"
    assert items[0].findtext("link") == "http://county-a.localhost/zwdt/article-21/"
    assert {"内部通知", "草稿"}.isdisjoint(item.findtext("title") for item in items)


def test_the_feed_escapes_what_editors_typed(client, site_group):
    ArticlePageFactory(
        parent=column(site_group.county_a.home), title="<script>alert(1)</script>", slug="x", summary="a & b <i>"
    )

    response = client.get("/zwdt/rss/", HTTP_HOST="county-a.localhost")
    _channel, items = feed_items(response)

    assert b"<script>" not in response.content
    assert items[0].findtext("title") == "<script>alert(1)</script>"
    assert items[0].findtext("description") == "a & b <i>"


def test_an_aggregating_column_feeds_the_sub_sites_articles_linked_on_their_own_hosts(client, site_group):
    portal_news = column(site_group.portal.home)
    portal_news.aggregate_subsites = True
    portal_news.save_revision().publish()
    add_articles(column(site_group.county_a.home), 1, title="甲县新闻")

    _channel, items = feed_items(client.get("/zwdt/rss/", HTTP_HOST="localhost"))

    assert [item.findtext("link") for item in items] == ["http://county-a.localhost/zwdt/article-0/"]


def test_the_feed_costs_the_same_for_3_or_20_articles(client, site_group):
    add_articles(column(site_group.county_a.home), 3)
    add_articles(column(site_group.county_b.home), 25)

    def count(host):
        client.get("/zwdt/rss/", HTTP_HOST=host)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/zwdt/rss/", HTTP_HOST=host).status_code == 200
        return len(queries)

    assert count("county-a.localhost") == count("county-b.localhost")


def test_a_column_page_announces_and_links_its_feed(client, site_group):
    soup = fetch(client, "/zwdt/", host="county-a.localhost")

    assert soup.select_one('head link[rel="alternate"][type="application/rss+xml"]')["href"] == "/zwdt/rss/"
    assert soup.select_one(".column-feed a")["href"] == "/zwdt/rss/"


# Attachments


@pytest.mark.parametrize(
    ("filename", "size", "expected"),
    [
        ("通知.pdf", 1_234_567, "PDF，1.2\xa0MB"),
        ("报名表.DOCX", 20_480, "Word，20.0\xa0KB"),
        ("统计.xlsx", 512, "Excel，512\xa0字节"),
        ("说明.ofd", None, "OFD"),
        ("图纸.dwg", 2048, "DWG，2.0\xa0KB"),
    ],
)
def test_attachment_meta_names_the_type_and_size(filename, size, expected):
    assert file_meta(Document(title="文件", file=filename, file_size=size)) == expected


def test_an_article_lists_its_attachments_with_type_and_size(client, site_group):
    article = ArticlePageFactory(parent=column(site_group.county_a.home), slug="with-files")
    document = Document.objects.create(title="实施方案", file="documents/plan.pdf", file_size=1_234_567)
    ArticleAttachment.objects.create(page=article, document=document)

    soup = fetch(client, "/zwdt/with-files/", host="county-a.localhost")

    assert soup.select_one(".attachments .file-meta").get_text() == "（PDF，1.2\xa0MB）"
