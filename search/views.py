"""Public search, scoped to the site being visited and the active language."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from home.models import paginate

MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 10


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    site = Site.find_for_request(request)
    results = None
    if query and site is not None:
        pages = (
            Page.objects.live()
            .public()
            .descendant_of(site.root_page.localized, inclusive=True)
            .filter(locale=Locale.get_active())
        )
        results = paginate(request, pages.search(query), per_page=RESULTS_PER_PAGE)
    return render(
        request,
        "search/search.html",
        {"search_query": query, "results": results, "page_title": _("搜索")},
    )
