"""The release process as its people go through it, by the admin views: check, send-backs, four eyes."""

import re

import pytest
import wagtail_factories
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from home.models import ArticlePage
from release.models import PlatformContentRules
from sitegroup.platform import SYSTEM_ADMIN_GROUP
from tests.factories import UserFactory, site_identity
from tests.release.workflow import act, current_task_state, submit
from tests.sitegroup.utils import article_form_data, message_texts

SENSITIVE_WORD = "违禁词乙"


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def rules(db):
    rules = PlatformContentRules.load()
    rules.sensitive_words = SENSITIVE_WORD
    rules.save()
    return rules


@pytest.fixture
def attachment(site_group):
    return wagtail_factories.DocumentFactory(collection=site_group.county_a.collection, title="会议材料")


def body(html="<p>正文第一段。</p>"):
    return streamfield([("paragraph", rich_text(html))])


def with_attachment(document, **changes):
    return {"attachments": inline_formset([{"document": document.pk, "title": ""}]), **changes}


def body_as_stored(page):
    """The body as the editor posts it back unchanged: the same block ids and rich-text block keys."""
    stored = page.revisions.latest("created_at").as_object().body
    blocks = streamfield([(block.block_type, rich_text(block.value.source)) for block in stored])
    for index, block in enumerate(stored):
        blocks[str(index)]["id"] = block.id
    return blocks


def keeping_attachment(page, **changes):
    """The edit form as the editor posts it back: the attachment row with its id."""
    row = page.attachments.get()
    rows = [{"id": row.pk, "document": row.document_id, "title": ""}]
    return {"attachments": inline_formset(rows, initial=1), **changes}


