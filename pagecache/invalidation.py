"""What a change makes stale, in the application's page cache and in the proxy in front (docs/operations.md).

A change on page P shows on P, on its column listings and feeds, on its site home and on every site home
above it (the portal's 区县动态 and home listings aggregate the counties' articles). So it renews the
generation of P's site and of every site above (pagecache.generations); sibling sites keep their entries.
An emergency is announced on every page of its site and of the sites below it, and a site setting (the
footer's identity, content rules) shows on every page of the site and of the sites below that inherit the
portal's chrome: both renew those sites too. A Site record or a platform-wide setting renews everything.

The same change is sent to the proxy as one wagtail.contrib.frontend_cache PurgeBatch (when
WAGTAILFRONTENDCACHE is configured): P's addresses on every hostname that serves it, in its language and its
translations', its ancestors up to the top site home with their rss/ feeds, and each affected site's
sitemap.xml. Where a whole site changes (emergency, settings) its hostname is purged with a trailing `*`,
which deploy/nginx/govcms.conf's purge location treats as a prefix. Other pages of an affected site (page 2
of a column, another article's "related" list) leave the proxy within PAGE_CACHE_PROXY_SECONDS.

Both happen when the transaction commits: renewing a generation earlier would let a request store the old
content under the new generation. Changes in one transaction are gathered into one renewal and one batch
(deleting a subtree sends a signal per page).

Not handled, on purpose: a workflow's withdrawal or cancellation changes no live content (the draft goes back
to its author), and redirects only answer addresses that have no page (404s are never cached).
"""

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site

from govcms.core.tree import site_home_model
from pagecache import generations

logger = logging.getLogger(__name__)


@dataclass
class Pending:
    """The changes of one transaction, sent when it commits."""

    keys: set = field(default_factory=set)
    urls: set = field(default_factory=set)
    flushed: bool = False
    _homes: list = None
    _root_paths: list = None

    @property
    def homes(self):
        """Every site home (all languages), read once per transaction: path, url_path, translation key."""
        if self._homes is None:
            self._homes = list(site_home_model().objects.values_list("path", "url_path", "translation_key"))
        return self._homes

    @property
    def home_ids(self):
        return list(site_home_model().objects.values_list("pk", "path"))

    @property
    def root_paths(self):
        if self._root_paths is None:
            self._root_paths = Site.get_site_root_paths()
        return self._root_paths

    def flush(self):
        self.flushed = True
        try:
            generations.drop_routes()
            generations.bump(self.keys)
        except Exception:
            # Runs after the commit: failing here would turn a done publish into an error page and skip the
            # other on-commit work (search indexing, notifications). Entries stored before expire on their own.
            logger.exception("Page cache unavailable: generations not renewed for %s", sorted(self.keys))
        if self.urls and getattr(settings, "WAGTAILFRONTENDCACHE", None):
            from wagtail.contrib.frontend_cache.utils import PurgeBatch

            PurgeBatch(sorted(self.urls)).purge()


@contextmanager
def pending():
    """This transaction's Pending, flushed when it commits; outside a transaction, flushed at once."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        batch = Pending()
        yield batch
        batch.flush()
        return
    # Kept on the connection, which is this thread's: a rolled-back transaction dropped its callback, and a
    # test that ran the callbacks flushed it: then start anew.
    current = getattr(connection, "pagecache_pending", None)
    if current is None or current.flushed or not any(call[1] == current.flush for call in connection.run_on_commit):
        current = connection.pagecache_pending = Pending()
        transaction.on_commit(current.flush)
    yield current


def page_changed(page, *, sites_below=False):
    """Renew the sites showing `page` (and the sites below its own when `sites_below`); purge its addresses.

    Reads only the page's path, url_path and translation key: it works for a page just deleted.
    """
    with pending() as batch:
        gather_page(batch, page, sites_below)


def gather_page(batch, page, sites_below):
    above = [home for home in batch.homes if page.path.startswith(home[0])]
    if not above:
        return
    batch.keys.update(str(key) for _path, _url_path, key in above)
    site_home = max(above, key=lambda home: len(home[0]))
    batch.urls.update(urls_of(batch, page.url_path, with_ancestors=True))
    for _path, url_path, _key in above:
        batch.urls.update(site_urls(batch, url_path))
    if sites_below:
        whole_sites_changed(batch, site_home[0])
    if page.pk is not None:
        for url_path in (
            Page.objects.filter(translation_key=page.translation_key)
            .exclude(pk=page.pk)
            .values_list("url_path", flat=True)
        ):
            batch.urls.update(urls_of(batch, url_path, with_ancestors=True))


def site_changed(site):
    """A setting of `site` changed: the site and the sites below it (they may inherit it)."""
    with pending() as batch:
        whole_sites_changed(batch, site.root_page.path)


def home_changed(home_id):
    """Something shown on every page of the site at home `home_id` changed: that site and the sites below."""
    with pending() as batch:
        path = next((path for pk, path in batch.home_ids if pk == home_id), None)
        if path is not None:
            whole_sites_changed(batch, path)


def whole_sites_changed(batch, path):
    """Renew the site home at `path` and every site below it; purge their hostnames entirely."""
    below = [home for home in batch.homes if home[0].startswith(path)]
    batch.keys.update(str(key) for _path, _url_path, key in below)
    for _path, url_path, _key in below:
        batch.urls.update(site_urls(batch, url_path, everything=True))


def everything_changed():
    with pending() as batch:
        batch.keys.add(generations.GLOBAL)
        batch.urls.update(f"{root.root_url}/*" for root in batch.root_paths)


def urls_of(batch, url_path, *, with_ancestors=False):
    """The full URLs of the page at `url_path` on every site serving it; with its ancestors' and their feeds.

    The ancestors' url_paths are the prefixes of the page's, so no query is needed.
    """
    segments = url_path.strip("/").split("/")
    paths = [url_path]
    if with_ancestors:
        paths += ["/" + "/".join(segments[:end]) + "/" for end in range(1, len(segments))]
    urls = set()
    for path in paths:
        for full_url in full_urls(batch, path):
            urls.add(full_url)
            if path != url_path:
                urls.add(full_url + "rss/")
    return urls


def full_urls(batch, url_path):
    for root in batch.root_paths:
        if url_path.startswith(root.root_path):
            with translation.override(root.language_code):
                yield root.root_url + reverse("wagtail_serve", args=[url_path[len(root.root_path) :]])


def site_urls(batch, home_url_path, *, everything=False):
    """The sitemap.xml of each Site rooted at this home (all of its addresses when `everything`)."""
    suffix = "/*" if everything else "/sitemap.xml"
    return {root.root_url + suffix for root in batch.root_paths if root.root_path == home_url_path}
