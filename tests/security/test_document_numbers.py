"""文号 is unique per issuing body among released documents; drafts reserve nothing, errors name nothing.

Through the admin's create view, as the sites' editors: a county's draft must not block the city's number,
and the error an editor meets names no document (another site's unpublished title is not theirs to read).
"""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from policy.models import PolicyPage
from tests.policy.utils import add_policy, issuing_body, library_of

NUMBER = "示政发〔2025〕7号"
TAKEN = "该发文机关的文号已被已发布的文件使用。"


def create_policy(client, user, library, title, slug, bodies, number=NUMBER):
    fields = {
        "title": title,
        "slug": slug,
        "document_number": number,
        "written_date": "2025-03-01",
        "publish_date": "2025-03-02",
        "is_major": "",
        "validity": "valid",
        "validity_changed_on": "",
        "replaced_by": "",
        "summary": "",
        "body": streamfield([("paragraph", rich_text("<p>正文。</p>"))]),
        "attachments": inline_formset([]),
        "related_policy_links": inline_formset([]),
        "disclosure_method": "active",
        "disclosure_category": "decision",
        "comments": inline_formset([]),
    }
    client.force_login(user)
    data = {**nested_form_data(fields), "issuing_bodies": [body.pk for body in bodies]}
    return client.post(reverse("wagtailadmin_pages:add", args=["policy", "policypage", library.pk]), data)


def number_errors(response):
    return response.context["form"].errors.get("document_number", []) if response.status_code == 200 else []


@pytest.fixture
def city_body(site_group):
    return issuing_body(site_group.portal, "示例市人民政府")


@pytest.fixture
def city_editor(site_group, make_user):
    return make_user(site_group.portal.groups["编辑"])


@pytest.fixture
def county_editor(site_group, make_user):
    return make_user(site_group.county_a.groups["编辑"])


def test_a_county_draft_does_not_block_the_citys_number(client, site_group, city_body, city_editor):
    add_policy(library_of(site_group.county_b), "乙县草稿", document_number=NUMBER, bodies=[city_body], publish=False)

    response = create_policy(client, city_editor, library_of(site_group.portal), "市政府文件", "shi", [city_body])

    assert response.status_code == 302, number_errors(response)
    assert PolicyPage.objects.filter(slug="shi", document_number=NUMBER).exists()


def test_a_released_number_of_the_same_body_is_refused_without_naming_the_document(
    client, site_group, city_body, county_editor
):
    add_policy(library_of(site_group.portal), "市政府已发布文件", document_number=NUMBER, bodies=[city_body])

    response = create_policy(client, county_editor, library_of(site_group.county_a), "甲县转发", "zf", [city_body])

    assert number_errors(response) == [TAKEN]
    assert "市政府已发布文件" not in response.content.decode()
    assert not PolicyPage.objects.filter(slug="zf").exists()


def test_another_issuing_body_may_use_the_same_number(client, site_group, city_body, county_editor):
    add_policy(library_of(site_group.portal), "市政府文件", document_number=NUMBER, bodies=[city_body])
    county_body = issuing_body(site_group.county_a, "甲县人民政府")

    response = create_policy(client, county_editor, library_of(site_group.county_a), "甲县文件", "jx", [county_body])

    assert response.status_code == 302, number_errors(response)


def test_a_number_approved_for_scheduled_publication_is_taken(client, site_group, city_body, city_editor):
    import datetime

    from django.utils import timezone

    scheduled = add_policy(
        library_of(site_group.portal), "定时发布文件", document_number=NUMBER, bodies=[city_body], publish=False
    )
    revision = scheduled.save_revision(approved_go_live_at=timezone.now() + datetime.timedelta(days=1))
    revision.publish()  # with a future go-live time this schedules the revision

    response = create_policy(client, city_editor, library_of(site_group.portal), "另一份", "another", [city_body])

    assert number_errors(response) == [TAKEN]
