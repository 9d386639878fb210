"""Language-dependent punctuation between values in templates (govcms.core.wording).

{% load wording_tags %}
{{ topic_names|join_words|default:"—" }}
{% translate "发布日期" %}{% colon %}<time …>…</time>
{% translate "已结束" %}{% brackets %}<time …>…</time>{% endbrackets %}
{% for body in bodies %}{% if not forloop.first %}{% list_separator %}{% endif %}{{ body.name }}{% endfor %}
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from govcms.core import wording

register = template.Library()


@register.filter(needs_autoescape=True)
def join_words(words, autoescape=True):
    """A list's items joined as the active language lists them, each escaped like {{ }} would."""
    escape = conditional_escape if autoescape else str
    return mark_safe(wording.join_words(escape(word) for word in words))  # nosec B308 B703 - each word escaped


@register.simple_tag
def list_separator(kind="words"):
    return wording.list_separator(kind)


@register.simple_tag
def colon():
    return wording.colon()


class BracketsNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        # The content is template output, escaped as it was rendered (a <time> element keeps its markup).
        return mark_safe(wording.brackets(self.nodelist.render(context)))  # nosec B308 B703 - rendered escaped


@register.tag
def brackets(parser, token):
    """{% brackets %}…{% endbrackets %}: the rendered content in the active language's brackets."""
    nodelist = parser.parse(("endbrackets",))
    parser.delete_first_token()
    return BracketsNode(nodelist)


@register.simple_tag
def page_number(number):
    """A pagination link's number: the digit shown, the words of the language's sentence around it ("第3页",
    "Page 3") visually hidden for screen readers. Translators see the whole sentence, one msgid, rather than
    第 and 页 apart; the text stays "第3页" for anything reading the page."""
    marker = "\x00"
    before, _marker, after = (_("第%(number)s页") % {"number": marker}).partition(marker)
    before, after = (
        format_html('<span class="visually-hidden">{}</span>', text) if text else "" for text in (before, after)
    )
    return format_html("{}{}{}", before, number, after)
