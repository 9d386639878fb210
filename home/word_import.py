"""从Word导入: turn a Word (.docx) file into the blocks of an article's body.

mammoth reads the document's structure (headings, paragraphs, lists, tables),
not its looks, which is what a government article needs: the site's styles
apply, not the author's fonts. Its HTML is then cut into the body's blocks:

- Word's 标题1/2/3 (and deeper) become heading blocks of level h2/h3/h4, since
  the page title is the page's only <h1>;
- paragraphs and lists become paragraph blocks, consecutive ones sharing a
  block, cleaned by Wagtail's own rich-text whitelist for the features the
  paragraph block allows (a javascript: link or a stray attribute is dropped),
  so nothing is stored that the editor could not have typed;
- tables become table blocks (text only, merged cells kept, the first row a
  header row, as in nearly every table of an official document);
- images are left out and counted: a picture on a government site needs its
  alternative text and belongs to the site's image library, so the editor adds
  it with an image block (the form says how many were left out).

The file is checked before mammoth reads it: a zip archive holding a Word
document, and not one that unpacks to more than `MAX_UNPACKED_SIZE`.
"""

import io
import zipfile
from dataclasses import dataclass, field
from xml.parsers.expat import ExpatError

import mammoth
from bs4 import BeautifulSoup, NavigableString
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from govcms.blocks import RICH_TEXT_FEATURES

MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Word's XML packs about tenfold; far beyond that is a zip bomb, not an article.
MAX_UNPACKED_SIZE = 20 * MAX_UPLOAD_SIZE
ZIP_MAGIC = b"PK\x03\x04"
DOCUMENT_PART = "word/document.xml"

HEADING_LEVELS = {"h1": "h2", "h2": "h3"}  # deeper Word headings all become h4
HEADING_MAX_LENGTH = 120  # HeadingBlock's; a longer "heading" is a paragraph set in a heading style
TEXT_ELEMENTS = {"p", "ul", "ol"}


@dataclass
class ImportedBody:
    """The blocks read from a document, as raw StreamField data, and what was left out."""

    blocks: list = field(default_factory=list)
    skipped_images: int = 0


def check_docx(upload):
    """Raise ValidationError unless `upload` looks like a Word document we can safely unpack."""
    if upload.size > MAX_UPLOAD_SIZE:
        raise ValidationError(_("文件超过10MB，请压缩图片或拆分文档后再导入。"))
    upload.seek(0)
    if upload.read(len(ZIP_MAGIC)) != ZIP_MAGIC:
        raise ValidationError(_("这不是Word（.docx）文件。旧版.doc文件请先在Word中另存为.docx。"))
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile as error:
        raise ValidationError(_("文件已损坏，无法读取。")) from error
    finally:
        upload.seek(0)
    if DOCUMENT_PART not in {entry.filename for entry in entries}:
        raise ValidationError(_("这不是Word（.docx）文件。旧版.doc文件请先在Word中另存为.docx。"))
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_SIZE:
        raise ValidationError(_("文件解压后过大，无法导入。"))


def read_docx(upload):
    """The body blocks of a checked .docx upload (see `check_docx`)."""
    result = ImportedBody()

    def leave_out(image):
        result.skipped_images += 1
        return {}

    try:
        html = mammoth.convert_to_html(
            io.BytesIO(upload.read()), convert_image=mammoth.images.img_element(leave_out)
        ).value
    except (zipfile.BadZipFile, KeyError, ValueError, ExpatError) as error:
        raise ValidationError(_("文件已损坏，无法读取。")) from error
    result.blocks = blocks_from_html(html)
    return result


def blocks_from_html(html):
    """Cut mammoth's HTML into heading, paragraph and table blocks (raw StreamField data)."""
    converter = EditorHTMLConverter(features=RICH_TEXT_FEATURES)
    blocks, pending_text = [], []

    def flush_text():
        text = converter.to_database_format("".join(pending_text)).strip()
        if text:
            blocks.append({"type": "paragraph", "value": text})
        pending_text.clear()

    for element in BeautifulSoup(html, "html.parser").children:
        if isinstance(element, NavigableString):
            continue
        for image in element.find_all("img"):
            image.decompose()
        is_heading = element.name.startswith("h") and element.name[1:].isdigit()
        if is_heading and len(element.get_text(" ", strip=True)) > HEADING_MAX_LENGTH:
            pending_text.append(f"<p>{escape(element.get_text(' ', strip=True))}</p>")
            continue
        if element.name in TEXT_ELEMENTS:
            pending_text.append(str(element))
        elif is_heading and element.get_text(strip=True):
            flush_text()
            level = HEADING_LEVELS.get(element.name, "h4")
            blocks.append({"type": "heading", "value": {"text": element.get_text(" ", strip=True), "level": level}})
        elif element.name == "table":
            flush_text()
            blocks.append({"type": "table", "value": table_value(element)})
    flush_text()
    return blocks


def table_value(table):
    """A TableBlock value for an HTML table: cell text on a grid, with Word's merged cells as merges."""
    grid, merges, hidden = {}, [], []
    rows = [row for row in table.find_all("tr") if row.find_parent("table") is table]
    for row_index, row in enumerate(rows):
        col_index = 0
        for cell in row.find_all(["td", "th"], recursive=False):
            while (row_index, col_index) in grid:
                col_index += 1
            rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
            for row_offset in range(rowspan):
                for col_offset in range(colspan):
                    covered = (row_index + row_offset, col_index + col_offset)
                    grid[covered] = ""
                    if row_offset or col_offset:
                        hidden.append({"row": covered[0], "col": covered[1], "hidden": True})
            grid[(row_index, col_index)] = "\n".join(
                paragraph for paragraph in (line.strip() for line in cell.get_text("\n").split("\n")) if paragraph
            )
            if rowspan > 1 or colspan > 1:
                merges.append({"row": row_index, "col": col_index, "rowspan": rowspan, "colspan": colspan})
            col_index += colspan
    row_count = max((row for row, _col in grid), default=-1) + 1
    col_count = max((col for _row, col in grid), default=-1) + 1
    has_header = row_count > 1
    return {
        "data": [[grid.get((row, col), "") for col in range(col_count)] for row in range(row_count)],
        "cell": hidden,
        "mergeCells": merges,
        "first_row_is_table_header": has_header,
        "first_col_is_header": False,
        "table_header_choice": "row" if has_header else "neither",
        "table_caption": "",
    }


def _span(cell, attribute):
    try:
        return max(1, min(int(cell.get(attribute, 1)), 100))
    except ValueError:
        return 1
