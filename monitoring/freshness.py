"""When each site and column was last really updated, read from the tree in a fixed number of queries.

An update is a live content page *first published*: the earlier of its earliest publication record
("wagtail.publish" in Wagtail's log, append-only on PostgreSQL) and `first_published_at` (see
first_publication). A
republished edit is not an update; a page scheduled for the future is not live yet; the display date an
editor types (ArticlePage.date) is never read, so a back-dated or forward-dated article changes nothing.

A page belongs to the nearest column above it and to the deepest site home above it; a column's last update
is its whole subtree's (what its listing shows). Undated pages (a standard page, a mailbox) make a column
non-blank but are not updates, as the inspection counts undated home-page items as not updated.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce, Least
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, get_page_models

from citizen_mailbox.models import MailboxPage
from disclosure.models import DisclosureCatalogPage
from emergency.models import EmergencyIndexPage
from govcms.core.tree import under_any_of
from home.models import AbstractColumnPage, ColumnFamily, ColumnPage, HomePage, StandardPage, column_pages

# Pages shown without a date: content, but never an update.
UNDATED_MODELS = (StandardPage, MailboxPage, EmergencyIndexPage)
# Columns whose content is generated from the rest of the site (the disclosure catalogue lists the site's
# disclosed pages wherever they are): assessed through the columns that hold those pages.
GENERATED_COLUMNS = (DisclosureCatalogPage,)


@dataclass
class Column:
    page_id: int
    path: str
    title: str
    url_path: str
    family: str
    update_category: str
    aggregates_subsites: bool
    generated: bool
    last_update: datetime | None = None
    has_content: bool = False
    has_direct_content: bool = False
    has_live_subcolumns: bool = False

    @property
    def assessed(self):
        """A column is assessed on its own unless it only groups sub-columns (which are assessed instead)."""
        return not self.generated and (self.has_direct_content or not self.has_live_subcolumns)

    @property
    def blank(self):
        return not self.has_content


@dataclass
class SiteTree:
    """One site's columns and updates (its sub-sites excluded, except what its aggregating columns list)."""

    home: HomePage
    columns: list[Column] = field(default_factory=list)
    last_update: datetime | None = None
    own_last_update: datetime | None = None
    has_own_content: bool = False
    has_mailbox: bool = False

    def service_columns_with_content(self):
        return [c for c in self.columns if c.family == ColumnFamily.SERVICE and c.has_content]


def _later(first, second):
    if first is None:
        return second
    if second is None:
        return first
    return max(first, second)


def first_publication():
    """A page's first publication: the earlier of its earliest publication record and its first_published_at
    (either alone when the other is missing). Both are needed: an imported page may have no record, and the
    audit-log retention (sitegroup.retention) purges the first record of an old page, after which a later
    republish (a mere edit) would otherwise pass for its first publication."""
    records = (
        PageLogEntry.objects.filter(page_id=OuterRef("pk"), action="wagtail.publish")
        .values("page_id")
        .annotate(first=Min("timestamp"))
        .values("first")
    )
    recorded = Subquery(records)
    return Least(Coalesce(recorded, F("first_published_at")), Coalesce(F("first_published_at"), recorded))


def _columns_under(paths):
    """Live columns of every type below `paths`, as Column records (one query per column model)."""
    columns = []
    live = column_pages().live().filter(under_any_of(paths)).specific()
    for page in live:
        columns.append(
            Column(
                page_id=page.pk,
                path=page.path,
                title=page.title,
                url_path=page.url_path,
                family=page.family,
                update_category=page.update_category,
                aggregates_subsites=isinstance(page, ColumnPage) and page.aggregate_subsites,
                generated=isinstance(page, GENERATED_COLUMNS),
            )
        )
    return columns


def _content_pages(paths, until):
    """(path, dated, first publication) of every live page below `paths` that is neither a site nor a column;
    a publication after `until` (an audit of an earlier day) is not one yet."""
    structural = [HomePage, *_column_models()]
    excluded = ContentType.objects.get_for_models(*structural).values()
    undated = {ct.pk for ct in ContentType.objects.get_for_models(*UNDATED_MODELS).values()}
    rows = (
        Page.objects.live()
        .filter(under_any_of(paths))
        .exclude(content_type__in=excluded)
        .annotate(published=first_publication())
        .values_list("path", "content_type_id", "published")
    )
    return [
        (path, content_type not in undated and published is not None and published < until, published)
        for path, content_type, published in rows
    ]


def _column_models():
    return [model for model in get_page_models() if issubclass(model, AbstractColumnPage)]


def site_trees(homes, today):
    """{home pk: SiteTree} for `homes` (site homes of the default locale) as of the end of `today`, in a
    fixed number of queries."""
    homes = list(homes)
    tops = _outermost([home.path for home in homes])
    all_homes = {home.path: home for home in HomePage.objects.filter(under_any_of(tops)).only("pk", "path", "title")}
    trees = {home.path: SiteTree(home) for home in all_homes.values()}
    columns = {column.path: column for column in _columns_under(tops)}
    mailbox_paths = MailboxPage.objects.live().filter(under_any_of(tops)).values_list("path", flat=True)
    step = Page.steplen

    def owner(path):
        """The nearest column strictly above `path` within its site, and the site's tree."""
        column = None
        for end in range(len(path) - step, 0, -step):
            prefix = path[:end]
            if prefix in trees:
                return column, trees[prefix]
            if column is None and prefix in columns:
                column = columns[prefix]
        return column, None

    for column in columns.values():
        parent, tree = owner(column.path)
        if tree is None:
            continue
        tree.columns.append(column)
        if parent is not None:
            parent.has_live_subcolumns = True
    for path in mailbox_paths:
        _column, tree = owner(path)
        if tree is not None:
            tree.has_mailbox = True
    until = timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))
    for path, dated, published in _content_pages(tops, until):
        _record_content(path, published if dated else None, columns, owner)
    _aggregate_subsites(trees)
    wanted = {home.pk for home in homes}
    return {tree.home.pk: tree for tree in trees.values() if tree.home.pk in wanted}


def _record_content(path, update, columns, owner):
    """Count one content page for its column (and the columns above it, up to its site) and for its site."""
    column, tree = owner(path)
    if tree is None:
        return
    if column is not None:
        column.has_direct_content = True
    # Every column between the page and its site home: their listings show it.
    for end in range(len(path) - Page.steplen, len(tree.home.path), -Page.steplen):
        above = columns.get(path[:end])
        if above is not None:
            above.has_content = True
            above.last_update = _later(above.last_update, update)
    tree.has_own_content = True
    tree.own_last_update = _later(tree.own_last_update, update)


def _aggregate_subsites(trees):
    """A site is updated by its own content; an aggregating column (区县动态) lists its sub-sites' articles,
    so their latest update is the column's and that of the home that shows it."""
    for tree in trees.values():
        tree.last_update = tree.own_last_update
    for tree in trees.values():
        below = [other for path, other in trees.items() if path != tree.home.path and path.startswith(tree.home.path)]
        for column in tree.columns:
            if not column.aggregates_subsites:
                continue
            for other in below:
                column.has_content = column.has_content or other.has_own_content
                column.last_update = _later(column.last_update, other.own_last_update)
            column.has_direct_content = column.has_content
            tree.last_update = _later(tree.last_update, column.last_update)


def _outermost(paths):
    """The paths not below another of `paths`."""
    ordered = sorted(set(paths), key=len)
    tops = []
    for path in ordered:
        if not any(path.startswith(top) for top in tops):
            tops.append(path)
    return tops


def local_date(moment):
    return timezone.localdate(moment) if moment else None
