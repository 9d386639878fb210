"""Whether the pages, documents and images that pages link to are there: one lookup per kind, in batches."""

from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from monitoring.links.extraction import Link
from monitoring.models import LinkKind


def problems_of_internal_targets(links):
    """{Link: problem} for the broken ones among `links` (Links of kind page, document or image)."""
    ids = {kind: {int(link.target) for link in links if link.kind == kind} for kind in LinkKind.values}
    problems = {}
    problems.update(page_problems(ids[LinkKind.PAGE]))
    problems.update(file_problems(LinkKind.DOCUMENT, get_document_model(), ids[LinkKind.DOCUMENT]))
    problems.update(file_problems(LinkKind.IMAGE, get_image_model(), ids[LinkKind.IMAGE]))
    return problems


def page_problems(ids):
    live = {}
    for batch in batches(sorted(ids)):
        live.update(Page.objects.filter(pk__in=batch).values_list("pk", "live"))
    problems = {}
    for page_id in ids:
        if page_id not in live:
            problems[Link(LinkKind.PAGE, str(page_id))] = str(_("页面已删除"))
        elif not live[page_id]:
            problems[Link(LinkKind.PAGE, str(page_id))] = str(_("页面未发布"))
    return problems


BATCH_SIZE = 500
MISSING = {LinkKind.DOCUMENT: _("文档已删除"), LinkKind.IMAGE: _("图片已删除")}
FILE_MISSING = {LinkKind.DOCUMENT: _("文档文件缺失"), LinkKind.IMAGE: _("图片文件缺失")}


def file_problems(kind, model, ids):
    """A document or image is broken when its row is gone or its file is not in storage (a restore that
    brought the database back without the media, a file removed by hand)."""
    # File names only: loading an Image would read its dimensions, one query per image.
    names = {}
    for batch in batches(sorted(ids)):
        names.update(model.objects.filter(pk__in=batch).values_list("pk", "file"))
    storage = model._meta.get_field("file").storage
    problems = {}
    for object_id in ids:
        if object_id not in names:
            problems[Link(kind, str(object_id))] = str(MISSING[kind])
        elif not names[object_id] or not storage.exists(names[object_id]):
            problems[Link(kind, str(object_id))] = str(FILE_MISSING[kind])
    return problems


def batches(ids, size=BATCH_SIZE):
    """`ids` in slices a database accepts in one IN (…) (SQLite limits the number of parameters)."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
