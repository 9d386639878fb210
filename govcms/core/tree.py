"""Page-tree helpers: which pages lie under which, which site a page belongs to, paginated lists.

A site is rooted at a site home (the model named by `GOVCMS_SITE_HOME_MODEL`);
a page belongs to the deepest site home at or above it, so a county's pages
belong to the county, not to the portal above it.
"""

from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q, QuerySet
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.models import Page

LISTING_PAGE_SIZE = 20
# A public listing counts at most this many rows: beyond it the count would grow with the site (every
# article of a big column read on every request) for a figure no one pages through. Shown as "超过 10000 条".
LISTING_COUNT_LIMIT = 10_000
# The Wagtail hook through which a cache may keep a listing's bounded count (and where its pages start) until
# the listing's site changes (pagecache registers one): fn(request, site_home, items, what, compute) returns
# compute()'s value, or the one kept for `what` of these `items`.
REMEMBER_COUNT_HOOK = "remember_listing_count"
# The pages read through an OFFSET (cheap near the top); those after them start from the keys of their first row.
SEEK_FROM_PAGE = 5
# Page ids are 32-bit (AutoField): a bigger number in a URL is no page, and must not reach the database
# (SQLite raises OverflowError on a Python int beyond 64 bits).
MAX_PAGE_ID = 2**31 - 1


def site_home_model():
    """The page model at the top of every site (home.HomePage)."""
    return apps.get_model(getattr(settings, "GOVCMS_SITE_HOME_MODEL", "home.HomePage"))


def under_any_of(paths, field="path"):
    """Match rows whose tree path (`field`) lies at or below any of `paths`; no paths match nothing."""
    if not paths:
        return Q(pk__in=[])
    return Q(*[Q(**{f"{field}__startswith": path}) for path in paths], _connector=Q.OR)


def ancestor_paths(paths):
    """The paths strictly above each of `paths` (their ancestors' paths), the tree root's included."""
    return {path[:end] for path in paths for end in range(Page.steplen, len(path), Page.steplen)}


def site_home_of(page):
    """The site home a page belongs to: its nearest site home, itself included (None above every site)."""
    return site_home_model().objects.ancestor_of(page, inclusive=True).order_by("-depth").first()


class BoundedCountMixin:
    """A paginator's count that stops at `count_limit` rows, counted as `items[:limit + 1]` (a bounded subquery);
    `capped` says there are more, and the pages stop at the bounded count's last page."""

    count_limit = LISTING_COUNT_LIMIT
    # A function (what, compute) -> compute()'s value, which may keep it rather than compute it again
    # (paginate's `site_home`); `what` names the value ("count", "page starts").
    remember = None

    def remembered(self, what, compute):
        return self.remember(what, compute) if self.remember else compute()

    @cached_property
    def counted(self):
        return self.remembered("count", self.bounded_count)

    def bounded_count(self):
        items = self.object_list
        # Unordered: which rows fill the bound does not change how many there are, and without the ORDER BY
        # the database may count them in whatever order is cheapest (an index on the parent's path, say).
        if isinstance(items, QuerySet):
            return items.order_by()[: self.count_limit + 1].count()
        return len(items[: self.count_limit + 1])

    @cached_property
    def count(self):
        return min(self.counted, self.count_limit)

    @property
    def capped(self):
        return self.counted > self.count_limit


class BoundedPaginator(BoundedCountMixin, Paginator):
    """The public listings' paginator: at most LISTING_COUNT_LIMIT rows counted.

    Given the keys `items` are ordered by (`seek_keys`, which must make the order total), a page past the first
    SEEK_FROM_PAGE starts from the keys of the row before it (an index range read of one page) instead of an
    OFFSET, which walks every row before the page: 0.1 ms against 87 ms for page 500 of a 100,000-article column.
    Where each page starts is read once, one row per page, and kept like the count (`remember`).
    """

    seek_keys = ()

    def page(self, number):
        number = self.validate_number(number)
        if not self.seek_keys or number <= SEEK_FROM_PAGE:
            return super().page(number)
        starts = self.remembered("page starts", self.page_boundaries)
        if number - 2 >= len(starts):
            # The remembered count and page starts disagree (a change that renewed nothing): read the page as
            # Django does rather than fail.
            return super().page(number)
        last_of_previous = starts[number - 2]
        items = self.object_list.filter(after(self.seek_keys, last_of_previous))[: self.per_page]
        return self._get_page(items, number, self)

    def page_boundaries(self):
        """The order keys of the last row of each page (the row a page's successor starts after)."""
        fields = [key.lstrip("-") for key in self.seek_keys]
        rows = self.object_list.values_list(*fields)[: self.count_limit]
        return list(rows)[self.per_page - 1 :: self.per_page]


def after(order_keys, values):
    """The rows after `values` in the order of `order_keys` ("-date", "-pk"…): lexicographic, key by key."""
    fields = [key.lstrip("-") for key in order_keys]
    conditions = Q(pk__in=[])
    for position, (key, field) in enumerate(zip(order_keys, fields, strict=True)):
        comparison = "lt" if key.startswith("-") else "gt"
        same_before = dict(zip(fields[:position], values, strict=False))
        conditions |= Q(**same_before, **{f"{field}__{comparison}": values[position]})
    # The same bound on the first key alone, not strict: an index on the keys starts its range read there
    # (the OR above it cannot be read as one range).
    first_bound = "lte" if order_keys[0].startswith("-") else "gte"
    return conditions & Q(**{f"{fields[0]}__{first_bound}": values[0]})


def paginate(request, items, per_page=LISTING_PAGE_SIZE, site_home=None, seek_keys=()):
    """The requested page of `items` (`?page=`); a bad or out-of-range number falls back to the first or last
    (the last of the bounded count's pages, on a capped listing).

    `site_home`: the site whose changes alone change which `items` there are (a column's articles: published,
    moved or withdrawn on it or, when it aggregates, on the sites below it). Counting up to the bound reads
    10,000 rows of a big column (15 ms); a cache registered for REMEMBER_COUNT_HOOK keeps the count, and where
    each page starts (`seek_keys`, BoundedPaginator), until then.
    """
    paginator = BoundedPaginator(items, per_page)
    paginator.seek_keys = seek_keys
    if site_home is not None:
        paginator.remember = partial(remembered_value, request, site_home, items)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def remembered_value(request, site_home, items, what, compute):
    for remember in hooks.get_hooks(REMEMBER_COUNT_HOOK):
        return remember(request, site_home, items, what, compute)
    return compute()


class SiteIndex:
    """Finds the site a tree path belongs to, in memory: the (few) site homes are loaded once.

    For lists that place many rows in their sites (reports, search results),
    where `site_home_of` would cost one query per row.
    """

    def __init__(self, homes=None):
        if homes is None:
            homes = site_home_model().objects.only("pk", "path", "title", "kind")
        self.sites = sorted(homes, key=lambda home: -len(home.path))

    @property
    def paths(self):
        return [home.path for home in self.sites]

    def site_for_path(self, path):
        """The deepest site home at or above `path`, or None (for the tree root, say)."""
        if not path:
            return None
        return next((home for home in self.sites if path.startswith(home.path)), None)

    def site_for(self, page):
        return self.site_for_path(page.path)

    def group_root_for_path(self, path):
        """The outermost site home at or above `path`: the top of its site group (the portal), or None."""
        return next((home for home in reversed(self.sites) if path and path.startswith(home.path)), None)

    def subsite_paths(self, home):
        """The homes of the sites below `home` (all depths)."""
        return [other.path for other in self.sites if other.path != home.path and other.path.startswith(home.path)]
