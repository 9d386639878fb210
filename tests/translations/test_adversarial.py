"""Adversarial review of the translation workflow: text that nobody reviewed must not go live at 签发.

Wagtail's last workflow approval publishes the page's *latest* revision (wagtail.workflows.publish_workflow_state).
A revision saved after 外文审校 approved the translation, but before 签发, is therefore published unreviewed.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale, WorkflowState

from tests.translations.helpers import english_of, publish_new_article, translate_every_segment, translator_group
from translations.checks import page_translation

REVIEWED = "Jiaxian County prepares for the flood season."
ENGLISH = {
    "甲县召开防汛工作会议": "Jiaxian County holds a flood prevention meeting",
    "示例市人民政府办公室": "Office of the Shili Municipal People's Government",
}


@pytest.fixture
def awaiting_sign_off(client, english, make_user, django_capture_on_commit_callbacks):
    """County A's English article, translated, submitted and approved at 外文审校: waiting for 签发."""
    county = english.county_a
    capture = django_capture_on_commit_callbacks
    article = publish_new_article(county, "甲县召开防汛工作会议", "甲县部署今年防汛工作。", capture)
    page = english_of(article)
    translator = make_user(translator_group(county))
    client.force_login(translator)
    assert {
        response.status_code
        for response in translate_every_segment(client, page, lambda text: ENGLISH.get(text, REVIEWED))
    } == {201}
    with capture(execute=True):
        client.post(reverse("translations_submit_for_review", args=[page.pk]))
    client.force_login(make_user(county.groups["审核"]))
    with capture(execute=True):
        approve(client, page)
    page.refresh_from_db()
    assert page.current_workflow_task.name == "甲县人民政府办公室签发"

    class Awaiting:
        original = article
        translated = page
        approver = make_user(county.groups["签发"])

    Awaiting.translator = translator
    return Awaiting


def approve(client, page):
    task_state = WorkflowState.objects.get(
        object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, {"comment": ""})


def sign_off(client, awaiting, capture):
    client.force_login(awaiting.approver)
    with capture(execute=True):
        approve(client, awaiting.translated)
    page = awaiting.translated
    page.refresh_from_db()
    return page.specific


def test_a_po_upload_after_review_does_not_go_live_at_sign_off(
    client, awaiting_sign_off, django_capture_on_commit_callbacks
):
    page = awaiting_sign_off.translated
    po = str(page_translation(page).export_po()).replace(f'msgstr "{REVIEWED}"', 'msgstr "Unreviewed text"')
    assert "Unreviewed text" in po
    upload = SimpleUploadedFile("page.po", po.encode(), content_type="text/x-gettext-translation")
    client.force_login(awaiting_sign_off.translator)
    report = client.post(reverse("translations_po", args=[page.pk]), {"file": upload})
    assert report.status_code == 200

    published = sign_off(client, awaiting_sign_off, django_capture_on_commit_callbacks)
    assert "Unreviewed text" not in str(published.body)


def test_an_original_republished_during_sign_off_puts_no_chinese_text_live(
    client, awaiting_sign_off, django_capture_on_commit_callbacks
):
    original = awaiting_sign_off.original
    original.body = [("paragraph", "<p>新增的中文内容尚未翻译。</p>")]
    with django_capture_on_commit_callbacks(execute=True):
        original.save_revision().publish()

    published = sign_off(client, awaiting_sign_off, django_capture_on_commit_callbacks)
    assert Locale.objects.get(pk=published.locale_id).language_code == "en"
    assert "新增的中文内容" not in str(published.body)


def test_an_original_withdrawn_during_sign_off_keeps_its_translation_offline(
    client, awaiting_sign_off, django_capture_on_commit_callbacks
):
    """撤稿 of the Chinese original while its English page waits for 签发: the English must not go live after it."""
    original = awaiting_sign_off.original
    client.force_login(awaiting_sign_off.approver)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("release_withdraw", args=[original.pk]), {"reason": "数据有误，待核实后重新发布。"})
    original.refresh_from_db()
    assert not original.live

    published = sign_off(client, awaiting_sign_off, django_capture_on_commit_callbacks)
    assert not published.live
