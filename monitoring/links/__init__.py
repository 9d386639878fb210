"""Broken links (issue 16, item 2): what the live pages of each site link to, and whether it is there.

* `check_all_links(external=False)` / `check_site_links(home, external=False)` — read the links of the live
  pages (extraction), check pages, documents and images in the database (internal) and, with `external`,
  the http(s) links over HTTP (external, through the ExternalLinkCheck cache), and record the result as
  LinkFinding rows (findings). Run by `manage.py check_links`, never in a web request.
* `broken_link_counts(site_home_ids)` — open findings per site, for the audit.

A page belongs to the site of its nearest site home; a translated page to the site of its original (the
original-language home with the same translation key), so a site's English pages count with the site.
"""

from datetime import timedelta

from django.db.models import Count, Q
from wagtail.models import Locale

from govcms.core.tree import SiteIndex, site_home_model, under_any_of
from monitoring.links import external as http
from monitoring.links.cache import cached_results, store_results
from monitoring.links.extraction import Link, page_links
from monitoring.links.findings import record_findings
from monitoring.links.internal import problems_of_internal_targets
from monitoring.models import LinkFinding, LinkKind

__all__ = ["Link", "broken_link_counts", "check_all_links", "check_site_links"]


def broken_link_counts(site_home_ids):
    """{home id: number of open findings} for each of `site_home_ids` (0 for a site without any)."""
    counts = dict(
        LinkFinding.objects.filter(site_home_id__in=site_home_ids, fixed_at__isnull=True)
        .values_list("site_home_id")
        .annotate(count=Count("pk"))
        .values_list("site_home_id", "count")
    )
    return {home_id: counts.get(home_id, 0) for home_id in site_home_ids}


def check_all_links(external=False):
    """Check every live page of the site group; returns the number of open findings."""
    sites = Sites()
    return check(Q(), sites, findings_q=Q(), external=external)


def check_site_links(home, external=False):
    """Check the live pages of the site rooted at `home` (an original-language home) and its translations."""
    sites = Sites()
    return check(sites.pages_q(home), sites, findings_q=Q(site_home=home), external=external, only_site=home.pk)


def check(pages_q, sites, findings_q, external, only_site=None):
    """Check the links of the live pages matching `pages_q` and record the findings within `findings_q`."""
    links_by_page, path_by_page = page_links(pages_q)
    site_by_page = {}
    for page_id, path in path_by_page.items():
        site_id = sites.site_id_for_path(path)
        if site_id is not None and only_site in (None, site_id):
            site_by_page[page_id] = site_id
    pairs = {(page_id, link) for page_id, links in links_by_page.items() if page_id in site_by_page for link in links}
    problems, unjudged = judge_links({link for _page_id, link in pairs}, external)
    broken = {(page_id, link): problems[link] for page_id, link in pairs if link in problems}
    # External links this run did not judge keep their open findings while they are still on the page.
    still_present = {(page_id, link) for page_id, link in pairs if link in unjudged}
    return record_findings(broken, site_by_page, findings_q, still_present, external)


def judge_links(links, external):
    """({Link: problem} for the broken links, set of external Links left unjudged)."""
    internal = {link for link in links if link.kind != LinkKind.EXTERNAL}
    problems = problems_of_internal_targets(internal)
    urls = {link.target for link in links if link.kind == LinkKind.EXTERNAL}
    if not external:
        return problems, {Link(LinkKind.EXTERNAL, url) for url in urls}
    results = cached_results(urls, max_age=timedelta(hours=http.setting("CACHE_HOURS")))
    fetched = http.check_urls(urls - results.keys())
    store_results(fetched)
    results.update(fetched)
    problems.update({Link(LinkKind.EXTERNAL, url): result.problem for url, result in results.items() if not result.ok})
    return problems, set()


class Sites:
    """Which site each page belongs to, translated pages to their original's site; homes loaded once."""

    def __init__(self):
        homes = list(site_home_model().objects.only("pk", "path", "title", "kind", "locale_id", "translation_key"))
        self.index = SiteIndex(homes)
        original_locale = Locale.get_default().pk
        originals = {home.translation_key: home.pk for home in homes if home.locale_id == original_locale}
        # A translated home's site is its original's; a home without an original stands for itself.
        self.original_of = {home.pk: originals.get(home.translation_key, home.pk) for home in homes}
        self.homes = homes

    def site_id_for_path(self, path):
        home = self.index.site_for_path(path)
        return self.original_of[home.pk] if home else None

    def pages_q(self, home):
        """The pages of `home`'s site and of its translations, without the sites below them."""
        own = [other for other in self.homes if self.original_of[other.pk] == home.pk]
        own_paths = [other.path for other in own]
        below = [
            other.path
            for other in self.homes
            if other.path not in own_paths and any(other.path.startswith(path) for path in own_paths)
        ]
        return under_any_of(own_paths) & ~under_any_of(below) if below else under_any_of(own_paths)
