"""Staff of county A cannot see or touch county B's pages through any page action of the admin.

All of these refusals come from Wagtail's page permissions: they are tested
because the whole site group relies on them, and because a change in the
role definitions could break them.
"""

import pytest
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Revision

from home.models import ArticlePage
from tests.sitegroup.utils import article_form_data, assert_refused

pytestmark = pytest.mark.django_db

ROLES = ["编辑", "签发", "管理员"]


def page_views(page, destination):
    """The admin URLs of every page action on `page`; moves go to `destination`."""
    first_revision = page.revisions.order_by("pk").first()
    views = {
        name: reverse(f"wagtailadmin_pages:{name}", args=[page.pk])
        for name in (
            "edit",
            "history",  # also the revisions listing: revisions_index only redirects here
            "copy",
            "move",
            "delete",
            "unpublish",
            "preview_on_edit",
            "view_draft",
            "usage",
            "workflow_history",
            "set_privacy",
        )
    }
    views["revisions_view"] = reverse("wagtailadmin_pages:revisions_view", args=[page.pk, first_revision.pk])
    views["revisions_revert"] = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first_revision.pk])
    views["revisions_compare"] = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", "latest"])
    views["move_confirm"] = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])
    return views


def column_views(column):
    return {
        "add_subpage": reverse("wagtailadmin_pages:add_subpage", args=[column.pk]),
        "add": reverse("wagtailadmin_pages:add", args=["home", "articlepage", column.pk]),
    }


def state(page):
    """Everything a refused action must leave as it was."""
    page = Page.objects.get(pk=page.pk)
    return {
        "title": page.title,
        "draft_title": page.draft_title,
        "live": page.live,
        "live_revision": page.live_revision_id,
        "latest_revision": page.latest_revision_id,
        "locked": page.locked,
        "parent": page.get_parent().pk,
        "restricted": PageViewRestriction.objects.filter(page=page).exists(),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
    }


def test_every_page_view_of_another_county_is_refused(client, county_a, county_b, county_a_user, subtests):
    views = {**page_views(county_b.article, destination=county_a.column), **column_views(county_b.column)}
    for role in ROLES:
        client.force_login(county_a_user(role))
        for name, url in views.items():
            with subtests.test(role=role, view=name):
                assert_refused(client.get(url))


def test_the_same_views_open_for_the_county_administrator_on_its_own_county(
    client, site_group, county_a, county_a_user, subtests
):
    """The positive control: each view refused above exists and works for a county A page."""
    client.force_login(county_a_user("管理员"))
    other_column = site_group.county_a.home.get_children().get(slug="hdjl")
    views = {**page_views(county_a.article, destination=other_column), **column_views(county_a.column)}
    for name, url in views.items():
        with subtests.test(view=name):
            assert client.get(url).status_code == 200


def test_the_same_users_can_edit_and_save_a_page_of_their_own_county(client, county_a, county_a_user, subtests):
    page = county_a.article
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    for role in ROLES:
        with subtests.test(role=role):
            client.force_login(county_a_user(role))
            assert client.get(url).status_code == 200
            response = client.post(url, article_form_data(f"甲县政务动态（{role}修改）", page.slug))
            assert response.status_code == 302
            assert Page.objects.get(pk=page.pk).draft_title == f"甲县政务动态（{role}修改）"


