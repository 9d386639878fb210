"""The explorer for a parent with very many children: a bounded page count instead of an OFFSET scan of them all.

Wagtail's explorer pages with Django's Paginator: it counts every child and its last page reads past all the
others (OFFSET), 1.3 s for a column of 100,000 articles. Past EXPLORER_MAX_ROWS children (a setting, 1,000 by
default) the listing counts no further and offers the first pages only, with a message pointing to search and
the date and status filters, which lead to any page; searching is never bounded here (its backend limits it).
The view and the URLs are Wagtail's (its page viewset registry routes the explorer to ExplorerPageViewSet), so
its permission checks and every site's scope stay as they are.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.pages.listing import ExplorableIndexView, GenericPageFilterSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, PageLogEntry

from govcms.core.tree import BoundedCountMixin
from sitegroup.scoped_lists import colleagues_of, scoped_queryset

DEFAULT_MAX_ROWS = 1000


def max_rows():
    return getattr(settings, "EXPLORER_MAX_ROWS", DEFAULT_MAX_ROWS)


class BoundedPaginator(BoundedCountMixin, WagtailPaginator):
    """Counts at most `limit` + 1 children; past `limit` it pages through the first `limit` only (`capped`)."""

    def __init__(self, object_list, per_page, *, limit, **kwargs):
        self.count_limit = limit
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def items_count_label(self):
        if self.capped:
            return _("%(count)s+ 个页面") % {"count": f"{self.count_limit:,}"}
        return super().items_count_label


def page_owners(request):
    """One index probe per user, where Wagtail's `id IN (SELECT DISTINCT owner_id FROM wagtailcore_page)` reads
    every page (30 ms at 100,000 pages)."""
    return get_user_model().objects.filter(Exists(Page.objects.filter(owner=OuterRef("pk"))))


def page_editors(request):
    edits = PageLogEntry.objects.filter(action="wagtail.edit", user=OuterRef("pk"))
    return get_user_model().objects.filter(Exists(edits))


class ExplorerPageFilterSet(GenericPageFilterSet):
    """Wagtail's explorer filters; the choices of 所有者 and 编辑者 are the same users, within the viewer's sites
    as sitegroup confines them, found without a scan of every page (or every log entry) for their distinct ids."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["owner"].queryset = scoped_queryset(page_owners, colleagues_of)
        self.filters["edited_by"].queryset = scoped_queryset(page_editors, colleagues_of)


def share_site_root_paths(pages, request):
    """Give every page of a listing the request's copy of Wagtail's site root paths.

    The 查看线上 buttons of the header and of each row read `page.url`, which has no request: Wagtail then memoises
    the site root paths on the page itself, one cache read (a Redis round trip, the paths of every site unpickled)
    per page — 51 for a page of 50 rows.
    """
    root_paths = pages[0]._get_site_root_paths(request)
    for page in pages:
        page._wagtail_cached_site_root_paths = root_paths


class BoundedExplorableIndexView(ExplorableIndexView):
    @cached_property
    def show_ordering_column(self):
        """Sorting by 排序 (drag and drop) lists every child unpaginated: past the bound it is paginated, without
        the drag handles (numchild is stored on the parent: no query)."""
        unbounded = self.is_searching or self.parent_page.numchild <= max_rows()
        return unbounded and ExplorableIndexView.show_ordering_column.func(self)

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        if self.is_searching:
            return super().get_paginator(queryset, per_page, orphans, allow_empty_first_page, **kwargs)
        return BoundedPaginator(
            queryset, per_page, limit=max_rows(), orphans=orphans, allow_empty_first_page=allow_empty_first_page
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        share_site_root_paths([self.parent_page, *context["object_list"]], self.request)
        paginator = context.get("paginator")
        if getattr(paginator, "capped", False) and not self.results_only:
            messages.info(self.request, self.bounded_message(paginator.count_limit))
        return context

    @staticmethod
    def bounded_message(limit):
        message = _("此处页面过多，只列出前 %(count)s 个。请用搜索或按日期、状态筛选查找其余页面。")
        return message % {"count": f"{limit:,}"}


class ExplorerPageViewSet(PageViewSet):
    """Wagtail's page views, with the bounded explorer listing and its filters."""

    index_view_class = BoundedExplorableIndexView
    filterset_class = ExplorerPageFilterSet