def create_and_submit(client, officer, column, document):
    """The officer writes a 通知公告 with an attachment in the admin's create view and submits it."""
    client.force_login(officer)
    data = article_form_data("关于防汛工作的通知", "fangxun-tongzhi", **with_attachment(document))
    data["action-submit"] = "Submit"
    response = client.post(reverse("wagtailadmin_pages:add", args=["home", "articlepage", column.pk]), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    return response, ArticlePage.objects.child_of(column).get(slug="fangxun-tongzhi")


def workflow_state(page):
    return WorkflowState.objects.for_instance(page).order_by("-pk").first()


def task_names(page):
    """The tasks of the page's latest workflow state in the order they started."""
    return [state.task.name for state in workflow_state(page).task_states.order_by("started_at", "pk")]


def test_an_article_with_an_attachment_is_sent_back_checked_again_and_released(
    client, site_group, county_a_staff, attachment, rules, capture
):
    staff = county_a_staff
    column = site_group.county_a.home.get_descendants().get(slug="tzgg")
    with capture(execute=True):
        _response, article = create_and_submit(client, staff.officer, column, attachment)
    # The attachment is the page's own, not a link to an unpublished page.
    assert current_task_state(article).task.name == "甲县人民政府部门初审"

    with capture(execute=True):
        act(client, staff.reviewer, article, "reject", comment="请写明会议时间")
    assert workflow_state(article).status == WorkflowState.STATUS_NEEDS_CHANGES

    # The fix brings a listed word in: the check runs again on the resubmission and catches it.
    mail.outbox.clear()
    changes = keeping_attachment(article, body=body(f"<p>6月3日召开会议，{SENSITIVE_WORD}。</p>"))
    with capture(execute=True):
        response = submit(client, staff.officer, article, **changes)
    state = workflow_state(article)
    check = state.current_task_state.specific
    assert (state.status, check.task.name, check.status) == (
        WorkflowState.STATUS_NEEDS_CHANGES,
        "内容自动检查",
        TaskState.STATUS_REJECTED,
    )
    # It reads as a failure, in the editor the officer is sent back to.
    assert response.url == reverse("wagtailadmin_pages:edit", args=[article.pk])
    shown = client.get(response.url)
    texts = " ".join(message_texts(shown))
    assert "提交未通过内容自动检查" in texts and f"含有敏感词“{SENSITIVE_WORD}”" in texts
    assert "已经提交" not in texts and "submitted for moderation" not in texts
    assert "自动检查未通过" in texts
    # Attributed to the check, and the officer gets Wagtail's "changes requested" e-mail.
    assert check.finished_by is None
    rejection = PageLogEntry.objects.filter(page=article, action="wagtail.workflow.reject").latest("pk")
    assert rejection.user is None and rejection.data["workflow"]["task"]["title"] == "内容自动检查"
    assert [message.to for message in mail.outbox] == [[staff.officer.email]]
    assert SENSITIVE_WORD in mail.outbox[0].body

    changes = keeping_attachment(article, body=body("<p>6月3日召开会议。</p>"))
    with capture(execute=True):
        submit(client, staff.officer, article, **changes)
        assert current_task_state(article).task.name == "甲县人民政府部门初审"
        act(client, staff.reviewer, article, "approve")
        act(client, staff.approver, article, "approve")
    article.refresh_from_db()
    assert article.live
    assert [link.document_id for link in article.attachments.all()] == [attachment.pk]


def test_a_send_back_at_the_sign_off_returns_through_the_check_and_the_first_review(
    client, draft, county_a_staff, rules, capture
):
    staff = county_a_staff
    with capture(execute=True):
        submit(client, staff.officer, draft)
        act(client, staff.reviewer, draft, "approve")
        act(client, staff.approver, draft, "reject", comment="请核对领导姓名")
    assert workflow_state(draft).status == WorkflowState.STATUS_NEEDS_CHANGES
    client.force_login(staff.officer)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    button = re.search(r'name="action-submit"[^>]*>(.*?)</button>', editor, re.DOTALL).group(1)
    assert "内容自动检查" in button and "签发" not in button

    with capture(execute=True):
        submit(client, staff.officer, draft, body=body(f"<p>{SENSITIVE_WORD}</p>"))
    assert workflow_state(draft).current_task_state.task.name == "内容自动检查"

    with capture(execute=True):
        submit(client, staff.officer, draft)
    assert current_task_state(draft).task.name == "甲县人民政府部门初审"
    with capture(execute=True):
        act(client, staff.reviewer, draft, "approve")
        assert current_task_state(draft).task.name == "甲县人民政府办公室签发"
        act(client, staff.approver, draft, "approve")
    draft.refresh_from_db()
    assert draft.live
    assert task_names(draft)[-5:] == [
        "内容自动检查",
        "内容自动检查",
        "甲县人民政府部门初审",
        "甲县人民政府办公室签发",
        "三同步检查",
    ]


def edit_page_messages(client, user, page):
    client.force_login(user)
    return " ".join(message_texts(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))))


def action_names(page, user):
    return [name for name, _label, _modal in current_task_state(page).task.specific.get_actions(page, user)]


def test_a_reviewer_who_edited_before_someone_else_submitted_may_not_approve(client, draft, county_a_staff, capture):
    staff = county_a_staff
    client.force_login(staff.reviewer)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        article_form_data("甲县召开防汛工作会议（审核改稿）", draft.slug),
    )
    with capture(execute=True):
        submit(client, staff.officer, draft, title="甲县召开防汛工作会议（审核改稿）")

    assert action_names(draft, staff.reviewer) == ["reject"]
    assert "不能审核通过自己的修改" in edit_page_messages(client, staff.reviewer, draft)
    with capture(execute=True):
        act(client, staff.reviewer, draft, "approve")
    assert current_task_state(draft).task.name == "甲县人民政府部门初审"
    # A colleague in the same group may approve it.
    colleague = staff.reviewer.__class__.objects.create(username="reviewer-2")
    colleague.groups.add(*staff.reviewer.groups.all())
    assert "approve" in action_names(draft, colleague)


