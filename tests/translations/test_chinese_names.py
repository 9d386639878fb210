"""Chinese names on English pages (issue 15): synchronised names with no translation are marked lang="zh-Hans"
(home.templatetags.link_language.mark_chinese, search.forms.NameSelect); on Chinese pages nothing is marked."""

from bs4 import BeautifulSoup

from tests.policy.utils import issuing_body
from tests.translations.test_public import english_portal  # noqa: F401
from tests.translations.test_synchronised import NUMBER, capture, en, publish_in_english, publish_policy  # noqa: F401


def soup_of(client, url):
    response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def marked_chinese(element):
    return [node.get_text() for node in element.find_all(lang="zh-Hans")]


def test_an_english_policy_marks_its_chinese_attachment_and_document_number(english, en, capture, client):  # noqa: F811
    policy = publish_policy(english.portal, capture)
    page = soup_of(client, publish_in_english(policy, en, capture).url)
    assert marked_chinese(page.select_one(".attachments")) == ["意见全文"]
    assert marked_chinese(page.select_one(".policy-number")) == [NUMBER]


def test_a_chinese_policy_marks_nothing_and_lists_method_and_category_with_the_enumeration_comma(
    english,
    capture,  # noqa: F811
    client,
):
    policy = publish_policy(english.portal, capture)
    page = soup_of(client, policy.url)
    assert not page.select_one("article").find_all(lang=True)
    assert "\u3000" not in page.select_one(".policy-meta").get_text()


def test_the_english_search_marks_chinese_issuing_body_options(english_portal, client):  # noqa: F811
    issuing_body(english_portal.portal, "国务院办公厅")
    options = soup_of(client, "/en/search/").select("select[name=issuing_body] option")
    assert {option.get_text(): option.get("lang") for option in options} == {"All": None, "国务院办公厅": "zh-Hans"}
    chinese = soup_of(client, "/search/").select("select[name=issuing_body] option")
    assert not [option for option in chinese if option.get("lang")]
