"""Policies in search: a 文号 finds its policy first in any bracket style; 发文机关 and 有效性 filters."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from policy.models import Validity
from tests.policy.utils import add_interpretation, add_policy, issuing_body


def own_column(provisioned, slug):
    """The site's own column with that slug (the portal's tree holds its sub-sites' columns too)."""
    return Page.objects.descendant_of(provisioned.home).filter(slug=slug).order_by("depth").first().specific


@pytest.fixture
def policies(site_group):
    library = own_column(site_group.portal, "zcwj")
    office = issuing_body(site_group.portal, "市政府办公室")
    education = issuing_body(site_group.portal, "市教育局")
    main = add_policy(
        library, "关于加强政府网站信息内容建设的实施意见", bodies=[office], document_number="示政办发〔2024〕57号"
    )
    # Cites the number in its text, and would otherwise rank first on its title.
    citing = add_policy(
        library,
        "示政办发〔2024〕57号 贯彻落实情况的通报",
        bodies=[education],
        document_number="示教发〔2024〕3号",
        validity=Validity.REPEALED,
        validity_changed_on="2024-06-01",
    )
    citing.summary = "根据示政办发〔2024〕57号，通报政府网站建设情况。"
    citing.save_revision().publish()
    reading = add_interpretation(own_column(site_group.portal, "zcjd"), "一图读懂政府网站信息内容建设", policies=[main])
    return main, citing, reading


def titles(client, **params):
    response = client.get("/search/", params, HTTP_HOST="localhost")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [" ".join(link.get_text().split()) for link in soup.select(".search-results h3 a")]


@pytest.mark.parametrize(
    "number", ["示政办发〔2024〕57号", "示政办发[2024]57号", "示政办发（2024）57号", "示政办发 (2024) 57号"]
)
def test_a_document_number_finds_its_policy_first(client, policies, number):
    found = titles(client, q=number)
    assert found[0] == "关于加强政府网站信息内容建设的实施意见"
    assert "示政办发〔2024〕57号 贯彻落实情况的通报" in found[1:]


def test_types_issuing_bodies_and_validity_filter(client, policies):
    assert titles(client, q="政府网站", type="interpretation") == ["一图读懂政府网站信息内容建设"]
    assert titles(client, q="政府网站", type="policy", issuing_body="市政府办公室") == [
        "关于加强政府网站信息内容建设的实施意见"
    ]
    assert titles(client, q="政府网站", validity=Validity.REPEALED) == ["示政办发〔2024〕57号 贯彻落实情况的通报"]
    assert len(titles(client, q="政府网站")) == 3


def test_the_form_offers_the_policy_filters(client, policies):
    response = client.get("/search/", {"q": "政府网站"}, HTTP_HOST="localhost")
    soup = BeautifulSoup(response.content, "html.parser")
    kinds = [option.get_text() for option in soup.select("select[name=type] option")]
    assert {"政策文件", "政策解读", "新闻动态"} <= set(kinds)
    assert {"市政府办公室", "市教育局"} <= {
        option.get_text() for option in soup.select("select[name=issuing_body] option")
    }
    assert "已废止" in [option.get_text() for option in soup.select("select[name=validity] option")]
    for field in soup.select(".search-page-form select, .search-page-form input:not([type=radio])"):
        assert soup.select_one(f"label[for={field['id']}]") is not None, field["name"]
