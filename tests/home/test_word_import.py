"""从Word导入: a .docx file becomes a draft of an article's body, through the admin view, never published."""

import io
import zipfile

import docx
import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.models import PageLogEntry, Revision

from home.word_import import MAX_UPLOAD_SIZE, blocks_from_html
from tests.factories import ArticlePageFactory
from tests.sitegroup.utils import assert_refused, message_texts

pytestmark = pytest.mark.django_db

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def word_file(name="通知.docx", image=False):
    """A Word document as an editor writes one: headings, a paragraph with bold text, lists, a merged table."""
    document = docx.Document()
    document.add_heading("一、总体要求", level=1)
    paragraph = document.add_paragraph("各乡镇人民政府：现将有关事项")
    paragraph.add_run("通知如下").bold = True
    document.add_paragraph("加强组织领导", style="List Bullet")
    document.add_paragraph("落实工作责任", style="List Bullet")
    document.add_heading("（一）工作安排", level=2)
    document.add_heading("具体时间", level=3)
    table = document.add_table(rows=3, cols=3)
    for row, values in enumerate([["序号", "事项", "时限"], ["1", "摸底调查", "3月"], ["2", "组织实施", ""]]):
        for col, value in enumerate(values):
            table.cell(row, col).text = value
    table.cell(1, 2).merge(table.cell(2, 2))
    if image:
        document.add_picture(io.BytesIO(png()), width=docx.shared.Inches(1))
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=DOCX_TYPE)


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def article(site_group, county_a_staff):
    """A live county A article whose body has one paragraph, owned by the county's officer."""
    column = site_group.county_a.home.get_children().get(slug="zwdt").specific
    article = ArticlePageFactory(
        parent=column,
        title="关于开展老旧小区改造的通知",
        slug="gaizao",
        owner=county_a_staff.officer,
        body=[("paragraph", "<p>原有正文。</p>")],
    )
    article.save_revision().publish()
    return article


def import_url(page):
    return reverse("home_import_word", args=[page.pk])


def post_import(client, user, page, upload, mode="append"):
    client.force_login(user)
    return client.post(import_url(page), {"file": upload, "mode": mode})


def revision_count(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def test_an_officer_imports_a_word_file_as_a_draft_that_keeps_headings_lists_and_tables(
    client, article, county_a_staff
):
    response = post_import(client, county_a_staff.officer, article, word_file())

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[article.pk])
    article.refresh_from_db()
    # Never published: the live body is unchanged, the import waits as a draft for the normal review.
    assert article.live and article.has_unpublished_changes
    assert [block.block_type for block in article.body] == ["paragraph"]
    draft = article.get_latest_revision_as_object()
    assert article.get_latest_revision().user == county_a_staff.officer
    blocks = [(block.block_type, block.value) for block in draft.body]
    assert [block_type for block_type, _value in blocks] == [
        "paragraph",  # the body that was there is kept (mode "append")
        "heading",
        "paragraph",
        "heading",
        "heading",
        "table",
    ]
    assert [(value["text"], value["level"]) for block_type, value in blocks if block_type == "heading"] == [
        ("一、总体要求", "h2"),
        ("（一）工作安排", "h3"),
        ("具体时间", "h4"),
    ]
    paragraph = blocks[2][1].source
    assert paragraph == (
        "<p>各乡镇人民政府：现将有关事项<strong>通知如下</strong></p><ul><li>加强组织领导</li><li>落实工作责任</li></ul>"
    )
    table = blocks[5][1]
    assert table["data"] == [["序号", "事项", "时限"], ["1", "摸底调查", "3月"], ["2", "组织实施", ""]]
    assert table["first_row_is_table_header"] is True
    assert table["mergeCells"] == [{"row": 1, "col": 2, "rowspan": 2, "colspan": 1}]
    assert PageLogEntry.objects.filter(page=article, action="home.import_word", user=county_a_staff.officer).exists()

    editor = client.get(response.url)
    assert any("已从Word导入5个内容块" in text for text in message_texts(editor))
    # The draft opens in the editor and renders: the table block's value is one the editor accepts.
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))
    soup = BeautifulSoup(preview.content, "html.parser")
    assert [cell.get_text(strip=True) for cell in soup.select("table thead th")] == ["序号", "事项", "时限"]
    assert soup.select_one("td[rowspan='2']").get_text(strip=True) == "3月"


