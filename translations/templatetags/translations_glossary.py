from django import template

from translations.glossary import segments_with_terms

register = template.Library()


@register.simple_tag
def glossary_segments(translation, instance):
    """The segments of the translated page `instance` that contain glossary terms (the editor's panel)."""
    return segments_with_terms(translation, instance)


@register.filter
def any_misrendered(hits):
    """Whether a term of any of the panel's segments is translated otherwise than its standard form."""
    return any(hit.misrendered() for hit in hits)
