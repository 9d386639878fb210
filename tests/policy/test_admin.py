"""Admin scope: the policy chooser (own site and the sites above), linked policies, issuing bodies."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from policy.models import InterpretationPage, IssuingBody
from sitegroup.platform import SYSTEM_ADMIN_GROUP
from tests.policy.utils import add_policy, interpretation_column_of, issuing_body, library_of
from tests.sitegroup.test_admin_scoping import chosen_ids


@pytest.fixture
def policies(site_group):
    """Live and draft policies in the portal, county A and county B, and one of county A's in review."""
    made = {
        "portal_live": add_policy(library_of(site_group.portal), "市级已发布"),
        "portal_draft": add_policy(library_of(site_group.portal), "市级草稿", publish=False),
        "a_live": add_policy(library_of(site_group.county_a), "甲县已发布"),
        "a_draft": add_policy(library_of(site_group.county_a), "甲县草稿", publish=False),
        "a_in_review": add_policy(
            library_of(site_group.county_a),
            "甲县审核中",
            publish=False,
            bodies=[issuing_body(site_group.county_a, "甲县人民政府")],
        ),
        "b_live": add_policy(library_of(site_group.county_b), "乙县已发布"),
        "department_live": add_policy(library_of(site_group.department), "教育局已发布"),
    }
    workflow_state = made["a_in_review"].get_workflow().start(made["a_in_review"], None)
    assert workflow_state.status == workflow_state.STATUS_IN_PROGRESS  # past the automated check
    return made


@pytest.fixture
def editor_a(client, site_group, make_user):
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    return client


def choose_policies_in(client, library):
    url = reverse("wagtailadmin_choose_page_child", args=[library.pk])
    return client.get(url, {"page_type": "policy.policypage"})


def test_the_policy_chooser_offers_the_live_policies_of_the_sites_above(editor_a, site_group, policies):
    offered = chosen_ids(choose_policies_in(editor_a, library_of(site_group.portal)))
    assert offered == {policies["portal_live"].pk}


def test_the_policy_chooser_offers_own_policies_that_are_live_or_in_review(editor_a, site_group, policies):
    offered = chosen_ids(choose_policies_in(editor_a, library_of(site_group.county_a)))
    assert offered == {policies["a_live"].pk, policies["a_in_review"].pk}


@pytest.mark.parametrize("site", ["county_b", "department"])
def test_the_policy_chooser_does_not_open_sibling_sites(editor_a, site_group, policies, site):
    assert choose_policies_in(editor_a, library_of(getattr(site_group, site))).status_code == 404


def test_other_choosers_keep_to_the_own_site(editor_a, site_group, policies):
    url = reverse("wagtailadmin_choose_page_child", args=[library_of(site_group.portal).pk])
    assert editor_a.get(url).status_code == 404


def interpretation_form_data(policy):
    return nested_form_data(
        {
            "title": "关于文件的解读",
            "slug": "jiedu",
            "kind": "department",
            "date": "2024-05-01",
            "interpreter": "",
            "interpreter_title": "",
            "interpreter_organisation": "",
            "hot_topic": "",
            "responded_at": "",
            "summary": "",
            "policy_links": inline_formset([{"policy": policy.pk}]),
            "body": streamfield([("paragraph", rich_text("<p>解读正文。</p>"))]),
            "comments": inline_formset([]),
        }
    )


def add_interpretation_url(site_group):
    column = interpretation_column_of(site_group.county_a)
    return reverse("wagtailadmin_pages:add", args=["policy", "interpretationpage", column.pk])


@pytest.mark.parametrize("target", ["b_live", "portal_draft", "a_draft"])
def test_a_crafted_link_to_a_policy_outside_the_scope_is_refused(editor_a, site_group, policies, target):
    response = editor_a.post(add_interpretation_url(site_group), interpretation_form_data(policies[target]))
    assert response.status_code == 200
    assert "只能选择本站或上级站点已发布" in response.content.decode()
    assert not InterpretationPage.objects.exists()


@pytest.mark.parametrize("target", ["portal_live", "a_live", "a_in_review"])
def test_an_interpretation_may_link_policies_in_scope(editor_a, site_group, policies, target):
    response = editor_a.post(add_interpretation_url(site_group), interpretation_form_data(policies[target]))
    assert response.status_code == 302
    interpretation = InterpretationPage.objects.get()
    assert [link.policy_id for link in interpretation.policy_links.all()] == [policies[target].pk]


def test_the_policy_editor_offers_the_issuing_bodies_of_its_site_and_the_sites_above(editor_a, site_group):
    issuing_body(site_group.portal, "示例市人民政府")
    issuing_body(site_group.county_a, "甲县人民政府")
    issuing_body(site_group.county_b, "乙县人民政府")
    library = library_of(site_group.county_a)
    response = editor_a.get(reverse("wagtailadmin_pages:add", args=["policy", "policypage", library.pk]))
    offered = {body.name for body in response.context["form"].fields["issuing_bodies"].queryset}
    assert offered == {"示例市人民政府", "甲县人民政府"}


@pytest.fixture
def bodies(site_group):
    return {
        "a": issuing_body(site_group.county_a, "甲县人民政府"),
        "b": issuing_body(site_group.county_b, "乙县人民政府"),
    }


@pytest.fixture
def admin_a(client, site_group, make_user):
    client.force_login(make_user(site_group.county_a.groups["管理员"]))
    return client


def test_a_site_administrator_lists_only_the_own_sites_issuing_bodies(admin_a, bodies):
    response = admin_a.get(reverse("issuing_bodies:index"))
    assert response.status_code == 200
    assert [body.name for body in response.context["object_list"]] == ["甲县人民政府"]


@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage"])
def test_another_sites_issuing_body_is_not_found_and_stays_unchanged(admin_a, bodies, view):
    url = reverse(f"issuing_bodies:{view}", args=[bodies["b"].pk])
    assert admin_a.get(url).status_code == 404
    assert (
        admin_a.post(url, {"site_home": bodies["b"].site_home_id, "name": "改名", "sort_order": 0}).status_code == 404
    )
    assert IssuingBody.objects.get(pk=bodies["b"].pk).name == "乙县人民政府"


def test_a_site_administrator_edits_the_own_list(admin_a, site_group, bodies):
    url = reverse("issuing_bodies:edit", args=[bodies["a"].pk])
    response = admin_a.post(
        url, {"site_home": site_group.county_a.home.pk, "name": "甲县人民政府（新）", "sort_order": 1}
    )
    assert response.status_code == 302
    assert IssuingBody.objects.get(pk=bodies["a"].pk).name == "甲县人民政府（新）"


def test_a_body_cannot_be_added_to_another_sites_list(admin_a, site_group, bodies):
    data = {"site_home": site_group.county_b.home.pk, "name": "冒名机关", "sort_order": 0}
    response = admin_a.post(reverse("issuing_bodies:add"), data)
    assert response.status_code == 200
    assert not IssuingBody.objects.filter(name="冒名机关").exists()


def test_platform_administrators_keep_every_sites_list(client, make_user, bodies):
    from django.contrib.auth.models import Group

    client.force_login(make_user(Group.objects.get(name=SYSTEM_ADMIN_GROUP)))
    response = client.get(reverse("issuing_bodies:index"))
    assert {body.name for body in response.context["object_list"]} == {"甲县人民政府", "乙县人民政府"}


def test_only_platform_administrators_edit_the_topic_taxonomy(admin_a, client, make_user):
    assert admin_a.get(reverse("topics:index")).status_code == 302
