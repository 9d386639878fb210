"""Site chrome shared by every public page: header, column navigation,
breadcrumb and the footer with the site's identity (the language links are
translations.templatetags.translation_tags').

base.html asks for the breadcrumb trail once and derives the sub-site's home
from it, so the whole chrome costs a fixed, small number of queries however
large the site group grows.
"""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import to_locale
from wagtail.models import Site

from govcms.core.page_urls import full_url
from govcms.core.routing import route_trail
from home.models import HomePage, SiteKind

register = template.Library()


def request_site(request):
    return Site.find_for_request(request) if request is not None else None


@register.simple_tag(takes_context=True)
def get_trail(context, page=None):
    """Pages from the home of the site being visited down to `page` (the breadcrumb trail).

    A sub-site page reached through its parent's hostname starts at the parent's home,
    so the trail shows where the reader is in the site they are browsing. Without a
    page (search, 404) the trail is just the site's home, in the active language.
    """
    request = context.get("request")
    if trail := route_trail(request, page):
        return trail  # the pages the route walked: the same list, already read
    site = request_site(request)
    if not page:
        return [site.root_page.localized] if site is not None else []
    top_depth = site.root_page.depth if site is not None else 2
    ancestors = list(page.get_ancestors().filter(depth__gte=top_depth))
    return [*ancestors, page]


@register.simple_tag(takes_context=True)
def page_full_url(context, page):
    """`page.full_url`, its own site's address, with the site root paths read once per request."""
    return full_url(page, context.get("request"))


@register.simple_tag
def get_site_home(trail):
    """The nearest HomePage in the trail: the home of the (sub-)site the page belongs to."""
    home_type_id = ContentType.objects.get_for_model(HomePage).id
    return next((page for page in reversed(trail) if page.content_type_id == home_type_id), None)


@register.inclusion_tag("includes/column_nav.html", takes_context=True)
def column_nav(context, site_home, current_page=None):
    """The top menu of the page's own site (a county's pages show the county's): the home's children shown in
    menus, columns and any other page (the 突发事件 index), sub-sites aside."""
    columns = []
    if site_home is not None:
        columns = list(site_home.get_children().live().in_menu().not_type(HomePage))
    return {
        "site_home": site_home,
        "home_active": bool(current_page and site_home and current_page.pk == site_home.pk),
        "columns": [(column, aria_current(column, current_page)) for column in columns],
        "request": context.get("request"),
    }


def aria_current(column, current_page):
    """ "page" on the current column, "true" on the column the current page is in, else None."""
    if not current_page:
        return None
    if column.pk == current_page.pk:
        return "page"
    return "true" if current_page.path.startswith(column.path) else None


@register.filter
def bcp47(language_code):
    """'zh-hans' -> 'zh-Hans', the spelling HTML's lang and hreflang attributes use."""
    return to_locale(language_code).replace("_", "-")


KIND_ORDER = {kind: position for position, kind in enumerate(SiteKind.values)}


@register.inclusion_tag("includes/site_group_nav.html", takes_context=True)
def site_group_nav(context, locale_page):
    """站群导航: the live, public portal and sub-sites in `locale_page`'s language, grouped by kind."""
    homes = HomePage.objects.live().public().filter(locale_id=locale_page.locale_id) if locale_page else []
    homes = sorted(homes, key=lambda home: (KIND_ORDER.get(home.kind, len(KIND_ORDER)), home.path))
    return {"homes": homes, "request": context.get("request")}


@register.simple_tag
def page_numbers(page_obj):
    """Page numbers to offer around the current page, with Paginator.ELLIPSIS for the gaps."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """This address with ?page=number, keeping the other parameters (the query on search results)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"
