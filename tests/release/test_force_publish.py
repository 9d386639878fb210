"""Publishing outside the workflow: refused to 签发, forced by a site 管理员 with a reason, flagged until 补审."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, PageLogEntry, WorkflowState

from home.models import ArticlePage
from release.models import UnreviewedPublication
from tests.release.workflow import submit
from tests.sitegroup.utils import article_form_data, counts, message_texts

pytestmark = pytest.mark.django_db

REASON = "防汛紧急通知，须立即发布。"
REFUSAL = "本页面须经发布流程审核后才能发布，请提交审核。站点管理员确需立即发布的，请使用“强制发布”并填写理由。"
FLAG = "未经审核发布"


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def force_publish_url(page):
    return reverse("release_force_publish", args=[page.pk])


def post_review_url(publication):
    return reverse("release_post_review", args=[publication.pk])


def publish_in_editor(client, user, page):
    """The editor's "Publish" as posted by the browser."""
    client.force_login(user)
    data = article_form_data("甲县防汛紧急通知", page.slug)
    data["action-publish"] = "action-publish"
    return client.post(edit_url(page), data)


def force_publish(client, user, page, reason=REASON):
    client.force_login(user)
    return client.post(force_publish_url(page), {"reason": reason})


def action_menu_names(client, user, page):
    client.force_login(user)
    soup = BeautifulSoup(client.get(edit_url(page)).content, "html.parser")
    return {button["name"] for button in soup.select("footer button[name^=action-]")}


def flag_in_explorer(client, page):
    response = client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
    soup = BeautifulSoup(response.content, "html.parser")
    return [flag.find_parent("tr").get_text() for flag in soup.select('[data-release-flag="unreviewed"]')]


@pytest.fixture
def forced(client, draft, county_a_staff):
    """The draft force-published by county A's administrator."""
    force_publish(client, county_a_staff.administrator, draft)
    client.logout()
    return UnreviewedPublication.objects.get(page=draft)


def test_an_approver_cannot_publish_a_workflow_page_directly(client, draft, county_a_staff):
    before = counts()

    response = publish_in_editor(client, county_a_staff.approver, draft)

    assert response.status_code == 302
    assert response.url == edit_url(draft)
    assert REFUSAL in message_texts(client.get(response.url))
    draft.refresh_from_db()
    assert not draft.live
    assert draft.title == "甲县召开防汛工作会议"
    assert counts() == before


def test_an_approver_cannot_publish_a_new_page_directly(client, draft, county_a_staff):
    column = draft.get_parent()
    client.force_login(county_a_staff.approver)
    data = article_form_data("甲县新文章", "new-article")
    data["action-publish"] = "action-publish"

    response = client.post(reverse("wagtailadmin_pages:add", args=["home", "articlepage", column.pk]), data)

    assert response.status_code == 302
    assert REFUSAL in message_texts(client.get(response.url))
    assert not ArticlePage.objects.filter(slug="new-article").exists()


def test_an_approver_cannot_bulk_publish_workflow_pages(client, draft, county_a_staff):
    client.force_login(county_a_staff.approver)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={draft.pk}"

    response = client.post(url, {"include_descendants": ""})

    assert response.status_code == 302
    assert "所选页面中有须经发布流程审核的页面，不能批量发布，请逐一提交审核。" in message_texts(
        client.get(response.url)
    )
    draft.refresh_from_db()
    assert not draft.live


def test_the_editor_offers_publish_only_outside_the_workflow(client, draft, county_a_staff, django_user_model):
    assert "action-publish" not in action_menu_names(client, county_a_staff.approver, draft)
    admin_actions = action_menu_names(client, county_a_staff.administrator, draft)
    assert "action-publish" not in admin_actions
    assert "action-force-publish" in admin_actions
    assert "action-force-publish" not in action_menu_names(client, county_a_staff.approver, draft)
    superuser = django_user_model.objects.create_superuser("root", "root@example.gov.cn", "x")
    assert "action-publish" in action_menu_names(client, superuser, draft)


