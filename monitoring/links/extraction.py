"""Finding the links of live pages in the database, without per-model code.

Every page model is read through its own fields: rich text (`<a linktype="page" id>`, `<a linktype="document"
id>`, `<a href>`, `<embed embedtype="image" id>`, `<embed embedtype="media" url>`), StreamField content (walked
in its raw JSON with the block definitions: chooser blocks' ids, URL and embed blocks, rich text), URL fields and
foreign keys to pages, documents and images. The inline rows of a page (attachments, related policies, guests'
photos …: the children of its ParentalKeys) are read the same way. One query per page model and per inline
model, whatever the number of pages; nothing is converted to Python objects (`to_python` would look every
chosen page, document and image up, page by page).
"""

from dataclasses import dataclass
from functools import cache
from urllib.parse import urldefrag

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page, get_page_models
from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG, extract_attrs

from monitoring.models import LinkKind

# LinkFinding.target holds the URL; longer ones are not checked (no government page links such a URL by hand).
MAX_URL_LENGTH = 2000
CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Link:
    """A link on a page: its kind and its target (an id for pages, documents and images; a URL otherwise)."""

    kind: str
    target: str


def external_link(url):
    """The Link of an http(s) URL, without its #fragment; None for anything else (mailto:, relative …)."""
    url = (url or "").strip()
    if not url.lower().startswith(("http://", "https://")):
        return None
    url = urldefrag(url)[0]
    return Link(LinkKind.EXTERNAL, url) if len(url) <= MAX_URL_LENGTH else None


def object_link(kind, raw_id):
    try:
        return Link(kind, str(int(raw_id)))
    except (TypeError, ValueError):
        return None


# --- Rich text --------------------------------------------------------------------------------------------

A_KINDS = {"page": LinkKind.PAGE, "document": LinkKind.DOCUMENT}


def rich_text_links(html):
    if not html:
        return
    for attrs in map(extract_attrs, FIND_A_TAG.findall(html)):
        if attrs.get("linktype") in A_KINDS:
            yield object_link(A_KINDS[attrs["linktype"]], attrs.get("id"))
        elif "href" in attrs:
            yield external_link(attrs["href"])
    for attrs in map(extract_attrs, FIND_EMBED_TAG.findall(html)):
        if attrs.get("embedtype") == "image":
            yield object_link(LinkKind.IMAGE, attrs.get("id"))
        elif attrs.get("embedtype") == "media":
            yield external_link(attrs.get("url"))


# --- StreamField ------------------------------------------------------------------------------------------


def kind_of_model(model):
    """The LinkKind of a chooser's or foreign key's target model, or None (snippets, users …)."""
    if model is None:
        return None
    if issubclass(model, Page):
        return LinkKind.PAGE
    if issubclass(model, get_document_model()):
        return LinkKind.DOCUMENT
    if issubclass(model, get_image_model()):
        return LinkKind.IMAGE
    return None


def block_links(block, raw):
    """The links in one block's raw JSON value, by the block's definition."""
    if raw in (None, "", []):
        return
    if isinstance(block, ImageBlock):  # before StructBlock: also stored as a bare id by older content
        image_id = raw.get("image") if isinstance(raw, dict) else raw
        yield object_link(LinkKind.IMAGE, image_id)
    elif isinstance(block, blocks.ChooserBlock):
        kind = kind_of_model(block.model_class)
        if kind:
            yield object_link(kind, raw)
    elif isinstance(block, blocks.RichTextBlock):
        yield from rich_text_links(raw)
    elif isinstance(block, (blocks.URLBlock, EmbedBlock)):
        yield external_link(raw)
    elif isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        for name, child in block.child_blocks.items():
            yield from block_links(child, raw.get(name))
    elif isinstance(block, blocks.ListBlock) and isinstance(raw, list):
        for item in raw:
            # ListBlock items are {"type": "item", "value", "id"} since Wagtail 2.16, bare values before.
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                item = item["value"]
            yield from block_links(block.child_block, item)
    elif isinstance(block, blocks.StreamBlock) and isinstance(raw, list):
        yield from stream_links(block, raw)


