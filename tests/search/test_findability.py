"""What a citizen finds and how results are labelled: service pages found by the words people type, one type
label per result, 已废止/已修订 badges and repealed policies ranked below policies in force, clean snippets."""

import datetime

import pytest
from bs4 import BeautifulSoup

from home.models import ArticleKind, ColumnPage
from policy.models import Validity
from search import indexing
from search.models import SearchDocument
from search.registry import LABELS
from tests.factories import ArticlePageFactory
from tests.policy.utils import add_policy
from tests.search.conftest import add_article
from tests.search.test_policy_search import own_column


def results(client, host="localhost", **params):
    response = client.get("/search/", params, HTTP_HOST=host)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        {
            "title": " ".join(item.select_one("h3 a").get_text().split()),
            "type": item.select_one(".search-result__type").get_text(),
            "badge": getattr(item.select_one(".search-result__badge"), "text", None),
            "snippet": getattr(item.select_one(".search-result__snippet"), "text", ""),
        }
        for item in soup.select(".search-results > li")
    ]


def titles(client, **params):
    return [result["title"] for result in results(client, "county-a.localhost", **params)]


@pytest.mark.parametrize("words", ["我要写信", "信箱", "写信"])
def test_the_mailbox_is_found_by_the_words_citizens_type(client, site_group, words):
    indexing.rebuild()  # the shared site group was provisioned before indexing was on
    found = results(client, "county-a.localhost", q=words)
    assert [(result["title"], result["type"]) for result in found[:1]] == [("政民互动信箱", "互动交流")]


@pytest.mark.parametrize("words", ["公开目录", "依申请公开"])
def test_the_disclosure_catalogue_is_found(client, site_group, words):
    indexing.rebuild()
    assert titles(client, q=words)[:1] == ["政府信息公开目录"]


def test_articles_are_typed_by_their_kind_and_column(client, site_group):
    home = site_group.county_a.home
    service = ColumnPage.objects.child_of(home).get(slug="bsfw")
    ArticlePageFactory(parent=service, title="户籍迁移登记", body=[("paragraph", "<p>申请材料：户口簿。</p>")])
    add_article(home, "户籍窗口调整时间的通知", kind=ArticleKind.NOTICE)
    add_article(home, "户籍改革座谈会召开", kind=ArticleKind.MEETING)
    add_article(home, "关于户籍迁移咨询的答复", kind=ArticleKind.REPLY)
    found = {result["title"]: result["type"] for result in results(client, "county-a.localhost", q="户籍")}
    assert found == {
        "户籍迁移登记": "办事指南",
        "户籍窗口调整时间的通知": "通知公告",
        "户籍改革座谈会召开": "新闻动态",
        "关于户籍迁移咨询的答复": "信件答复",
    }
    assert titles(client, q="户籍", type="guide") == ["户籍迁移登记"]
    assert titles(client, q="办事指南") == ["户籍迁移登记"]


def test_what_is_filed_in_the_open_government_column_itself_is_government_information(client, site_group):
    """The 信息公开指南 sits in 政务公开 itself; what its sub-columns hold keeps its own type."""
    open_government = ColumnPage.objects.child_of(site_group.county_a.home).get(slug="zwgk")
    sub_column = ColumnPage.objects.child_of(open_government).first()
    ArticlePageFactory(parent=open_government, title="甲县政府信息公开指南", body=[("paragraph", "<p>指南</p>")])
    ArticlePageFactory(parent=sub_column, title="甲县政府信息公开工作会议", body=[("paragraph", "<p>会议</p>")])
    found = {result["title"]: result["type"] for result in results(client, "county-a.localhost", q="政府信息公开")}
    assert found["甲县政府信息公开指南"] == "政府信息公开"
    assert found["甲县政府信息公开工作会议"] == "新闻动态"


def test_the_type_filter_offers_each_label_once(client, site_group):
    soup = BeautifulSoup(client.get("/search/", HTTP_HOST="localhost").content, "html.parser")
    offered = [option.get_text() for option in soup.select("select[name=type] option")][1:]
    assert offered == [str(label) for label in LABELS.values()]


@pytest.fixture
def twin_policies(site_group):
    """Two policies equally relevant to 供暖补贴; the repealed one newer, so date alone would put it first."""
    library = own_column(site_group.portal, "zcwj")
    in_force = add_policy(
        library, "关于供暖补贴的通知", written_date=datetime.date(2023, 1, 1), publish_date=datetime.date(2023, 1, 5)
    )
    repealed = add_policy(
        library,
        "关于供暖补贴的规定",
        written_date=datetime.date(2024, 1, 1),
        publish_date=datetime.date(2024, 1, 5),
        validity=Validity.REPEALED,
        validity_changed_on=datetime.date(2024, 6, 1),
    )
    return in_force, repealed


def test_a_repealed_policy_is_badged_and_ranks_below_one_in_force(client, twin_policies):
    found = results(client, q="供暖补贴")
    assert [(result["title"], result["badge"]) for result in found] == [
        ("关于供暖补贴的通知", None),
        ("关于供暖补贴的规定", "已废止"),
    ]
    by_date = results(client, q="供暖补贴", sort="date")
    assert [result["title"] for result in by_date] == ["关于供暖补贴的规定", "关于供暖补贴的通知"]


def test_an_amended_policy_is_badged_but_not_ranked_down(client, site_group, twin_policies):
    in_force, repealed = twin_policies
    repealed.validity = Validity.AMENDED
    repealed.replaced_by = in_force
    repealed.save_revision().publish()
    found = results(client, q="供暖补贴")
    assert [(result["title"], result["badge"]) for result in found] == [
        ("关于供暖补贴的规定", "已修订"),
        ("关于供暖补贴的通知", None),
    ]


def test_snippets_hold_content_not_block_labels_or_identifiers(client, site_group):
    body = [
        ("heading", {"text": "办理条件", "level": "h2"}),
        ("paragraph", "<p>年满十六周岁的居民可以申领居住证。</p>"),
    ]
    page = add_article(site_group.portal.home, "居住证申领", body="")
    page.body = body
    page.save_revision().publish()
    document = SearchDocument.objects.get(page=page)
    assert "二级标题" not in document.text and "办理条件" in document.text
    assert page.index_number and page.index_number not in document.text
    assert results(client, q="二级标题") == []
    assert [result["title"] for result in results(client, q=page.index_number)] == ["居住证申领"]
    assert "二级标题" not in results(client, q="居住证")[0]["snippet"]
