"""The pages and log entries of a site, and those a user may see in the release reports.

The reports cover the page log that Wagtail keeps (PageLogEntry) and the
workflow records (WorkflowState). A page belongs to the nearest site above
it (govcms.core.tree). Who sees which sites is the user's site scope
(govcms.core.scope.SiteScope): platform administrators every site, staff the
subtrees where their groups hold page permissions, which for a site's role
groups is their own site and the sites below it.

Wagtail keeps the log entries of a deleted page (with its id and title) but
not where the page was, so an entry of a deleted page could not be placed in
any site. `release.signal_handlers.record_deleted_page_path` writes the page's
last tree path into the data of Wagtail's own `wagtail.delete` entry as the page
is deleted; with it the entries of the deleted page stay visible to the staff
of its site.
"""

from django.db.models import Q
from wagtail.models import Page, PageLogEntry

from govcms.core.scope import SiteScope
from govcms.core.tree import under_any_of

DELETE_ACTION = "wagtail.delete"
DELETED_PATH_KEY = "path"
# The path recorded in a delete entry, as a lookup.
RECORDED_PATH = f"data__{DELETED_PATH_KEY}"


def pages_of_site(site):
    """The pages that belong to `site` itself: at or below its home, not inside one of its sub-sites."""
    return Page.objects.filter(under_any_of([site.path])).exclude(under_any_of(site.subsite_paths()))


def visible_log_entries(user):
    """The page log entries `user` may see, including those of pages deleted from their sites."""
    scope = SiteScope.of(user)
    if scope.platform_wide:
        return PageLogEntry.objects.all()
    pages = Page.objects.filter(scope.pages_q())
    return PageLogEntry.objects.filter(_entries_of_pages(pages, scope.working_paths, []))


def log_entries_of_site(entries, site):
    """Narrow `entries` to the pages that belong to `site` (see `pages_of_site`), deleted ones included."""
    return entries.filter(_entries_of_pages(pages_of_site(site), [site.path], site.subsite_paths()))


def _entries_of_pages(pages, paths, excluded_paths):
    """Entries of `pages`, and of deleted pages whose recorded path lay under `paths` but not `excluded_paths`."""
    deleted = (
        PageLogEntry.objects.filter(action=DELETE_ACTION)
        .filter(under_any_of(paths, field=RECORDED_PATH))
        .exclude(under_any_of(excluded_paths, field=RECORDED_PATH))
    )
    return Q(page_id__in=pages.values("pk")) | Q(page_id__in=deleted.values("page_id"))


def recorded_paths(page_ids):
    """{page id: last path} for deleted pages among `page_ids`, from their delete entries."""
    entries = PageLogEntry.objects.filter(page_id__in=page_ids, action=DELETE_ACTION).values_list("page_id", "data")
    return {page_id: data[DELETED_PATH_KEY] for page_id, data in entries if DELETED_PATH_KEY in (data or {})}
