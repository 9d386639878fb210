"""PO files for outside translation agencies: one translated page, or a whole column at once.

wagtail-localize exports a translation as a PO file whose header names the translation
(X-WagtailLocalize-TranslationID) and whose entries are the page's segments (msgctxt: the segment's place
in the page). The agencies' tools (Poedit, memoQ, Trados...) read one PO file per page, so a column goes out
as a zip of the PO files of its translated pages the user may edit, and comes back as such a zip (or as
single PO files: the header says which page each one is for).

An upload applies to the page it was made on and the pages below it. Every file is read before anything is
written: a file that is not a PO file, or one not exported from here, refuses the whole upload with nothing
changed. Then, in one transaction, each file's page is refused if it is outside that column, outside the
user's sites or not theirs to edit; otherwise its strings are imported as manual translations (tool "PO",
translated by the uploader) and the page gets a draft revision with them, to go through 外文审校 as any
translation. The report lists per page the segments updated and the entries that matched nothing.
"""

import io
import os
import tempfile
import uuid
import zipfile
from dataclasses import dataclass, field

import polib
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page
from wagtail_localize.models import (
    StringNotUsedInContext,
    StringTranslation,
    Translation,
    UnknownContext,
    UnknownString,
)

from govcms.core.admin_views import PageActionFormView
from govcms.core.scope import SiteScope
from translations.languages import is_original
from translations.sync import save_translation_draft

TOOL_NAME = "PO"
TRANSLATION_ID_HEADER = "X-WagtailLocalize-TranslationID"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def may_translate(user, page):
    """Whether `user` may replace the strings of the translated `page`: their site, and edit rights on it."""
    return SiteScope.of(user).covers(page) and not is_original(page) and page.permissions_for_user(user).can_edit()


def translation_of(page):
    """The Translation `page` is the target of; None for a page made otherwise (an alias, say)."""
    return (
        Translation.objects.select_related("source", "target_locale")
        .filter(source__object_id=page.translation_key, target_locale_id=page.locale_id)
        .first()
    )


def column_pages(column):
    """The translated pages of `column` (itself included), in tree order."""
    return Page.objects.descendant_of(column, inclusive=True).filter(locale_id=column.locale_id).order_by("path")


def po_file_name(page, language_code):
    return f"{page.pk}-{slugify(page.slug) or 'page'}-{language_code}.po"


def translatable_page(user, page_id):
    """The translated page `page_id` if `user` may translate it; 404 or PermissionDenied otherwise."""
    page = get_object_or_404(Page, id=page_id).specific
    if not may_translate(user, page):
        raise PermissionDenied
    return page


def download_page(request, page_id):
    page = translatable_page(request.user, page_id)
    translation = translation_of(page)
    if translation is None:
        raise Http404
    response = HttpResponse(str(translation.export_po()), content_type="text/x-gettext-translation; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{po_file_name(page, translation.target_locale.language_code)}"'
    )
    return response


def download_column(request, page_id):
    column = translatable_page(request.user, page_id)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for page in column_pages(column):
            translation = translation_of(page) if may_translate(request.user, page) else None
            if translation is not None:
                name = po_file_name(page, translation.target_locale.language_code)
                archive.writestr(name, str(translation.export_po()))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{column.pk}-{slugify(column.slug) or "column"}-po.zip"'
    return response


# --- Reading an upload -------------------------------------------------------------------------


def read_po(name, content):
    """(translation uuid, POFile) of the PO file `content` (bytes) named `name`.

    ValidationError unless it is a PO file exported from here (its header names the translation).
    """
    # polib takes a path or the text itself, and reads a path it is given: parse from a file of our own.
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as handle:
        handle.write(content)
    try:
        po = polib.pofile(handle.name)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ValidationError(_("“%(name)s”不是有效的PO文件，未导入任何内容。") % {"name": name}) from error
    finally:
        os.unlink(handle.name)
    try:
        translation_uuid = uuid.UUID(po.metadata.get(TRANSLATION_ID_HEADER, ""))
    except ValueError as error:
        raise ValidationError(
            _("“%(name)s”不是从本平台导出的译文文件（缺少页面标识），未导入任何内容。") % {"name": name}
        ) from error
    return translation_uuid, po


