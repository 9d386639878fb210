"""Policy metadata: 文号, dates, validity, index numbers and interpretations of hot topics."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from disclosure.models import IndexNumberSequence
from home.models import HomePage
from policy.document_numbers import normalise_document_number, validate_document_number
from policy.models import InterpretationKind, PolicyPage, Validity
from tests.policy.utils import add_interpretation, add_policy, interpretation_column_of, issuing_body, library_of

INDEX_NUMBER = re.compile(r"^(?P<code>[0-9A-Za-z-]+)/(?P<year>\d{4})-(?P<serial>\d{5})$")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("国办发〔2014〕57号", "国办发〔2014〕57号"),
        ("国办发[2014]57号", "国办发〔2014〕57号"),
        ("国办发（2014）57号", "国办发〔2014〕57号"),
        ("国办发 【２０１４】 ５７号", "国办发〔2014〕57号"),
        ("国务院令第722号", "国务院令第722号"),
    ],
)
def test_document_numbers_are_normalised_to_the_standard_form(typed, stored):
    assert normalise_document_number(typed) == stored
    validate_document_number(typed)


@pytest.mark.parametrize(
    "typed", ["57号", "国办发2014年57号", "国办发〔2014〕号", "国办发〔14〕57号", "国办发〔1900〕1号"]
)
def test_malformed_document_numbers_are_refused(typed):
    with pytest.raises(ValidationError):
        validate_document_number(typed)


def test_the_written_date_cannot_follow_the_publish_date(db):
    policy = PolicyPage(
        title="文件", written_date=date(2024, 5, 2), publish_date=date(2024, 5, 1), locale=Locale.get_default()
    )
    with pytest.raises(ValidationError) as error:
        policy.clean()
    assert "written_date" in error.value.message_dict


@pytest.mark.parametrize(
    ("validity", "fields", "expected_errors"),
    [
        (Validity.REPEALED, {}, {"validity_changed_on"}),
        (Validity.AMENDED, {"validity_changed_on": date(2025, 1, 1)}, {"replaced_by"}),
        (Validity.EXPIRED, {"validity_changed_on": date(2025, 1, 1)}, set()),
    ],
)
def test_a_policy_not_in_force_needs_its_date_and_an_amended_one_its_replacement(db, validity, fields, expected_errors):
    policy = PolicyPage(
        title="文件", written_date=date(2024, 1, 1), publish_date=date(2024, 1, 2), validity=validity, **fields
    )
    policy.locale = Locale.get_default()
    if expected_errors:
        with pytest.raises(ValidationError) as error:
            policy.clean()
        assert set(error.value.message_dict) == expected_errors
    else:
        policy.clean()


def test_a_policy_in_force_drops_a_stale_replacement(site_group):
    library = library_of(site_group.portal)
    newer = add_policy(library, "新文件")
    policy = PolicyPage(title="文件", written_date=date(2024, 1, 1), publish_date=date(2024, 1, 2), replaced_by=newer)
    policy.locale = Locale.get_default()
    policy.validity_changed_on = date(2025, 1, 1)
    policy.clean()
    assert policy.replaced_by is None
    assert policy.validity_changed_on is None


def test_index_numbers_follow_the_documented_format_and_count_per_code_and_year(site_group):
    HomePage.objects.filter(pk=site_group.county_a.home.pk).update(organisation_code="11110000MB0000001X")
    library = library_of(site_group.county_a)
    first = add_policy(library, "文件一", publish_date=date(2024, 3, 5))
    second = add_policy(library, "文件二", publish_date=date(2024, 7, 1))
    next_year = add_policy(library, "文件三", publish_date=date(2025, 1, 10))
    numbers = [INDEX_NUMBER.match(policy.index_number) for policy in (first, second, next_year)]
    assert [(match["code"], match["year"], match["serial"]) for match in numbers] == [
        ("11110000MB0000001X", "2024", "00001"),
        ("11110000MB0000001X", "2024", "00002"),
        ("11110000MB0000001X", "2025", "00001"),
    ]


def test_a_site_without_a_code_numbers_by_its_site_id_and_sites_do_not_share_serials(site_group):
    portal_policy = add_policy(library_of(site_group.portal), "门户文件")
    county_policy = add_policy(library_of(site_group.county_b), "乙县文件")
    assert portal_policy.index_number == f"S{site_group.portal.home.pk:06d}/2024-00001"
    assert county_policy.index_number == f"S{site_group.county_b.home.pk:06d}/2024-00001"


def test_articles_get_index_numbers_from_the_same_sequence(site_group):
    from tests.factories import ArticlePageFactory

    column = site_group.county_a.home.get_children().get(slug="zwdt")
    policy = add_policy(library_of(site_group.county_a), "文件", publish_date=date(2024, 3, 5))
    article = ArticlePageFactory(parent=column, date=date(2024, 4, 1))
    assert policy.index_number.endswith("/2024-00001")
    assert article.index_number.endswith("/2024-00002")


def test_publishing_a_revision_keeps_the_index_number_and_a_copy_gets_a_new_one(site_group):
    library = library_of(site_group.county_a)
    policy = add_policy(library, "文件", document_number="甲政发〔2024〕3号")
    number = policy.index_number
    policy.title = "文件（修改）"
    policy.save_revision().publish()
    policy.refresh_from_db()
    assert policy.index_number == number

    copy = policy.copy(update_attrs={"slug": "copy", "title": "副本"})
    assert copy.index_number not in ("", number)
    assert copy.document_number == ""
    assert IndexNumberSequence.objects.get(year=2024, organisation_code=number.split("/")[0]).last_serial == 2


def test_issuing_bodies_are_unique_per_site(site_group):
    from django.db import IntegrityError, transaction

    issuing_body(site_group.county_a, "甲县人民政府")
    issuing_body(site_group.county_b, "甲县人民政府")  # another site's list may use the same name
    with pytest.raises(IntegrityError), transaction.atomic():
        type(issuing_body(site_group.county_a, "x")).objects.create(
            site_home=site_group.county_a.home, name="甲县人民政府"
        )


def test_a_response_to_a_hot_topic_records_the_topic_and_the_time(site_group):
    column = interpretation_column_of(site_group.county_a)
    with pytest.raises(ValidationError) as error:
        add_interpretation(column, "回应", kind=InterpretationKind.RESPONSE)
    assert set(error.value.message_dict) == {"hot_topic", "responded_at"}
    response = add_interpretation(
        column, "回应", kind=InterpretationKind.RESPONSE, hot_topic="供暖费上涨", responded_at="2024-11-01T10:00+08:00"
    )
    assert response.live


def test_the_index_declares_the_fields_the_search_uses(site_group):
    """The search issue filters on an exact 文号, and searches it with the title, body and bodies."""
    fields = {(type(field).__name__, field.field_name) for field in PolicyPage.search_fields}
    assert {("SearchField", "document_number"), ("FilterField", "document_number")} <= fields
    assert {("FilterField", "validity"), ("FilterField", "publish_date"), ("RelatedFields", "issuing_bodies")} <= fields
    policy = add_policy(library_of(site_group.portal), "文件", document_number="国办发〔2014〕57号")
    exact = PolicyPage.objects.live().filter(document_number=normalise_document_number("国办发[2014]57号"))
    assert list(exact) == [policy]
