"""A county translator's journey through the real admin views: translate, 提交审校, 外文审校 (four eyes), 签发, live.

wagtail-localize's editor has no workflow actions; translations.admin_views.submit_translation_for_review is its
提交审校 button (translations/templates/wagtail_localize/admin/edit_translation.html).
"""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, TaskState, WorkflowState
from wagtail_localize.models import StringSegment

from tests.sitegroup.utils import message_texts
from tests.translations.helpers import (
    english_of,
    publish_new_article,
    translate_every_segment,
    translator_group,
)
from translations.checks import page_translation

ENGLISH = {
    "甲县召开防汛工作会议": "Jiaxian County holds a flood prevention meeting",
    "示例市人民政府办公室": "Office of the Shili Municipal People's Government",
}


def to_english(text):
    return ENGLISH.get(text, "Jiaxian County prepares for the flood season.")


@pytest.fixture
def journey(english, make_user, django_capture_on_commit_callbacks):
    county = english.county_a
    capture = django_capture_on_commit_callbacks
    article = publish_new_article(county, "甲县召开防汛工作会议", "甲县部署今年防汛工作。", capture)
    translators = translator_group(county)

    class Journey:
        page = english_of(article)
        county = english.county_a
        translator = make_user(translators)
        second_translator = make_user(translators)
        reviewer = make_user(county.groups["审核"])
        approver = make_user(county.groups["签发"])

    return Journey


def submit(client, page):
    return client.post(reverse("translations_submit_for_review", args=[page.pk]))


def current_task_state(page):
    return WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS).current_task_state


def act(client, page, action="approve", **data):
    task_state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": "", **data})


def test_a_translated_article_goes_live_in_english_only_after_review_and_sign_off(
    client, journey, django_capture_on_commit_callbacks
):
    page = journey.page
    assert not page.live
    client.force_login(journey.translator)

    # The editor shows the progress and the button; an untranslated page is refused with the reason.
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert editor.status_code == 200
    segments = StringSegment.objects.filter(source=page_translation(page).source)
    assert f"翻译进度 0/{segments.count()}" in editor.content.decode()
    assert "提交审校" in editor.content.decode()
    refused = submit(client, page)
    assert f"尚有 {segments.count()} 段未翻译" in " ".join(message_texts(client.get(refused.url, follow=True)))
    assert page.current_workflow_state is None

    assert {response.status_code for response in translate_every_segment(client, page, to_english)} == {201}
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, page)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.current_workflow_task.name == "甲县人民政府外文审校"
    assert not page.live
    assert "审校中" in client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    # Submitting again while in review is refused.
    submit(client, page)
    assert WorkflowState.objects.filter(object_id=str(page.pk)).count() == 1

    # Four eyes: whoever translated cannot approve, whoever did not can.
    task_state = current_task_state(page)
    act(client, page)
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS

    client.force_login(journey.reviewer)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Jiaxian County holds a flood prevention meeting" in dashboard
    preview = client.get(reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task_state.task_id]))
    assert preview.status_code == 200
    assert "Jiaxian County prepares for the flood season." in preview.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        act(client, page)
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task.name == "甲县人民政府办公室签发"

    client.force_login(journey.approver)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, page)
    page.refresh_from_db()
    assert page.live
    assert page.title == "Jiaxian County holds a flood prevention meeting"

    client.logout()
    # Its English column and home went live before (through the same workflow).
    for above in page.get_ancestors().filter(depth__gt=1):
        above.specific.save_revision().publish()
    public = client.get(page.get_url(), HTTP_HOST="county-a.localhost")
    assert public.status_code == 200
    assert "Jiaxian County prepares for the flood season." in public.content.decode()
    assert "甲县部署今年防汛工作" not in public.content.decode()


def test_a_second_translator_may_review_but_not_one_who_translated_a_string(client, journey):
    page = journey.page
    client.force_login(journey.translator)
    translate_every_segment(client, page, to_english)
    submit(client, page)
    # The second translator corrects one string in the editor during the review: now they translated too.
    client.force_login(journey.second_translator)
    translate_every_segment(client, page, lambda text: to_english(text).upper())
    task_state = current_task_state(page)
    act(client, page)
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS
    # The site's 审核, who translated nothing, may.
    client.force_login(journey.reviewer)
    act(client, page)
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED


def test_a_second_translator_who_translated_nothing_approves(client, journey):
    page = journey.page
    client.force_login(journey.translator)
    translate_every_segment(client, page, to_english)
    submit(client, page)
    client.force_login(journey.second_translator)
    task_state = current_task_state(page)
    act(client, page)
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED


