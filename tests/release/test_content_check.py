"""The automated content check stops a submission, with a readable report, for each class of problem."""

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail.models import PageViewRestriction, TaskState, WorkflowState
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import rich_text, streamfield

from release.models import PlatformContentRules, SiteContentRules
from tests.factories import ArticlePageFactory
from tests.release.workflow import submit


def submit_and_get_check(client, user, page, capture, **changes):
    with capture(execute=True):
        submit(client, user, page, **changes)
    state = WorkflowState.objects.for_instance(page).get()
    return state, state.current_task_state.specific


def body_with(html):
    return streamfield([("paragraph", rich_text(html))])


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def assert_blocked(state, check, expected_kind, expected_text):
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert check.status == TaskState.STATUS_REJECTED
    assert expected_kind in [problem["kind"] for problem in check.report]
    assert expected_text in check.comment


def test_a_clean_page_passes_straight_to_the_first_review(client, draft, county_a_staff, capture):
    state, first_review = submit_and_get_check(client, county_a_staff.officer, draft, capture)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    check = state.task_states.get(task__name="内容自动检查").specific
    assert (check.status, check.report) == (TaskState.STATUS_APPROVED, [])
    assert first_review.task.name == "甲县人民政府部门初审"


def test_a_platform_sensitive_word_blocks(client, draft, county_a_staff, capture):
    PlatformContentRules.objects.create(sensitive_words="违禁词甲\n违禁词乙")
    state, check = submit_and_get_check(
        client, county_a_staff.officer, draft, capture, body=body_with("<p>会议提到违禁词乙的问题。</p>")
    )
    assert_blocked(state, check, "sensitive_word", "违禁词乙")
    assert "违禁词甲" not in check.comment


def test_site_lists_apply_to_their_site_and_below_but_not_to_siblings(
    client, draft, county_a_staff, site_group, capture
):
    SiteContentRules.objects.create(site=site_group.county_b.site, sensitive_words="乙县专用词")
    SiteContentRules.objects.create(site=site_group.portal.site, name_corrections="张三丰县长=张三县长")
    state, check = submit_and_get_check(
        client, county_a_staff.officer, draft, capture, body=body_with("<p>乙县专用词。张三丰县长出席。</p>")
    )
    assert_blocked(state, check, "wrong_name", "“张三丰县长”应为“张三县长”")
    assert "乙县专用词" not in check.comment


def test_a_wrong_official_name_in_the_title_blocks(client, draft, county_a_staff, site_group, capture):
    SiteContentRules.objects.create(site=site_group.county_a.site, name_corrections="甲县人民正府=甲县人民政府")
    state, check = submit_and_get_check(client, county_a_staff.officer, draft, capture, title="甲县人民正府召开会议")
    assert_blocked(state, check, "wrong_name", "甲县人民正府")


def test_a_link_to_an_unpublished_page_blocks(client, draft, county_a_staff, site_group, capture):
    column = site_group.county_a.home.get_descendants().get(slug="tzgg").specific
    unpublished = ArticlePageFactory(parent=column, title="未发布的通知", live=False)
    html = f'<p>详见<a linktype="page" id="{unpublished.pk}">通知</a>。</p>'
    state, check = submit_and_get_check(client, county_a_staff.officer, draft, capture, body=body_with(html))
    assert_blocked(state, check, "broken_link", "未发布的通知")


def test_a_link_to_a_private_page_blocks(client, draft, county_a_staff, site_group, capture):
    column = site_group.county_a.home.get_descendants().get(slug="tzgg").specific
    private = ArticlePageFactory(parent=column, title="内部通知")
    PageViewRestriction.objects.create(page=column, restriction_type=PageViewRestriction.LOGIN)
    html = f'<p>详见<a linktype="page" id="{private.pk}">通知</a>。</p>'
    state, check = submit_and_get_check(client, county_a_staff.officer, draft, capture, body=body_with(html))
    assert_blocked(state, check, "broken_link", "不对公众开放")


def test_a_link_to_a_deleted_page_or_document_blocks(client, draft, county_a_staff, site_group, capture):
    document = wagtail_factories.DocumentFactory(collection=site_group.county_a.collection)
    column = site_group.county_a.home.get_descendants().get(slug="tzgg").specific
    deleted_page = ArticlePageFactory(parent=column, title="将被删除")
    html = (
        f'<p><a linktype="document" id="{document.pk}">附件</a><a linktype="page" id="{deleted_page.pk}">原通知</a></p>'
    )
    document_id, page_id = document.pk, deleted_page.pk
    document.delete()
    deleted_page.delete()
    state, check = submit_and_get_check(client, county_a_staff.officer, draft, capture, body=body_with(html))
    assert_blocked(state, check, "broken_link", f"链接的文件（ID {document_id}）已被删除")
    assert f"链接的页面（ID {page_id}）已被删除" in check.comment


def test_missing_required_metadata_blocks(client, draft, county_a_staff, capture):
    state, check = submit_and_get_check(client, county_a_staff.officer, draft, capture, source="")
    assert_blocked(state, check, "missing_metadata", "来源")


def test_the_editor_and_the_reviewer_see_the_report(client, draft, county_a_staff, capture):
    PlatformContentRules.objects.create(sensitive_words="违禁词乙")
    state, _check = submit_and_get_check(
        client, county_a_staff.officer, draft, capture, body=body_with("<p>违禁词乙</p>")
    )
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    assert "含有敏感词“违禁词乙”" in editor.content.decode()

    client.force_login(county_a_staff.reviewer)
    history = client.get(reverse("wagtailadmin_pages:workflow_history_detail", args=[draft.pk, state.pk]))
    assert "含有敏感词“违禁词乙”" in history.content.decode()


def test_a_resubmission_after_fixing_the_problem_passes(client, draft, county_a_staff, capture):
    PlatformContentRules.objects.create(sensitive_words="违禁词乙")
    submit_and_get_check(client, county_a_staff.officer, draft, capture, body=body_with("<p>违禁词乙</p>"))
    state, current = submit_and_get_check(client, county_a_staff.officer, draft, capture)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert current.task.name == "甲县人民政府部门初审"


def test_badly_formed_name_corrections_are_refused_with_the_line_numbers():
    from django.core.exceptions import ValidationError

    rules = PlatformContentRules(name_corrections="甲=乙\n没有等号\n\n丙=丙")
    with pytest.raises(ValidationError) as error:
        rules.full_clean()
    assert "第 2、4 行" in str(error.value)


def test_a_link_to_another_sites_hidden_page_does_not_name_it(draft, county_a_staff, site_group):
    """The report does not name another site's draft or private page: the link may predate item 1's refusal."""
    column_b = site_group.county_b.home.get_children().get(slug="zwdt")
    unpublished = ArticlePageFactory(parent=column_b, title="乙县未发布草稿", live=False)
    private = ArticlePageFactory(parent=column_b, title="乙县内部通知")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")  # noqa: S106
    links = "".join(f'<p><a linktype="page" id="{page.pk}">链接</a></p>' for page in (unpublished, private))
    draft.body = [("paragraph", RichText(links))]
    draft.save_revision(user=county_a_staff.officer)
    state = draft.get_workflow().start(draft, county_a_staff.officer)
    check = state.task_states.get(task__name="内容自动检查").specific
    assert check.status == TaskState.STATUS_REJECTED
    assert check.comment.count("链接指向未发布或无权查看的页面") == 2
    for title in ("乙县未发布草稿", "乙县内部通知"):
        assert title not in check.comment
        assert title not in str(check.report)
