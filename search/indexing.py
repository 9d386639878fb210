"""Keep SearchDocument in step with the live pages: on save, delete and move, and as a full rebuild."""

import logging

from django.db import transaction
from django.utils.html import strip_tags
from modelsearch.index import RelatedFields, SearchField
from wagtail.blocks import StreamValue
from wagtail.models import PageViewRestriction

from govcms.core.tree import SiteIndex
from search.models import SearchDocument
from search.registry import LABEL_KEYWORDS, IndexFacts, available_kinds, kind_for_model

logger = logging.getLogger(__name__)
REBUILD_BATCH = 500


# Identifiers are searched but never shown as snippet text (a result shows its 文号 in the meta line).
SEARCH_ONLY_FIELDS = {"document_number", "index_number"}


def _values(obj, fields):
    """(field name, text) of the SearchFields of `obj` (except the title), following RelatedFields."""
    for search_field in fields:
        if isinstance(search_field, SearchField) and search_field.field_name != "title":
            for text in text_values(search_field.get_value(obj)):
                yield search_field.field_name, text
        elif isinstance(search_field, RelatedFields):
            related = search_field.get_value(obj)
            items = related.all() if hasattr(related, "all") else [related] if related is not None else []
            for item in items:
                yield from _values(item, search_field.fields)


def text_values(value):
    """The plain-text pieces of a search field value (strings, lists, dicts, StreamField content)."""
    if value is None:
        return
    if isinstance(value, StreamValue):
        # Its blocks' searchable text; rendering it would index the blocks' field names ("heading", "body").
        yield from text_values(value.stream_block.get_searchable_content(value))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from text_values(item)
    elif isinstance(value, dict):
        yield from text_values(list(value.values()))
    else:
        yield strip_tags(str(value))


def _joined(texts):
    return " ".join(text.strip() for text in texts if text and text.strip())


def _texts(page, kind, label_key):
    """(body, keywords): the page's content, shown in snippets, and words it is found by but never shows."""
    fields = list(_values(page, page.get_search_fields()))
    extra = [text for name in kind.text_fields for text in text_values(getattr(page, name, None))]
    body = _joined([*(text for name, text in fields if name not in SEARCH_ONLY_FIELDS), *extra])
    description = page.search_description
    keywords = [text for name, text in fields if name in SEARCH_ONLY_FIELDS]
    keywords += [str(kind.keywords), str(LABEL_KEYWORDS.get(label_key, "")), description]
    # A service page without text of its own is described by its search description.
    return body or description, _joined(keywords)


def build_document(page, kind, facts):
    """An unsaved SearchDocument for a live, specific page of `kind`; `facts` an IndexFacts run over."""
    extras = kind.extras(page) if kind.extras else {}
    label_key = kind.label_key(page, facts)
    date = getattr(page, kind.date_field) if kind.date_field else None
    if date is None and page.first_published_at:
        date = page.first_published_at.date()
    document = SearchDocument(
        page_id=page.pk,
        locale_id=page.locale_id,
        path=page.path,
        site_path=_site_path(page, facts.sites),
        kind=label_key,
        date=date,
        **extras,
    )
    document.set_text(page.title, *_texts(page, kind, label_key), language=page.locale.language_code)
    return document


def _is_searchable(page, restricted_paths):
    return page.live and not any(page.path.startswith(path) for path in restricted_paths)


def _restricted_paths():
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def _site_path(page, sites):
    """The tree path of the page's own site home; a page outside every site counts as a site of its own top page."""
    site = sites.site_for(page)
    return site.path if site else page.path[: 2 * page.steplen]


def index_page(page):
    """Add, refresh or drop the page's document after it changed."""
    kind = kind_for_model(type(page))
    if kind is None:
        return
    if not _is_searchable(page, _restricted_paths()):
        SearchDocument.objects.filter(page_id=page.pk).delete()
        return
    page = kind.model.objects.select_related("locale").prefetch_related(*kind.prefetch_related).get(pk=page.pk)
    document = build_document(page, kind, IndexFacts(SiteIndex()))
    with transaction.atomic():
        SearchDocument.objects.filter(page_id=page.pk).delete()
        document.save(force_insert=True)


def reindex_subtree(page):
    """Re-index a page and everything below it (after a move, or a view restriction was added or removed)."""
    SearchDocument.objects.filter(page__path__startswith=page.path).delete()
    for kind in available_kinds():
        pages = kind.model.objects.descendant_of(page, inclusive=True).live().exact_type(kind.model)
        _index_pages(kind, pages)


def rebuild():
    """Rebuild the whole index from the live pages; returns how many documents it holds."""
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        for kind in available_kinds():
            _index_pages(kind, kind.model.objects.live().exact_type(kind.model))
    return SearchDocument.objects.count()


def _index_pages(kind, pages):
    facts = IndexFacts(SiteIndex())
    restricted = _restricted_paths()
    queryset = (
        pages.select_related("locale", *kind.select_related).prefetch_related(*kind.prefetch_related).order_by("pk")
    )
    batch = []
    for page in queryset.iterator(chunk_size=REBUILD_BATCH):
        if _is_searchable(page, restricted):
            batch.append(build_document(page, kind, facts))
        if len(batch) >= REBUILD_BATCH:
            _store(batch)
            batch = []
    _store(batch)


def _store(documents):
    if not documents:
        return
    SearchDocument.objects.filter(page_id__in=[document.page_id for document in documents]).delete()
    SearchDocument.objects.bulk_create(documents)