def test_replace_mode_drops_the_old_body_and_images_are_left_out_with_a_notice(client, article, county_a_staff):
    response = post_import(client, county_a_staff.officer, article, word_file(image=True), mode="replace")

    assert response.status_code == 302
    article.refresh_from_db()
    draft = article.get_latest_revision_as_object()
    assert [block.block_type for block in draft.body][0] == "heading"
    assert "<img" not in str(draft.body.raw_data)
    messages = message_texts(client.get(response.url))
    assert any("1张图片未导入" in text for text in messages)


def test_the_import_button_is_in_the_editor_header_and_the_form_accepts_only_docx(client, article, county_a_staff):
    client.force_login(county_a_staff.officer)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert import_url(article) in editor.text
    form = BeautifulSoup(client.get(import_url(article)).content, "html.parser")
    assert form.select_one("form#w-editor-form")["enctype"] == "multipart/form-data"
    assert ".docx" in form.select_one("input[type=file][name=file]")["accept"]


@pytest.mark.parametrize(
    ("upload", "error"),
    [
        (SimpleUploadedFile("通知.doc", b"\xd0\xcf\x11\xe0old word", content_type="application/msword"), "不是Word"),
        (SimpleUploadedFile("通知.docx", b"%PDF-1.4 not a zip", content_type=DOCX_TYPE), "不是Word"),
        (SimpleUploadedFile("通知.docx", b"PK\x03\x04 truncated", content_type=DOCX_TYPE), "已损坏"),
        (SimpleUploadedFile("通知.docx", b"PK\x03\x04" + b"0" * MAX_UPLOAD_SIZE, content_type=DOCX_TYPE), "超过10MB"),
    ],
    ids=["old-doc", "not-a-zip", "corrupt-zip", "too-large"],
)
def test_bad_files_are_refused_with_a_clear_error_and_nothing_changes(client, article, county_a_staff, upload, error):
    before = revision_count(article)
    response = post_import(client, county_a_staff.officer, article, upload)

    assert response.status_code == 200
    assert error in " ".join(response.context["form"].errors["file"])
    assert revision_count(article) == before


def zipped(name, content):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, content)
    return SimpleUploadedFile("文件.docx", buffer.getvalue(), content_type=DOCX_TYPE)


@pytest.mark.parametrize(
    ("upload", "error"),
    [
        (zipped("content.xml", "<office:document/>"), "不是Word"),
        (zipped("word/document.xml", "<w:document"), "已损坏"),
        (zipped("word/document.xml", "<a/>"), "已损坏"),
    ],
    ids=["other-zip", "broken-xml", "no-body"],
)
def test_a_zip_that_is_not_a_readable_word_document_is_refused(client, article, county_a_staff, upload, error):
    before = revision_count(article)
    response = post_import(client, county_a_staff.officer, article, upload)
    assert response.status_code == 200
    assert error in " ".join(response.context["form"].errors["file"])
    assert revision_count(article) == before


def test_another_sites_staff_and_officers_who_do_not_own_the_page_cannot_import(client, article, site_group, make_user):
    before = revision_count(article)
    for user in (
        make_user(site_group.county_b.groups["管理员"]),
        make_user(site_group.county_a.groups["信息员"]),  # may edit only their own pages
    ):
        assert_refused(post_import(client, user, article, word_file()))
        client.force_login(user)
        assert_refused(client.get(import_url(article)))
    assert revision_count(article) == before


def test_a_page_under_review_is_not_changed_by_an_import(client, article, county_a_staff):
    client.force_login(county_a_staff.officer)
    article.get_workflow().start(article, county_a_staff.officer)
    before = revision_count(article)

    response = post_import(client, county_a_staff.officer, article, word_file())

    assert response.status_code == 200
    assert "正在审核中" in " ".join(response.context["form"].non_field_errors())
    assert revision_count(article) == before


def test_rich_text_from_a_document_is_cleaned_by_the_paragraph_whitelist():
    html = (
        '<p onclick="x()">正文<a href="javascript:alert(1)">链接</a><a href="https://www.gov.cn/">国务院</a></p>'
        "<script>alert(1)</script><ol><li><span style='color:red'>一</span></li></ol>"
    )
    assert blocks_from_html(html) == [
        {
            "type": "paragraph",
            "value": '<p>正文<a>链接</a><a href="https://www.gov.cn/">国务院</a></p><ol><li>一</li></ol>',
        }
    ]
