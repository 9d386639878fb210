from django import template

from sitegroup.permissions import works_on

register = template.Library()


@register.filter
def without_foreign_last_edits(page_types, user):
    """Blank each page type's "last edited page" when it lies outside the sites `user` works on.

    Wagtail's page types usage report names the platform's most recently
    edited page of each type, whichever site (and however unpublished) it is.
    """
    page_types = list(page_types)
    for page_type in page_types:
        if page_type.last_edited_page is not None and not works_on(user, page_type.last_edited_page):
            page_type.last_edited_page = None
    return page_types
