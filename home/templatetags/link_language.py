"""Links from a translated page to pages that may not be translated (synchronised links: policies, interpretations)."""

from django import template
from django.utils.html import format_html

from home.templatetags.navigation_tags import bcp47

register = template.Library()


@register.simple_tag
def lang_if_other(linked, page):
    """` lang="zh-Hans"` for a link from `page` to a page in another language (one with no live translation in
    `page`'s language), so that its title is read in its own language; nothing for a page in `page`'s language."""
    if linked.locale_id == page.locale_id:
        return ""
    return format_html(' lang="{}"', bcp47(linked.locale.language_code))
