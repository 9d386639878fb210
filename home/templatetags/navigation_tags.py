"""Site chrome shared by every public page: header, column navigation,
breadcrumb, language links and the footer with the site's identity.

Each tag costs a fixed number of queries, whatever the size of the site.
"""

from django import template
from django.conf import settings
from wagtail.models import Locale, Page, Site

from home.models import ColumnPage, HomePage

register = template.Library()


def request_site(request):
    return Site.find_for_request(request) if request is not None else None


@register.simple_tag(takes_context=True)
def get_site_home(context, page=None):
    """The HomePage of the site the page belongs to: the nearest HomePage at or above it."""
    # Templates without a page (search, 404) pass an empty string.
    if page:
        return HomePage.objects.ancestor_of(page, inclusive=True).order_by("-depth").first()
    site = request_site(context.get("request"))
    if site is None:
        return None
    return HomePage.objects.filter(pk=site.root_page.localized.pk).first()


@register.inclusion_tag("includes/column_nav.html", takes_context=True)
def column_nav(context, site_home, current_page=None):
    columns = []
    if site_home is not None:
        columns = list(site_home.get_children().live().in_menu().type(ColumnPage))
    current_path = current_page.path if current_page else ""
    return {
        "site_home": site_home,
        "columns": [(column, current_path.startswith(column.path)) for column in columns],
        "request": context.get("request"),
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """Ancestors from the root of the site being visited down to the page."""
    site = request_site(context.get("request"))
    top_depth = site.root_page.depth if site is not None else 2
    ancestors = list(page.get_ancestors(inclusive=True).filter(depth__gte=top_depth)) if page else []
    # A site's own home page needs no trail.
    return {"ancestors": ancestors if len(ancestors) > 1 else [], "request": context.get("request")}


@register.inclusion_tag("includes/language_links.html", takes_context=True)
def language_links(context, page=None):
    """Links to this page in the other content languages, where a live translation exists."""
    if not page:
        return {"translations": []}
    translations = (
        Page.objects.live()
        .filter(translation_key=page.translation_key)
        .exclude(locale_id=page.locale_id)
        .select_related("locale")
    )
    names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    return {
        "translations": [
            (translation, translation.locale.language_code, names.get(translation.locale.language_code))
            for translation in translations
        ],
        "request": context.get("request"),
    }


@register.inclusion_tag("includes/site_group_nav.html", takes_context=True)
def site_group_nav(context):
    """站群导航: the portal and every sub-site, in tree order, in the active language."""
    homes = HomePage.objects.live().filter(locale=Locale.get_active()).order_by("path")
    return {"homes": list(homes), "request": context.get("request")}