def test_after_a_send_back_the_translator_resubmits_and_the_content_check_runs_again(client, journey):
    page = journey.page
    client.force_login(journey.translator)
    translate_every_segment(client, page, to_english)
    submit(client, page)
    client.force_login(journey.reviewer)
    act(client, page, action="reject", comment="请统一译名。")
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    client.force_login(journey.translator)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "退回修改" in editor and "重新提交" in editor
    translate_every_segment(client, page, lambda text: to_english(text) + " ")
    submit(client, page)
    page.refresh_from_db()
    workflow_state = page.current_workflow_state
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    # Resumed, not a second workflow; restarted at the content check, which passed, so 外文审校 again.
    assert WorkflowState.objects.filter(object_id=str(page.pk)).count() == 1
    assert page.current_workflow_task.name == "甲县人民政府外文审校"
    checks = workflow_state.task_states.filter(task__name="内容自动检查")
    assert checks.count() == 2


def test_a_live_translation_keeps_serving_its_published_text_while_a_new_one_is_in_review(
    client, journey, django_capture_on_commit_callbacks
):
    page = journey.page
    client.force_login(journey.translator)
    translate_every_segment(client, page, to_english)
    submit(client, page)
    for user in (journey.reviewer, journey.approver):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            act(client, page)
    page.refresh_from_db()
    assert page.live
    client.force_login(journey.translator)
    translate_every_segment(client, page, lambda text: "Revised: " + to_english(text))
    submit(client, page)
    page.refresh_from_db()
    assert page.title == "Jiaxian County holds a flood prevention meeting"
    assert page.get_latest_revision().as_object().title.startswith("Revised: ")


def test_only_translators_of_the_site_may_submit(client, journey, make_user, english):
    other = make_user(translator_group(english.portal))
    stranger = make_user(english.county_b.groups["编辑"])
    client.force_login(journey.translator)
    translate_every_segment(client, journey.page, to_english)
    client.force_login(stranger)
    submit(client, journey.page)
    assert journey.page.current_workflow_state is None
    # The portal's translators work on the portal's English tree, which holds county A's: allowed, as for editors.
    client.force_login(other)
    submit(client, journey.page)
    assert journey.page.current_workflow_state is not None


def work_row(client, page):
    """The 翻译任务 row of `page` as text (status and progress)."""
    response = client.get(reverse("translations_work"))
    row = next(row for row in response.context["table"].rows if row.instance.page.pk == page.pk)
    return row.instance


def test_the_work_list_follows_the_page_from_untranslated_to_live_and_out_of_date(
    client, journey, django_capture_on_commit_callbacks
):
    page = journey.page
    client.force_login(journey.translator)
    row = work_row(client, page)
    assert (row.status_label, row.progress) == ("待翻译", f"0/{row.total}")
    translate_every_segment(client, page, to_english)
    assert work_row(client, page).status_label == "待提交审校"
    submit(client, page)
    assert work_row(client, page).status_label == "审校中"
    for user in (journey.reviewer, journey.approver):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            act(client, page)
    client.force_login(journey.translator)
    assert work_row(client, page).status_label == "已发布"

    original = page.get_translation(Locale.objects.get(language_code="zh-hans")).specific
    original.title = "甲县召开防汛抗旱工作会议"
    with django_capture_on_commit_callbacks(execute=True):
        original.save_revision().publish()
    row = work_row(client, page)
    assert row.status_label == "原文已更新"
    assert row.translated < row.total
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "原文已更新" in editor
    status_line = BeautifulSoup(editor, "html.parser").select_one(".govcms-translation-review p").get_text()
    assert status_line.count("原文已更新") == 1
    # The public keeps the reviewed English title until the update is reviewed in turn.
    page.refresh_from_db()
    assert page.title == "Jiaxian County holds a flood prevention meeting"


def test_the_work_list_costs_the_same_queries_for_more_pages(client, journey, django_capture_on_commit_callbacks):
    client.force_login(journey.translator)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("translations_work")).status_code == 200
        return len(captured)

    before = queries()
    for number in range(3):
        publish_new_article(journey.county, f"甲县新闻{number}", "正文。", django_capture_on_commit_callbacks)
    assert queries() == before


def test_a_submission_the_content_check_returns_says_why(client, journey):
    page = journey.page
    client.force_login(journey.translator)
    # 人民政府 not rendered as the glossary's "People's Government".
    translate_every_segment(client, page, lambda text: "Office of the Shili Municipal Government")
    response = submit(client, page)
    messages = " ".join(message_texts(client.get(response.url, follow=True)))
    assert "提交未通过内容自动检查" in messages
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