def read_upload(upload):
    """[(file name, translation uuid, POFile)] of an uploaded PO file or zip of them.

    ValidationError if the upload or any file in it is not a PO file exported from here.
    """
    content = upload.read()
    if not zipfile.is_zipfile(io.BytesIO(content)):
        return [(upload.name, *read_po(upload.name, content))]
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
            if sum(info.file_size for info in members) > MAX_UPLOAD_BYTES:
                raise ValidationError(_("压缩包解压后过大，未导入任何内容。"))
            files = [(info.filename, archive.read(info)) for info in members]
    except zipfile.BadZipFile as error:
        raise ValidationError(_("压缩包已损坏，未导入任何内容。")) from error
    if not files:
        raise ValidationError(_("压缩包中没有PO文件，未导入任何内容。"))
    return [(name, *read_po(name, data)) for name, data in files]


# --- Importing ---------------------------------------------------------------------------------


@dataclass
class PageResult:
    file_name: str
    page: Page
    updated: int = 0
    unmatched: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    pages: list[PageResult] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file name, why)


def describe_warning(warning):
    if isinstance(warning, UnknownString):
        return _("第%(number)d条：原文“%(text)s”不在本页中") % {"number": warning.index + 1, "text": warning.string}
    if isinstance(warning, UnknownContext):
        return _("第%(number)d条：位置“%(context)s”不在本页中") % {
            "number": warning.index + 1,
            "context": warning.context,
        }
    if isinstance(warning, StringNotUsedInContext):
        return _("第%(number)d条：原文“%(text)s”不在位置“%(context)s”") % {
            "number": warning.index + 1,
            "text": warning.string,
            "context": warning.context,
        }
    return str(warning)


def import_files(files, column, user):
    """Import the parsed `files` for the pages of `column` the user may translate; the ImportReport."""
    report = ImportReport()
    translations = Translation.objects.select_related("source", "target_locale").in_bulk(
        [translation_uuid for _name, translation_uuid, _po in files], field_name="uuid"
    )
    pages = {(page.translation_key, page.locale_id): page for page in column_pages(column).specific()}
    with transaction.atomic():
        for name, translation_uuid, po in files:
            translation = translations.get(translation_uuid)
            page = pages.get((translation.source.object_id, translation.target_locale_id)) if translation else None
            if page is None:
                report.refused.append((name, _("不是本栏目的译文页面")))
            elif not may_translate(user, page):
                report.refused.append((name, _("您无权翻译该页面（%(title)s）") % {"title": page.title}))
            else:
                report.pages.append(_import_one(name, po, translation, page, user))
    return report


def _import_one(name, po, translation, page, user):
    before = _current_strings(translation)
    warnings = translation.import_po(po, user=user, translation_type="manual", tool_name=TOOL_NAME)
    after = _current_strings(translation)
    result = PageResult(name, page, updated=sum(1 for key, data in after.items() if before.get(key) != data))
    result.unmatched = [describe_warning(warning) for warning in warnings]
    if result.updated:
        save_translation_draft(translation, user)
    return result


def _current_strings(translation):
    rows = StringTranslation.objects.filter(
        context__object_id=translation.source.object_id, locale_id=translation.target_locale_id
    )
    return dict(rows.values_list("pk", "data"))


# --- The page ----------------------------------------------------------------------------------


class POUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("译文文件"),
        help_text=gettext_lazy("单个页面的PO文件，或整栏导出的ZIP压缩包（其中每页一个PO文件）。"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("文件过大。"))
        return upload


class POView(PageActionFormView):
    """A translated page's PO files: download the page's or its column's, upload the agency's work back."""

    form_class = POUploadForm
    template_name = "translations/admin/po.html"
    page_title = gettext_lazy("外包翻译（PO文件）")
    header_icon = "download"
    submit_button_label = gettext_lazy("导入译文")

    def is_allowed(self, user, page):
        return may_translate(user, page)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["has_children"] = column_pages(self.page).exclude(pk=self.page.pk).exists()
        return context

    def form_valid(self, form):
        try:
            files = read_upload(form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        report = import_files(files, self.page, self.request.user)
        return self.render_to_response(self.get_context_data(form=POUploadForm(), report=report))
