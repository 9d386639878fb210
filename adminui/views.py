"""The editors' guide in the admin: the project's own docs/*.md, rendered for the people they address.

Wagtail's help menu links to Wagtail's English user guide; editors of this platform need its
release process, policies and mailbox, which docs/ describes.
"""

from urllib.parse import urlsplit

import markdown
from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

# The docs written for site staff, in reading order; the others (architecture, operations …)
# are for developers and operators and are not served.
GUIDES = [
    "editors",
    "release",
    "publishing",
    "policy",
    "disclosure",
    "emergency",
    "mailbox",
    "reports",
    "administrators",
]
DOCS_DIR = settings.BASE_DIR / "docs"


class GuideLinks(Treeprocessor):
    """Links between guides lead to their admin pages; links to other repository files become text."""

    def run(self, root):
        for link in root.iter("a"):
            href = link.get("href", "")
            if urlsplit(href).scheme or href.startswith("#"):
                continue
            path, fragment = href.partition("#")[::2]
            name = path.removesuffix(".md")
            if path.endswith(".md") and name in GUIDES:
                link.set("href", reverse("guide", args=[name]) + (f"#{fragment}" if fragment else ""))
            else:
                link.tag = "span"
                del link.attrib["href"]
        for table in root.iter("table"):
            table.set("class", "listing")


class GuideExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(GuideLinks(md), "guide_links", 0)


def render_guide(name):
    text = (DOCS_DIR / f"{name}.md").read_text(encoding="utf-8")
    return mark_safe(markdown.markdown(text, extensions=["tables", "fenced_code", "toc", GuideExtension()]))  # nosec B308 B703 # the project's own docs/*.md, rendered by Markdown


def guide_title(name):
    with open(DOCS_DIR / f"{name}.md", encoding="utf-8") as doc:
        return doc.readline().lstrip("# ").strip()


class GuideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "adminui/guide.html"
    page_title = _("编辑指南")
    header_icon = "help"

    def get_context_data(self, **kwargs):
        name = self.kwargs.get("name", GUIDES[0])
        if name not in GUIDES:
            raise Http404
        return super().get_context_data(
            **kwargs,
            guide=render_guide(name),
            guides=[(other, guide_title(other), reverse("guide", args=[other])) for other in GUIDES],
            current=name,
        )
