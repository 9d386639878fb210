"""Text on a translated page that stays in the original language: links to pages that may not be translated
(synchronised links: policies, interpretations) and synchronised names (issuing bodies, topics, attachments).

Marked with its own lang so that a screen reader reads it as Chinese instead of spelling it out as English.
"""

from django import template
from django.conf import settings
from django.utils.html import format_html

from govcms.core.wording import stays_chinese
from home.templatetags.navigation_tags import bcp47

register = template.Library()


@register.simple_tag
def lang_if_other(linked, page):
    """` lang="zh-Hans"` for a link from `page` to a page in another language (one with no live translation in
    `page`'s language), so that its title is read in its own language; nothing for a page in `page`'s language."""
    if linked.locale_id == page.locale_id:
        return ""
    return format_html(' lang="{}"', bcp47(linked.locale.language_code))


@register.filter
def mark_chinese(value):
    """`value` in <span lang="zh-Hans"> when it has Chinese in it and the page is in another language: a
    synchronised name (发文机关, 主题分类, an attachment's title) that has no translation. Unchanged otherwise,
    escaped by {{ }} as usual."""
    if not stays_chinese(value):
        return value
    return format_html('<span lang="{}">{}</span>', bcp47(settings.LANGUAGE_CODE), value)


@register.filter
def mark_chinese_each(values):
    """mark_chinese on each of `values`, for a list joined afterwards (`|mark_chinese_each|join_words`)."""
    return [mark_chinese(value) for value in values]
