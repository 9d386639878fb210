"""What government sites are expected to carry on every page besides the content: the footer's standard
links, share metadata (Open Graph) in the head, and the type and size of each attachment."""

import html

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext_lazy, to_locale
from django.utils.translation import gettext as _

from disclosure.metadata import DisclosureFields
from home.models import footer_pages

register = template.Library()

DESCRIPTION_LENGTH = 150
# og:locale takes a territory: zh_CN, not Django's zh_Hans.
OPEN_GRAPH_LOCALES = {"zh-hans": "zh_CN", "en": "en_US"}
OPEN_GRAPH_IMAGE_SPEC = "fill-1200x630"

FILE_TYPES = {
    "pdf": "PDF",
    "ofd": "OFD",
    "doc": "Word",
    "docx": "Word",
    "wps": "WPS",
    "xls": "Excel",
    "xlsx": "Excel",
    "et": "Excel",
    "csv": "CSV",
    "ppt": "PowerPoint",
    "pptx": "PowerPoint",
    "txt": gettext_lazy("文本"),
    "zip": gettext_lazy("压缩包"),
    "rar": gettext_lazy("压缩包"),
    "7z": gettext_lazy("压缩包"),
}


@register.simple_tag
def footer_links(site_home):
    """The site's 联系我们, 网站声明 and 隐私政策 pages by FooterLink value (one query; none without a home)."""
    return footer_pages(site_home) if site_home is not None else {}


@register.simple_tag
def page_description(page, site_home=None):
    """The page's description: its search description, summary or intro, else its title and site's name."""
    if not page:
        return ""
    intro = html.unescape(strip_tags(getattr(page, "intro", "") or ""))
    text = page.search_description or getattr(page, "summary", "") or Truncator(intro).chars(DESCRIPTION_LENGTH)
    if text:
        return text
    if site_home is not None and page.pk != site_home.pk:
        return f"{page.title} - {site_home.title}"
    return page.title


@register.inclusion_tag("includes/open_graph.html", takes_context=True)
def open_graph(context, page, site_home=None):
    """Open Graph metadata, for the preview a page gets when shared (WeChat, Weibo and the like)."""
    request = context["request"]
    image = getattr(page, "cover_image", None)  # pages that have one (articles)
    return {
        "title": page.seo_title or page.title,
        "description": page_description(page, site_home),
        "url": context.get("canonical_url") or page.get_full_url(request),
        "site_name": site_home.title if site_home is not None else "",
        # Articles and policies (the pages carrying 政府信息公开 metadata) are articles; the rest are websites.
        "type": "article" if isinstance(page, DisclosureFields) else "website",
        "image": request.build_absolute_uri(image.get_rendition(OPEN_GRAPH_IMAGE_SPEC).url) if image else "",
        "locale": OPEN_GRAPH_LOCALES.get(get_language(), to_locale(get_language())),
    }


@register.filter
def file_meta(document):
    """“PDF，1.2 MB”: a document's type and size, from its fields (no query, no file read)."""
    extension = document.file_extension.lower()
    kind = FILE_TYPES.get(extension, extension.upper())
    if not document.file_size:
        return kind
    return _("%(type)s，%(size)s") % {"type": kind, "size": filesizeformat(document.file_size)}