def test_an_approver_who_edited_can_send_back_and_approve_once_the_first_review_saw_the_edit(
    client, draft, county_a_staff, capture
):
    staff = county_a_staff
    with capture(execute=True):
        submit(client, staff.officer, draft)
        act(client, staff.reviewer, draft, "approve")
    client.force_login(staff.approver)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        article_form_data("甲县召开防汛工作会议（签发改稿）", draft.slug),
    )
    assert action_names(draft, staff.approver) == ["reject"]
    assert "不能审核通过自己的修改" in edit_page_messages(client, staff.approver, draft)

    with capture(execute=True):
        act(client, staff.approver, draft, "reject", comment="标题已改，请初审确认")
        submit(client, staff.officer, draft, title="甲县召开防汛工作会议（签发改稿）")
        act(client, staff.reviewer, draft, "approve")
    assert action_names(draft, staff.approver) == ["reject", "approve", "approve"]
    with capture(execute=True):
        act(client, staff.approver, draft, "approve")
    draft.refresh_from_db()
    assert draft.live and draft.title == "甲县召开防汛工作会议（签发改稿）"


def test_the_explorer_and_the_dashboard_show_a_failed_check(client, draft, county_a_staff, rules, capture):
    with capture(execute=True):
        submit(client, county_a_staff.officer, draft, body=body(f"<p>{SENSITIVE_WORD}</p>"))
    explorer = client.get(reverse("wagtailadmin_explore", args=[draft.get_parent().pk])).content.decode()
    assert 'data-release-flag="failed-check"' in explorer
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "自动检查未通过" in dashboard and f"含有敏感词“{SENSITIVE_WORD}”" in dashboard


def test_site_administrators_are_warned_of_review_steps_with_fewer_than_two_members(
    client, site_group, county_a_staff, make_user
):
    client.force_login(county_a_staff.administrator)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "审核环节人员不足" in home
    assert "甲县人民政府部门初审" in home and "乙县人民政府部门初审" not in home

    make_user(site_group.county_a.groups["审核"])
    make_user(site_group.county_a.groups["签发"])
    assert "审核环节人员不足" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_opening_a_site_asks_for_two_members_in_each_review_step(client, site_group):
    client.force_login(UserFactory(groups=[Group.objects.get(name=SYSTEM_ADMIN_GROUP)]))
    data = {"parent": site_group.portal.home.pk, "name": "丙县人民政府", "slug": "county-c", "kind": "county"}
    data.update(hostname="county-c.localhost", port=80, **site_identity(9))
    response = client.post(reverse("sitegroup_provision_subsite"), data)
    assert response.status_code == 302, response.context["form"].errors
    texts = " ".join(message_texts(client.get(response.url)))
    assert "每个环节至少两人" in texts and "丙县人民政府部门初审（丙县人民政府审核，0 人）" in texts


def test_a_reviewer_who_only_commented_in_the_editor_may_still_approve(client, draft, county_a_staff, capture):
    staff = county_a_staff
    with capture(execute=True):
        submit(client, staff.officer, draft)
    comment = {"contentpath": "title", "text": "标题请写明日期", "position": "", "replies": inline_formset([])}
    client.force_login(staff.reviewer)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        article_form_data(draft.title, draft.slug, body=body_as_stored(draft), comments=inline_formset([comment])),
    )
    assert response.status_code == 302
    assert draft.revisions.latest("created_at").user == staff.reviewer
    assert "approve" in action_names(draft, staff.reviewer)


def test_the_approver_approves_from_the_editor_and_the_page_goes_live(
    client, site_group, county_a_staff, attachment, capture
):
    """批准 in the editor's action menu posts the whole form back: unedited, it is no new revision."""
    staff = county_a_staff
    column = site_group.county_a.home.get_descendants().get(slug="tzgg")
    with capture(execute=True):
        _response, article = create_and_submit(client, staff.officer, column, attachment)
        act(client, staff.reviewer, article, "approve")
    revisions = article.revisions.count()

    client.force_login(staff.approver)
    data = article_form_data(article.title, article.slug, body=body_as_stored(article), **keeping_attachment(article))
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})
    with capture(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live
    assert article.revisions.count() == revisions
    assert workflow_state(article).status == WorkflowState.STATUS_APPROVED