def test_force_publish_from_the_editor_saves_the_draft_then_asks_for_the_reason(client, draft, county_a_staff):
    client.force_login(county_a_staff.administrator)
    data = article_form_data("甲县防汛紧急通知", draft.slug)
    data["action-force-publish"] = "强制发布…"

    response = client.post(edit_url(draft), data)

    assert response.status_code == 302
    assert response.url == force_publish_url(draft)
    draft.refresh_from_db()
    assert draft.get_latest_revision().as_object().title == "甲县防汛紧急通知"
    assert not draft.live
    form = client.get(response.url)
    assert form.status_code == 200
    assert BeautifulSoup(form.content, "html.parser").select_one("textarea[name=reason]") is not None


def test_an_administrator_force_publishes_with_a_reason(
    client, draft, county_a_staff, django_capture_on_commit_callbacks
):
    administrator = county_a_staff.administrator
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, county_a_staff.officer, draft)
    client.force_login(administrator)
    # Under review the editor is locked for them, but the header still offers 强制发布.
    assert force_publish_url(draft) in client.get(edit_url(draft)).text

    response = force_publish(client, administrator, draft)

    assert response.status_code == 302
    assert response.url == edit_url(draft)
    draft.refresh_from_db()
    assert draft.live
    publication = UnreviewedPublication.objects.get(page=draft)
    assert (publication.published_by, publication.reason, publication.revision) == (
        administrator,
        REASON,
        draft.live_revision,
    )
    assert publication.is_pending
    entry = PageLogEntry.objects.get(page=draft, action="release.force_publish")
    assert (entry.user, entry.data["reason"], entry.revision) == (administrator, REASON, draft.live_revision)
    assert PageLogEntry.objects.filter(page=draft, action="wagtail.publish", user=administrator).exists()
    # The review in progress is cancelled: the page was published outside it.
    assert WorkflowState.objects.for_instance(draft).get().status == WorkflowState.STATUS_CANCELLED
    history = client.get(reverse("wagtailadmin_pages:history", args=[draft.pk]))
    assert f"未经审核强制发布，理由：{REASON}" in history.text


@pytest.mark.parametrize("reason", ["", "  "])
def test_force_publish_requires_a_reason(client, draft, county_a_staff, reason):
    before = counts()

    response = force_publish(client, county_a_staff.administrator, draft, reason=reason)

    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["请填写强制发布理由。"]
    draft.refresh_from_db()
    assert not draft.live
    assert counts() == before
    assert not UnreviewedPublication.objects.exists()


def test_an_incomplete_draft_is_not_force_published(client, draft, county_a_staff):
    draft.title = ""
    draft.save_revision(user=county_a_staff.officer, clean=False)

    response = force_publish(client, county_a_staff.administrator, draft)

    assert response.status_code == 200
    assert "草稿内容不完整，不能发布" in response.context["form"].non_field_errors()[0]
    draft.refresh_from_db()
    assert not draft.live
    assert not UnreviewedPublication.objects.exists()


@pytest.mark.parametrize("role", ["签发", "审核"])
def test_only_the_sites_administrator_may_force_publish(client, draft, site_group, make_user, role):
    user = make_user(site_group.county_a.groups[role])
    client.force_login(user)

    assert client.get(force_publish_url(draft)).url == reverse("wagtailadmin_home")
    assert force_publish(client, user, draft).url == reverse("wagtailadmin_home")
    draft.refresh_from_db()
    assert not draft.live


def test_renaming_the_administrators_group_changes_nobodys_rights(client, draft, site_group, county_a_staff):
    administrators = site_group.county_a.groups["管理员"]
    administrators.name = "甲县网站值班组"
    administrators.save()

    force_publish(client, county_a_staff.administrator, draft)

    draft.refresh_from_db()
    assert draft.live
    assert UnreviewedPublication.objects.filter(page=draft, published_by=county_a_staff.administrator).exists()


def test_a_group_merely_named_like_a_sites_administrators_may_not_force_publish(client, draft, site_group, make_user):
    """Same name ending, same page rights, same permissions: still not the group recorded as the site's 管理员."""
    administrators = site_group.county_a.groups["管理员"]
    lookalike = Group.objects.create(name="甲县人民政府办公室管理员")
    lookalike.permissions.set(administrators.permissions.all())
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=lookalike, page=grant.page, permission=grant.permission)
        for grant in administrators.page_permissions.all()
    )

    assert force_publish(client, make_user(lookalike), draft).url == reverse("wagtailadmin_home")
    draft.refresh_from_db()
    assert not draft.live


