"""Adversarial review of the translation workflow: text that nobody reviewed must not go live at 签发.

Wagtail's last workflow approval publishes the page's *latest* revision (wagtail.workflows.publish_workflow_state).
A revision saved after 外文审校 approved the translation, but before 签发, would therefore be published unreviewed:
translations.sync.save_translation_draft takes the page out of review instead, and 签发 has nothing to approve.
"""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale, Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

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
    """签发 approves, if the page is still in review; the page as the public would then get it."""
    page = awaiting.translated
    client.force_login(awaiting.approver)
    if page.workflow_in_progress:
        with capture(execute=True):
            approve(client, page)
    page.refresh_from_db()
    return page.specific


def assert_nothing_unreviewed_went_live(page, unreviewed):
    assert not page.live or unreviewed not in str(page.body)
    assert not page.revisions.filter(pk=page.live_revision_id, content__icontains=unreviewed).exists()


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
    assert_nothing_unreviewed_went_live(published, "Unreviewed text")
    assert not published.workflow_in_progress  # out of review: the translator submits the new text again


def test_an_original_republished_during_sign_off_puts_no_chinese_text_live(
    client, awaiting_sign_off, django_capture_on_commit_callbacks
):
    original = awaiting_sign_off.original
    original.body = [("paragraph", "<p>新增的中文内容尚未翻译。</p>")]
    with django_capture_on_commit_callbacks(execute=True):
        original.save_revision().publish()

    published = sign_off(client, awaiting_sign_off, django_capture_on_commit_callbacks)
    assert Locale.objects.get(pk=published.locale_id).language_code == "en"
    assert_nothing_unreviewed_went_live(published, "新增的中文内容")


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


def edit_form_data(html):
    """The values Wagtail's page editor would post back unchanged (its StreamFields are built by JavaScript)."""
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
    data = {}
    for element in form.find_all(["input", "select", "textarea"]):
        name, kind = element.get("name"), element.get("type")
        if (
            not name
            or kind in ("submit", "button", "file")
            or (kind in ("checkbox", "radio") and not element.has_attr("checked"))
        ):
            continue
        if element.name == "select":
            data[name] = [option.get("value", "") for option in element.find_all("option", selected=True)]
        else:
            data[name] = element.text if element.name == "textarea" else element.get("value", "")
    return data


def test_a_translator_cannot_retype_a_synchronised_fact_by_stopping_the_translation(
    client, english, make_user, django_capture_on_commit_callbacks
):
    """Facts (here the article's date) are never retyped; stopping the translation opens Wagtail's own editor."""
    article = publish_new_article(english.county_a, "甲县新闻", "甲县正文。", django_capture_on_commit_callbacks)
    page = english_of(article)
    client.force_login(make_user(translator_group(english.county_a)))
    client.post(reverse("wagtail_localize:stop_translation", args=[page_translation(page).pk]), {"next": "/admin/"})
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    editor = client.get(url)
    if editor.status_code == 200 and 'id="page-edit-form"' in editor.content.decode():
        data = edit_form_data(editor.content.decode())
        data.update(
            date="2001-01-01", **nested_form_data({"body": streamfield([("paragraph", rich_text("<p>x</p>"))])})
        )
        client.post(url, data)
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().date == article.date


def test_a_translator_cannot_delete_translated_pages(client, english, make_user, django_capture_on_commit_callbacks):
    """translations.provisioning: the 翻译 group edits the translated tree, "never add, publish or delete". Wagtail
    lets change_page delete pages with nothing live below them: every English draft, and its column once emptied."""
    article = publish_new_article(english.county_a, "甲县新闻", "甲县正文。", django_capture_on_commit_callbacks)
    page = english_of(article)
    column = page.get_parent()
    client.force_login(make_user(translator_group(english.county_a)))
    for target in (page, column):
        client.post(reverse("wagtailadmin_pages:delete", args=[target.pk]))
    assert Page.objects.filter(pk__in=[page.pk, column.pk]).count() == 2


def test_a_translator_cannot_delete_translated_pages_in_bulk_or_through_the_admin_api(
    client, english, make_user, django_capture_on_commit_callbacks
):
    article = publish_new_article(english.county_a, "甲县新闻", "甲县正文。", django_capture_on_commit_callbacks)
    page = english_of(article)
    client.force_login(make_user(translator_group(english.county_a)))
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={page.pk}"
    client.post(bulk)
    api_url = reverse("wagtailadmin_api:pages:action", kwargs={"pk": page.pk, "action_name": "delete"})
    api = client.post(api_url, {}, content_type="application/json")
    assert api.status_code >= 400
    assert Page.objects.filter(pk=page.pk).exists()


def test_the_stop_synchronisation_view_refuses_and_the_translation_stays_synchronised(
    client, english, make_user, django_capture_on_commit_callbacks
):
    article = publish_new_article(english.county_a, "甲县新闻", "甲县正文。", django_capture_on_commit_callbacks)
    translation = page_translation(english_of(article))
    client.force_login(make_user(translator_group(english.county_a)))
    response = client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]), {"next": "/admin/"})
    assert response.status_code == 302
    translation.refresh_from_db()
    assert translation.enabled
