"""Home pages composed of blocks (home.blocks): live content of the site's columns, defaults by site kind from
provisioning, validation in the editor, and a constant number of queries."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail_factories import ImageFactory

from citizen_mailbox.models import MailboxPage, Status
from emergency.models import EmergencyIndexPage, EmergencyLevel, EmergencyPage
from home.blocks import DEFAULT_LAYOUTS, HomeBodyBlock, LinkBlock
from home.models import ArticleKind, HomePage
from sitegroup.provisioning import provision_subsite
from tests.citizen_mailbox.conftest import make_message
from tests.factories import ArticlePageFactory, site_identity
from tests.home.pages import column, fetch
from tests.home.test_templates_queries import BUDGET, count_queries
from tests.policy.utils import add_interpretation, add_policy, interpretation_column_of, library_of

pytestmark = pytest.mark.django_db

LABELS = {name: str(block.meta.label) for name, block in HomeBodyBlock().child_blocks.items()}


def headings(soup):
    return [h2.get_text(strip=True) for h2 in soup.select(".home-blocks h2")]


def notices_column(provisioned):
    return column(provisioned.home, "zwgk").get_children().get(slug="tzgg").specific


def mailbox_of(provisioned):
    return MailboxPage.objects.child_of(column(provisioned.home, "hdjl")).get()


def add_content(provisioned, count, cover=True):
    """`count` items of every kind a home page lists: news (the older half with cover images), notices,
    policies with a 文号, interpretations and answered letters."""
    image = ImageFactory(title="会场", description="市政府常务会议现场") if cover else None
    for n in range(count):
        day = datetime.date(2024, 1, 1) + datetime.timedelta(days=n)
        ArticlePageFactory(
            parent=column(provisioned.home),
            title=f"要闻{n}",
            slug=f"news-{n}",
            date=day,
            cover_image=image if n < count // 2 + 1 else None,
        )
        ArticlePageFactory(
            parent=notices_column(provisioned), title=f"通知{n}", slug=f"notice-{n}", date=day, kind=ArticleKind.NOTICE
        )
        policy = add_policy(
            library_of(provisioned),
            f"政策{n}",
            slug=f"policy-{n}",
            publish_date=day,
            written_date=day,
            document_number=f"示政发〔2024〕{n + 1}号",
        )
        add_interpretation(
            interpretation_column_of(provisioned), f"解读{n}", slug=f"jd-{n}", date=day, policies=[policy]
        )
        make_message(
            mailbox_of(provisioned),
            subject=f"来信{n}",
            status=Status.ANSWERED,
            consent_to_publish=True,
            is_public=True,
            reply="已答复。",
            closed_at=timezone.now(),
        )


def compose(home, body):
    home.body = body
    home.save_revision().publish()


def every_block(provisioned):
    """A body with every block type, columns and links chosen where a block takes them."""
    home = provisioned.home
    emergencies = EmergencyIndexPage.objects.child_of(home).get()
    return [
        {"type": "headlines", "value": {"column": column(home).pk, "count": 6}},
        {"type": "notices", "value": {"column": notices_column(provisioned).pk}},
        {"type": "policies", "value": {"title": "最新文件", "column": library_of(provisioned).pk}},
        {"type": "interpretations", "value": {}},
        {"type": "latest", "value": {"column": emergencies.pk, "count": 3}},
        {
            "type": "interaction",
            "value": {
                "mailbox": mailbox_of(provisioned).pk,
                "links": [{"label": "在线访谈", "page": None, "url": "https://example.gov.cn/zxft/"}],
            },
        },
        {
            "type": "services",
            "value": {
                "links": [
                    {"label": "办事指南", "page": column(home, "bsfw").pk, "url": ""},
                    {"label": "政务服务网", "page": None, "url": "https://zwfw.example.gov.cn/"},
                ]
            },
        },
        {"type": "topics", "value": {}},
        {"type": "subsites", "value": {}},
    ]


def test_a_new_site_of_each_kind_opens_with_the_default_blocks_of_its_kind(client, site_group):
    sites = {"county": "new-county", "department": "new-department", "topic": "new-topic"}
    for number, (kind, slug) in enumerate(sites.items(), start=20):
        hostname = f"{slug}.localhost"
        result = provision_subsite(
            parent=site_group.portal.home,
            name=f"新{kind}",
            slug=slug,
            kind=kind,
            hostname=hostname,
            identity=site_identity(number),
        )
        assert [block.block_type for block in result.home.body] == list(DEFAULT_LAYOUTS[kind])
        # Sites below a new site come later: until then its 专题 and 下级站点 blocks show nothing.
        expected = [LABELS[name] for name in DEFAULT_LAYOUTS[kind] if name not in ("topics", "subsites")]
        assert headings(fetch(client, "/", host=hostname)) == expected
    # The portal lists the new topic under 专题 and the other sites under 下级站点.
    portal = fetch(client, "/")
    assert headings(portal) == [LABELS[name] for name in DEFAULT_LAYOUTS["portal"]]
    assert [a["href"] for a in portal.select(".home-sites__link")] == [
        "http://new-topic.localhost/",
        "http://county-a.localhost/",
        "http://county-b.localhost/",
        "http://localhost/jyj/",
        "http://new-county.localhost/",
        "http://new-department.localhost/",
    ]


def test_provisioning_again_keeps_the_home_page_its_editors_composed(site_group):
    home = site_group.county_a.home
    compose(home, [{"type": "notices", "value": {}}])
    home.body = [{"type": "policies", "value": {}}]
    home.save_revision()  # a draft composed since: kept as well

    result = provision_subsite(
        parent=site_group.portal.home,
        name="甲县人民政府",
        slug="county-a",
        kind="county",
        hostname="county-a.localhost",
    )

    assert "首页默认版块" not in result.created
    home = HomePage.objects.get(pk=home.pk)
    assert [block.block_type for block in home.body] == ["notices"]
    assert [block.block_type for block in home.get_latest_revision_as_object().body] == ["policies"]


def test_a_home_without_blocks_shows_the_default_of_its_kind(client, site_group):
    compose(site_group.county_a.home, [])

    assert headings(fetch(client, "/", host="county-a.localhost")) == [
        LABELS[name] for name in DEFAULT_LAYOUTS["county"] if name != "subsites"
    ]


def test_blocks_show_the_newest_live_content_of_the_sites_columns(client, site_group):
    add_content(site_group.county_a, 4)
    ArticlePageFactory(parent=column(site_group.county_a.home), title="草稿要闻", slug="draft", live=False)
    add_content(site_group.county_b, 1)  # another site's content stays there

    soup = fetch(client, "/", host="county-a.localhost")

    lead = soup.select_one(".home-headlines__lead")
    # The newest article with a cover image, its description as the alt text; the others listed beside it.
    assert lead["href"] == "http://county-a.localhost/zwdt/news-2/"
    assert lead.img["alt"] == "市政府常务会议现场"
    blocks = {section.h2.get_text(strip=True): section for section in soup.select(".home-block")}
    titles = {name: [a.get_text() for a in block.select(".home-list__title")] for name, block in blocks.items()}
    assert titles["要闻"] == ["要闻3", "要闻1", "要闻0"]
    assert titles["通知公告"] == ["通知3", "通知2", "通知1", "通知0"]
    assert titles["政策文件"] == ["政策3", "政策2", "政策1", "政策0"]
    assert [span.get_text() for span in blocks["政策文件"].select(".home-list__number")] == [
        "示政发〔2024〕4号",
        "示政发〔2024〕3号",
        "示政发〔2024〕2号",
        "示政发〔2024〕1号",
    ]
    assert titles["政策解读"] == ["解读3", "解读2", "解读1", "解读0"]
    interaction = blocks["互动交流"]
    assert (
        interaction.select_one(".home-entries__link--primary")["href"] == "http://county-a.localhost/hdjl/zmhdxx/write/"
    )
    lookup = interaction.find("a", string="办理查询")
    assert lookup["href"] == "http://county-a.localhost/hdjl/zmhdxx/lookup/"
    assert len(interaction.select(".home-list__title")) == 4
    # Without entries chosen, the site's own 在线访谈, 意见征集 and 网上调查 columns (their pages' home_role).
    entries = interaction.select(".home-entries__link:not(.home-entries__link--primary)")
    assert {(a.get_text(), a["href"]) for a in entries} >= {
        ("在线访谈", "http://county-a.localhost/hdjl/zxft/"),
        ("意见征集", "http://county-a.localhost/hdjl/yjzj/"),
        ("网上调查", "http://county-a.localhost/hdjl/wsdc/"),
    }
    # Each 更多 goes to the site's own column.
    assert {name: block.select_one(".home-block__more")["href"] for name, block in blocks.items()} == {
        "要闻": "http://county-a.localhost/zwdt/",
        "通知公告": "http://county-a.localhost/zwgk/tzgg/",
        "政策文件": "http://county-a.localhost/zwgk/zcwj/",
        "政策解读": "http://county-a.localhost/zwgk/zcjd/",
        "互动交流": "http://county-a.localhost/hdjl/",
        "办事服务": "http://county-a.localhost/bsfw/",
    }
    assert [a.get_text() for a in blocks["办事服务"].select(".home-entries__link")] == [
        "办事指南",
        "政策查询",
        "咨询投诉",
    ]


def test_content_in_a_protected_section_is_not_listed(client, site_group):
    add_content(site_group.county_a, 2)
    PageViewRestriction.objects.create(page=notices_column(site_group.county_a), restriction_type="login")
    news = column(site_group.county_a.home)
    private = ArticlePageFactory(parent=news, title="内部要闻", slug="private", date=datetime.date(2025, 1, 1))
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    soup = fetch(client, "/", host="county-a.localhost")

    assert "内部要闻" not in soup.get_text()
    assert "通知0" not in soup.get_text()


def test_every_block_is_a_labelled_section_with_headings_in_order(client, site_group):
    add_content(site_group.portal, 2)
    compose(site_group.portal.home, every_block(site_group.portal))

    soup = fetch(client, "/")

    sections = soup.select(".home-blocks > section")
    assert len(sections) == 8  # the portal has no topic: the 专题 block shows nothing
    for section in sections:
        assert section.select_one(f"h2#{section['aria-labelledby']}")
    levels = [int(tag.name[1]) for tag in soup.select("main h1, main h2, main h3, main h4")]
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))
    assert headings(soup)[2] == "最新文件"
    assert [a["href"] for a in soup.select(".home-services .home-entries__link")] == [
        "http://localhost/bsfw/",
        "https://zwfw.example.gov.cn/",
    ]


def test_the_emergency_banner_shows_on_the_home_page(client, site_group):
    index = EmergencyIndexPage.objects.child_of(site_group.county_a.home).get()
    emergency = EmergencyPage(title="暴雨红色预警", slug="rain", level=EmergencyLevel.RED, summary="请减少外出。")
    index.add_child(instance=emergency)
    emergency.save_revision().publish()

    soup = fetch(client, "/", host="county-a.localhost")

    assert "暴雨红色预警" in soup.select_one(".emergency-banner").get_text()


def test_a_home_with_every_block_costs_the_same_small_or_large(client, site_group):
    add_content(site_group.county_a, 1)
    add_content(site_group.county_b, 12)
    for provisioned in (site_group.county_a, site_group.county_b):
        compose(provisioned.home, every_block(provisioned))
    for kind, slug in (("topic", "topic-a"), ("county", "town-a")):
        provision_subsite(parent=site_group.county_a.home, name=f"甲县{slug}", slug=slug, kind=kind)
    for n in range(4):
        provision_subsite(parent=site_group.county_b.home, name=f"乙县专题{n}", slug=f"topic-{n}", kind="topic")
        provision_subsite(parent=site_group.county_b.home, name=f"乙县乡镇{n}", slug=f"town-{n}", kind="county")

    small = count_queries(client, "/", host="county-a.localhost")
    large = count_queries(client, "/", host="county-b.localhost")

    assert small == large <= BUDGET["home"]


def test_a_link_goes_to_a_page_or_an_address_not_both():
    block = LinkBlock()
    page = Page.objects.filter(depth=2).first()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"label": "办事指南", "page": None, "url": ""}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"label": "办事指南", "page": page.pk, "url": "https://example.gov.cn/"}))
    assert block.clean(block.to_python({"label": "办事指南", "page": None, "url": "https://example.gov.cn/"}))


def test_a_listing_block_refuses_a_page_that_is_not_a_column(site_group):
    block = HomeBodyBlock().child_blocks["notices"]
    article = ArticlePageFactory(parent=column(site_group.portal.home), slug="article")

    with pytest.raises(ValidationError):
        block.clean(block.to_python({"column": article.pk}))
    assert block.clean(block.to_python({"column": notices_column(site_group.portal).pk}))


def test_the_home_page_editor_shows_the_blocks(client, site_group, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "x")
    client.force_login(admin)
    compose(site_group.portal.home, every_block(site_group.portal))

    response = client.get(f"/admin/pages/{site_group.portal.home.pk}/edit/", HTTP_HOST="localhost")

    assert response.status_code == 200
    assert "首页版块" in response.content.decode()


def test_the_interaction_block_refuses_a_page_that_is_not_a_mailbox(site_group):
    block = HomeBodyBlock().child_blocks["interaction"]

    with pytest.raises(ValidationError):
        block.clean(block.to_python({"mailbox": column(site_group.portal.home, "hdjl").pk}))
    assert block.clean(block.to_python({"mailbox": mailbox_of(site_group.portal).pk}))
