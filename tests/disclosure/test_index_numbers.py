"""索引号 on articles (policies: tests/policy/test_metadata.py) and the 信息公开机构代码 they start with."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from disclosure.models import IndexNumberSequence
from home.models import ArticlePage, HomePage
from tests.disclosure.test_catalogue import add_article, notices

pytestmark = pytest.mark.django_db

CODE = "11110000MB0000001X"


@pytest.fixture
def coded_county(site_group):
    HomePage.objects.filter(pk=site_group.county_a.home.pk).update(organisation_code=CODE)
    return site_group.county_a


def test_articles_are_numbered_code_slash_year_dash_serial_and_never_share_a_number(coded_county):
    first = add_article(coded_county, "公告一", category="service", day=datetime.date(2023, 12, 31))
    second = add_article(coded_county, "公告二", category="", day=datetime.date(2024, 1, 2))
    third = add_article(coded_county, "公告三", category="result", day=datetime.date(2024, 1, 3))

    assert [first.index_number, second.index_number, third.index_number] == [
        f"{CODE}/2023-00001",
        f"{CODE}/2024-00001",
        f"{CODE}/2024-00002",
    ]


def test_a_copy_is_a_new_document_with_a_new_number(coded_county):
    article = add_article(coded_county, "公告", category="service", day=datetime.date(2024, 5, 1))

    copy = article.copy(update_attrs={"slug": "copy", "title": "公告（副本）"})

    assert copy.index_number == f"{CODE}/2024-00002"
    assert ArticlePage.objects.get(pk=article.pk).index_number == f"{CODE}/2024-00001"


def test_publishing_a_revision_saved_without_a_number_keeps_the_number(coded_county):
    article = add_article(coded_county, "公告", category="service", day=datetime.date(2024, 5, 1))
    revision = article.save_revision()
    revision.content["index_number"] = ""  # as a revision saved before numbers existed
    revision.content["title"] = "公告（修订）"
    revision.save()

    revision.publish()

    article = ArticlePage.objects.get(pk=article.pk)
    assert (article.title, article.index_number) == ("公告（修订）", f"{CODE}/2024-00001")
    assert IndexNumberSequence.objects.get(organisation_code=CODE, year=2024).last_serial == 1


def test_a_page_not_yet_in_the_tree_has_no_number(coded_county):
    article = ArticlePage(title="草稿", slug="draft", source="来源", date=datetime.date(2024, 5, 1))
    article.assign_index_number()
    assert article.index_number == ""
    notices(coded_county).add_child(instance=article)
    assert article.index_number == f"{CODE}/2024-00001"


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("11110000MB0000001X", True),  # a unified social credit code
        ("00000001-5", True),  # an organisation code with its check digit
        ("", True),  # falls back to the site's number
        ("1111 0000", False),
        ("示例市00001", False),
        ("11110000MB0000001X/1", False),  # the slash separates the code from the year
        ("X" * 31, False),
    ],
)
def test_the_organisation_code_is_letters_digits_and_hyphens(code, valid):
    home = HomePage(pk=7, title="站点", slug="site", organisation_code=code)
    field = HomePage._meta.get_field("organisation_code")
    if valid:
        field.clean(code, home)
        assert home.disclosure_organisation_code() == (code or "S000007")
    else:
        with pytest.raises(ValidationError):
            field.clean(code, home)