def test_posting_page_actions_on_another_county_changes_nothing(
    client, county_a, county_b, county_a_user, subtests, django_capture_on_commit_callbacks
):
    page = county_b.article
    form = article_form_data("甲县改过的标题", page.slug)
    actions = {
        "edit": (reverse("wagtailadmin_pages:edit", args=[page.pk]), form),
        "publish": (reverse("wagtailadmin_pages:edit", args=[page.pk]), {**form, "action-publish": "action-publish"}),
        "preview": (reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]), form),
        "copy into county A": (
            reverse("wagtailadmin_pages:copy", args=[page.pk]),
            {"new_title": "复制的页面", "new_slug": "copied", "new_parent_page": county_a.column.pk, "alias": False},
        ),
        "move into county A": (reverse("wagtailadmin_pages:move_confirm", args=[page.pk, county_a.column.pk]), {}),
        "delete": (reverse("wagtailadmin_pages:delete", args=[page.pk]), {}),
        "unpublish": (reverse("wagtailadmin_pages:unpublish", args=[page.pk]), {}),
        "lock": (reverse("wagtailadmin_pages:lock", args=[page.pk]), {}),
        "set privacy": (reverse("wagtailadmin_pages:set_privacy", args=[page.pk]), {"restriction_type": "login"}),
        "add a page": (
            reverse("wagtailadmin_pages:add", args=["home", "articlepage", county_b.column.pk]),
            {**article_form_data("混入乙县的页面", "intruder"), "action-publish": "action-publish"},
        ),
    }
    for role in ROLES:
        client.force_login(county_a_user(role))
        for name, (url, data) in actions.items():
            with subtests.test(role=role, action=name):
                before = state(page)
                with django_capture_on_commit_callbacks(execute=True):
                    response = client.post(url, data)
                assert_refused(response)
                assert state(page) == before


@pytest.mark.parametrize("role", ["签发", "管理员"])
def test_own_pages_cannot_be_moved_or_copied_into_another_county(client, county_a, county_b, county_a_user, role):
    client.force_login(county_a_user(role))
    page = county_a.article
    before = state(page)
    move = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, county_b.column.pk])
    assert_refused(client.get(move))
    assert_refused(client.post(move))
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {"new_title": "复制到乙县", "new_slug": "copied", "new_parent_page": county_b.column.pk, "alias": False},
    )
    assert response.status_code == 200
    assert "new_parent_page" in response.context["form"].errors
    assert state(page) == before
    assert not Page.objects.filter(title="复制到乙县").exists()


def test_the_positive_control_for_publishing(client, county_a, django_user_model, django_capture_on_commit_callbacks):
    """The very form the refusal test posts publishes for someone allowed to publish directly.

    Under the 三审 workflow that is a superuser only (release.publishing.hooks).
    """
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.gov.cn", "x"))
    page = county_a.article
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            {**article_form_data("甲县正式发布", page.slug), "action-publish": "action-publish"},
        )
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.title, page.live, page.has_unpublished_changes) == ("甲县正式发布", True, False)


def test_an_information_officer_drafts_but_cannot_publish(
    client, county_a, county_a_user, django_capture_on_commit_callbacks
):
    officer = county_a_user("信息员")
    client.force_login(officer)
    add = reverse("wagtailadmin_pages:add", args=["home", "articlepage", county_a.column.pk])
    response = client.post(add, article_form_data("信息员的草稿", "officer-draft"))
    assert response.status_code == 302
    draft = ArticlePage.objects.get(slug="officer-draft")
    assert (draft.live, draft.owner, draft.live_revision) == (False, officer, None)

    edit = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            edit, {**article_form_data("信息员想直接发布", "officer-draft"), "action-publish": "action-publish"}
        )
    draft.refresh_from_db()
    assert (draft.live, draft.live_revision, draft.first_published_at) == (False, None, None)

    # The officer's "add" permission covers their own pages only, not a colleague's.
    assert_refused(client.get(reverse("wagtailadmin_pages:edit", args=[county_a.article.pk])))


def test_bulk_actions_on_another_countys_page_neither_act_nor_show_its_title(
    client, county_b, county_a_user, make_user, django_capture_on_commit_callbacks
):
    page = county_b.article
    client.force_login(county_a_user("管理员"))
    for action in ("delete", "unpublish", "publish"):
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + f"?id={page.pk}"
        before = state(page)
        confirmation = client.get(url)
        assert confirmation.status_code == 200
        assert "乙县政务动态" not in confirmation.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url)
        assert state(page) == before

    # Wagtail itself names the page to whoever can edit it, so the check above is not vacuous.
    client.force_login(make_user(is_superuser=True))
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={page.pk}"
    assert "乙县政务动态" in client.get(url).content.decode()