def stream_links(stream_block, raw_items):
    for item in raw_items:
        if isinstance(item, dict) and item.get("type") in stream_block.child_blocks:
            yield from block_links(stream_block.child_blocks[item["type"]], item.get("value"))


# --- Model fields -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldReader:
    """How to read the links of one model field from its value in a values_list row."""

    name: str
    kind: str  # "rich", "stream", "url" or a LinkKind for a foreign key

    def links(self, value):
        if self.kind == "rich":
            return rich_text_links(value)
        if self.kind == "stream":
            return stream_links(value.stream_block, list(value.raw_data)) if value is not None else ()
        if self.kind == "url":
            return (external_link(value),)
        return (object_link(self.kind, value),) if value is not None else ()


def field_reader(field):
    if isinstance(field, RichTextField):
        return FieldReader(field.name, "rich")
    if isinstance(field, StreamField):
        return FieldReader(field.name, "stream")
    if isinstance(field, models.URLField):
        return FieldReader(field.name, "url")
    if isinstance(field, models.ForeignKey) and not isinstance(field, ParentalKey):
        kind = kind_of_model(field.related_model)
        if kind:
            return FieldReader(field.attname, kind)
    return None


@cache
def readers_of(model, skip_model=None):
    """The link-bearing fields of `model` declared below `skip_model` (Page's own fields are Wagtail's
    bookkeeping: owner, revisions, locale …, never links a reader follows)."""
    skipped = {field.name for field in skip_model._meta.get_fields()} if skip_model else set()
    fields = (field for field in model._meta.concrete_fields if field.name not in skipped)
    return tuple(reader for reader in map(field_reader, fields) if reader)


def collect(rows, readers, found, paths):
    """Add the links of values_list rows (page id, page path, *values in the readers' order) to `found`
    ({page id: set of Links}) and the pages' tree paths to `paths`."""
    for page_id, path, *values in rows:
        links = {link for reader, value in zip(readers, values, strict=True) for link in reader.links(value) if link}
        if links:
            found.setdefault(page_id, set()).update(links)
            paths[page_id] = path


def page_links(pages_q):
    """({page id: set of Links}, {page id: path}) for the live pages matching `pages_q` (a Q on Page's fields)."""
    found, paths = {}, {}
    for model in get_page_models():
        readers = readers_of(model, Page) if model is not Page else ()
        if readers:
            rows = model.objects.filter(pages_q, live=True)
            rows = rows.values_list("pk", "path", *(reader.name for reader in readers))
            collect(rows.iterator(chunk_size=CHUNK_SIZE), readers, found, paths)
    for relation_model, parent_field in inline_models():
        readers = readers_of(relation_model)
        rows = relation_model.objects.filter(prefixed(pages_q, parent_field), **{f"{parent_field}__live": True})
        rows = rows.values_list(parent_field, f"{parent_field}__path", *(reader.name for reader in readers))
        collect(rows.iterator(chunk_size=CHUNK_SIZE), readers, found, paths)
    return found, paths


@cache
def inline_models():
    """(model, ParentalKey name) of every inline row model of a page type that holds links."""
    seen = {}
    for model in get_page_models():
        for relation in get_all_child_relations(model):
            related = relation.related_model
            if related._meta.app_label != "wagtailcore" and readers_of(related):
                seen[related] = relation.field.name
    return tuple(seen.items())


def prefixed(q, prefix):
    """`q` (on Page's fields) rewritten for rows that reach the page through `prefix`."""
    children = [
        prefixed(child, prefix) if isinstance(child, models.Q) else (f"{prefix}__{child[0]}", child[1])
        for child in q.children
    ]
    clone = models.Q(*children, _connector=q.connector, _negated=q.negated)
    return clone
