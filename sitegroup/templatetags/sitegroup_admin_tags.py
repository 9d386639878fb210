from django import template

from govcms.core.scope import SiteScope

register = template.Library()


@register.filter
def without_foreign_last_edits(page_types, user):
    """Blank each page type's "last edited page" when it lies outside the user's site scope.

    Wagtail's page types usage report names the platform's most recently
    edited page of each type, whichever site (and however unpublished) it is.
    """
    page_types = list(page_types)
    scope = SiteScope.of(user)
    for page_type in page_types:
        if page_type.last_edited_page is not None and not scope.covers(page_type.last_edited_page):
            page_type.last_edited_page = None
    return page_types
