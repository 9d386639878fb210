"""PO files for outside agencies (translations.po): per page and per column, through the admin views."""

import io
import zipfile

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringTranslation

from tests.translations.helpers import english_of, publish_new_article, translator_group
from translations.checks import page_translation

pytestmark = pytest.mark.django_db

NOT_PO = b'msgid "a"\nmsgstr "b"\nthis is not a PO file\n'


@pytest.fixture
def translator(english, make_user):
    return make_user(translator_group(english.county_a))


@pytest.fixture
def article(english, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    return publish_new_article(english.county_a, "甲县召开春耕动员会", "全县部署春耕生产。", capture)


@pytest.fixture
def column(english, article):
    """County A's English news column (the article's parent)."""
    return english_of(article.get_parent())


def strings_of(page):
    return StringTranslation.objects.filter(context__object_id=page.translation_key, locale_id=page.locale_id)


def all_strings():
    return sorted(StringTranslation.objects.values_list("pk", "data", "tool_name"))


def filled(po_text, translations):
    """The PO file with `translations` ({msgid: msgstr}) filled in, as bytes."""
    po = polib.pofile(po_text)
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
    return str(po).encode()


def upload(client, page, name, content):
    return client.post(reverse("translations_po", args=[page.pk]), {"file": SimpleUploadedFile(name, content)})


def test_a_page_round_trips_through_a_po_file(client, translator, article):
    english = english_of(article)
    client.force_login(translator)
    response = client.get(reverse("translations_po_download_page", args=[english.pk]))
    assert response.status_code == 200
    po_text = response.content.decode()
    assert "甲县召开春耕动员会" in po_text and "全县部署春耕生产。" in po_text

    content = filled(po_text, {"甲县召开春耕动员会": "Jia County holds a spring ploughing meeting"})
    title_entries = sum(1 for entry in polib.pofile(po_text) if entry.msgid == "甲县召开春耕动员会")
    response = upload(client, english, "page.po", content)
    assert response.status_code == 200
    results = response.context["report"].pages
    assert [(result.page.pk, result.updated, result.unmatched) for result in results] == [
        (english.pk, title_entries, [])
    ]
    imported = strings_of(english).filter(data="Jia County holds a spring ploughing meeting")
    assert {(row.translation_type, row.tool_name, row.last_translated_by) for row in imported} == {
        (StringTranslation.TRANSLATION_TYPE_MANUAL, "PO", translator)
    }
    # The imported strings are in a draft revision, for review; nothing went live.
    english.refresh_from_db()
    assert english.get_latest_revision().as_object().title == "Jia County holds a spring ploughing meeting"
    assert not english.live


def test_a_column_goes_out_as_a_zip_and_comes_back_with_a_report(client, translator, article, column):
    english = english_of(article)
    client.force_login(translator)
    response = client.get(reverse("translations_po_download_column", args=[column.pk]))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        files = {name: archive.read(name).decode() for name in archive.namelist()}
    page_ids = {int(name.split("-")[0]) for name in files}
    assert {column.pk, english.pk} <= page_ids
    assert page_ids <= set(Page.objects.descendant_of(column, inclusive=True).values_list("pk", flat=True))

    article_file = next(name for name in files if name.startswith(f"{english.pk}-"))
    po = polib.pofile(files[article_file])
    agency = {"甲县召开春耕动员会": "Spring ploughing meeting", "全县部署春耕生产。": "The county plans."}
    translated_entries = sum(1 for entry in po if entry.msgid in agency)
    for entry in po:
        entry.msgstr = agency.get(entry.msgid, "")
    po.append(polib.POEntry(msgid="不存在的原文", msgctxt="title", msgstr="Nothing"))
    po.append(polib.POEntry(msgid="甲县召开春耕动员会", msgctxt="no_such_field", msgstr="Nowhere"))
    returned = io.BytesIO()
    with zipfile.ZipFile(returned, "w") as archive:
        archive.writestr(article_file, str(po))
    response = upload(client, column, "column.zip", returned.getvalue())

    assert response.status_code == 200
    (result,) = response.context["report"].pages
    assert result.page.pk == english.pk and result.updated == translated_entries
    assert len(result.unmatched) == 2
    assert "不存在的原文" in result.unmatched[0] and "no_such_field" in result.unmatched[1]
    html = response.content.decode()
    assert "不存在的原文" in html and "no_such_field" in html
    assert set(strings_of(english).values_list("data", flat=True)) >= {"Spring ploughing meeting", "The county plans."}


@pytest.mark.parametrize(
    "name, content",
    [
        ("broken.po", NOT_PO),
        ("binary.po", bytes(range(256))),
        ("foreign.po", b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\nmsgid "a"\nmsgstr "b"\n'),
        ("broken.zip", b"PK\x03\x04 not really a zip"),
    ],
)
def test_a_malformed_file_is_refused_with_a_clear_error_and_nothing_changes(client, translator, column, name, content):
    client.force_login(translator)
    before = all_strings()
    response = upload(client, column, name, content)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert "未导入任何内容" in response.content.decode()
    assert "report" not in response.context
    assert all_strings() == before


def test_one_malformed_file_in_a_zip_refuses_the_whole_upload(client, translator, article, column):
    english = english_of(article)
    client.force_login(translator)
    good = filled(
        client.get(reverse("translations_po_download_page", args=[english.pk])).content.decode(),
        {"甲县召开春耕动员会": "Spring ploughing meeting"},
    )
    archive_bytes = io.BytesIO()
    with zipfile.ZipFile(archive_bytes, "w") as archive:
        archive.writestr("good.po", good)
        archive.writestr("bad.po", NOT_PO)
    before = all_strings()
    response = upload(client, column, "column.zip", archive_bytes.getvalue())
    assert "“bad.po”不是有效的PO文件，未导入任何内容。" in response.content.decode()
    assert all_strings() == before


def test_another_sites_pages_are_refused(client, english, translator, make_user, article, column):
    portal_english = english_of(english.portal.home)
    portal_translator = make_user(translator_group(english.portal))
    client.force_login(portal_translator)
    portal_po = filled(
        client.get(reverse("translations_po_download_page", args=[portal_english.pk])).content.decode(),
        {english.portal.home.title: "Changed by county A"},
    )

    client.force_login(translator)
    for url_name in ("translations_po", "translations_po_download_page", "translations_po_download_column"):
        assert client.get(reverse(url_name, args=[portal_english.pk])).status_code == 302  # permission denied
    before = all_strings()
    assert upload(client, portal_english, "portal.po", portal_po).status_code == 302
    # Uploaded on the translator's own column, the portal's file is refused and the rest of the report stands.
    response = upload(client, column, "portal.po", portal_po)
    report = response.context["report"]
    assert report.pages == [] and [name for name, _reason in report.refused] == ["portal.po"]
    assert all_strings() == before
    # A Chinese original has no PO files: they are for translations.
    assert client.get(reverse("translations_po", args=[article.pk])).status_code == 302


def test_the_po_page_is_offered_on_translated_pages_only(client, translator, article):
    client.force_login(translator)
    english = english_of(article)
    url = reverse("translations_po", args=[english.pk])
    assert url in client.get(reverse("wagtailadmin_explore", args=[english.get_parent().pk])).content.decode()
    assert page_translation(english) is not None