def test_the_sites_administrators_group_must_hold_the_permission(client, draft, site_group, county_a_staff):
    permission = Permission.objects.get(content_type__app_label="release", codename="force_publish")
    site_group.county_a.groups["管理员"].permissions.remove(permission)
    # Holding it through another site's 管理员 group grants nothing on this site.
    county_a_staff.administrator.groups.add(site_group.county_b.groups["管理员"])

    assert force_publish(client, county_a_staff.administrator, draft).url == reverse("wagtailadmin_home")
    draft.refresh_from_db()
    assert not draft.live


def test_the_flag_shows_in_the_editor_the_explorer_and_the_report(client, forced, county_a_staff):
    client.force_login(county_a_staff.reviewer)

    editor_messages = message_texts(client.get(edit_url(forced.page)))
    assert any(message.startswith(FLAG) and REASON in message for message in editor_messages)
    assert post_review_url(forced) in client.get(edit_url(forced.page)).text
    assert [row for row in flag_in_explorer(client, forced.page) if "甲县召开防汛工作会议" in row]
    report = client.get(reverse("release_unreviewed_publications"))
    assert report.status_code == 200
    assert "甲县召开防汛工作会议" in report.text
    assert post_review_url(forced) in report.text


def test_the_force_publisher_cannot_review_their_own_publication(client, forced, county_a_staff):
    client.force_login(county_a_staff.administrator)

    page = client.get(post_review_url(forced))
    assert "不能补审自己强制发布的内容。" in page.text
    assert BeautifulSoup(page.content, "html.parser").select_one("form button[type=submit]") is None
    response = client.post(post_review_url(forced), {"comment": ""})

    assert "不能补审自己强制发布的内容。" in message_texts(client.get(response.url))
    forced.refresh_from_db()
    assert forced.is_pending
    assert not PageLogEntry.objects.filter(action="release.post_review").exists()


def test_a_reviewer_approves_afterwards_and_the_flag_goes(client, forced, county_a_staff):
    reviewer = county_a_staff.reviewer
    client.force_login(reviewer)
    form = BeautifulSoup(client.get(post_review_url(forced)).content, "html.parser")
    assert REASON in form.get_text()
    assert form.select_one(
        f'a[href="{reverse("wagtailadmin_pages:revisions_view", args=[forced.page_id, forced.revision_id])}"]'
    )
    assert form.select_one("textarea[name=comment]") is not None

    response = client.post(post_review_url(forced), {"comment": "内容无误"})

    assert response.url == reverse("release_unreviewed_publications")
    forced.refresh_from_db()
    assert (forced.reviewed_by, forced.is_pending) == (reviewer, False)
    entry = PageLogEntry.objects.get(page=forced.page, action="release.post_review")
    assert (entry.user, entry.data["comment"]) == (reviewer, "内容无误")
    assert not any(message.startswith(FLAG) for message in message_texts(client.get(edit_url(forced.page))))
    assert flag_in_explorer(client, forced.page) == []
    assert "甲县召开防汛工作会议" not in client.get(reverse("release_unreviewed_publications")).text
    # Approved once: a second approval is refused.
    client.force_login(county_a_staff.approver)
    client.post(post_review_url(forced), {"comment": ""})
    assert PageLogEntry.objects.filter(action="release.post_review").count() == 1


def test_the_author_of_the_published_revision_cannot_review_it(client, draft, site_group, make_user, county_a_staff):
    reviewer_author = make_user(site_group.county_a.groups["审核"])
    draft.title = "甲县防汛紧急通知"
    draft.save_revision(user=reviewer_author)
    force_publish(client, county_a_staff.administrator, draft)
    publication = UnreviewedPublication.objects.get()

    client.force_login(reviewer_author)
    client.post(post_review_url(publication), {"comment": ""})

    publication.refresh_from_db()
    assert publication.is_pending


def test_another_sites_staff_can_neither_see_nor_clear_the_flag(client, forced, site_group, make_user):
    county_b_groups = site_group.county_b.groups
    for user in (make_user(county_b_groups["管理员"]), make_user(county_b_groups["审核"])):
        client.force_login(user)
        assert "甲县召开防汛工作会议" not in client.get(reverse("release_unreviewed_publications")).text
        assert client.get(post_review_url(forced)).status_code == 404
        assert client.post(post_review_url(forced), {"comment": ""}).status_code == 404
        assert client.get(force_publish_url(forced.page)).url == reverse("wagtailadmin_home")

    forced.refresh_from_db()
    assert forced.is_pending
