"""Routing a public address to its page in one query for the whole path, not two per path segment.

Wagtail's Page.route walks down the path one segment at a time: for each it reads the child with that slug, then
that child's specific row (`.specific`), so an article three levels below a site home costs six queries before
anything is rendered. Every page's url_path is its parent's url_path plus its slug (Wagtail keeps them in step
on publish, slug change and move), so the pages along the path are the pages whose url_path is one of the
path's prefixes: one query finds them all, and one more makes the last of them specific.

The walk is Wagtail's, step for step: a page type with a route of its own (other than Wagtail's, or
RoutablePageMixin's) takes over the rest of the path as it would have; a RoutablePageMixin page whose own
sub-addresses (a column's feed/) match the rest of the path answers it, as its route tries them before its
children; a missing or non-child page is a 404; only the last page must be live.

The pages walked through are kept on the request (`route_trail`): the breadcrumb trail is that list, read again
by no one.
"""

from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page
from wagtail.url_routing import RouteResult

# How deep treebeard's paths can go (Page.path holds 4 characters a level).
MAX_TREE_DEPTH = Page._meta.get_field("path").max_length // Page.steplen
# The request attribute holding the pages from the routing page down to the page served.
TRAIL_ATTRIBUTE = "govcms_route_trail"


def route_trail(request, page):
    """The pages the route of this request walked, from the site home down to `page`, or None if it did not."""
    trail = getattr(request, TRAIL_ATTRIBUTE, None) if request is not None else None
    if trail and trail[-1].pk == getattr(page, "pk", None):
        return trail
    return None


class DirectRouteMixin:
    """For the page a Site is rooted at (home.HomePage): routes the whole path below it as described above."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        if len(path_components) > MAX_TREE_DEPTH - self.depth:
            # Deeper than any page can be: one query per prefix would grow with the square of the path's length.
            raise Http404
        trail = [self]
        for index, page in enumerate(pages_along(self, path_components)):
            rest = path_components[index + 1 :]
            if page is None or page.depth != trail[-1].depth + 1 or not page.path.startswith(trail[-1].path):
                raise Http404
            page._cached_parent_obj = trail[-1]  # as Wagtail's route does: get_parent() costs no query
            if answers_itself(page, rest):
                return page.specific.route(request, rest)
            trail.append(page)
        served = trail[-1].specific
        if not served.live:
            raise Http404
        trail[-1] = served
        setattr(request, TRAIL_ATTRIBUTE, trail)
        return RouteResult(served)


def pages_along(home, path_components):
    """The page at each prefix of the path below `home` (None where there is none), in one query."""
    url_paths = [home.url_path + "/".join(path_components[: end + 1]) + "/" for end in range(len(path_components))]
    # By slug first: its index finds the few pages so named wherever they are, where the tree path's prefix would
    # read every page of the site. The url_path picks those on this path; the walk checks they are below `home`.
    found = Page.objects.filter(slug__in=set(path_components), url_path__in=url_paths)
    by_url_path = {page.url_path: page for page in found}
    return [by_url_path.get(url_path) for url_path in url_paths]


def answers_itself(page, rest):
    """Whether `page`'s own route would answer `rest` differently from walking on to its child named rest[0]:
    a page type with a route of its own, or a live routable page with a sub-address matching `rest`."""
    page_class = page.specific_class
    if page_class is None or not routes_like_page(page_class):
        return True
    if not (issubclass(page_class, RoutablePageMixin) and page.live):
        return False
    try:
        page_class.get_resolver().resolve("/" + "".join(f"{component}/" for component in rest))
    except Http404:
        return False
    return True


def routes_like_page(page_class):
    """Whether every route in `page_class`'s ancestry is Wagtail's own (Page's, RoutablePageMixin's) or this one."""
    wagtails = {Page.route, RoutablePageMixin.route, DirectRouteMixin.route}
    return all(vars(klass)["route"] in wagtails for klass in page_class.__mro__ if "route" in vars(klass))
