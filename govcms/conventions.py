"""What crawlers and browsers ask every government site for: /sitemap.xml, /robots.txt and /favicon.ico.

Each answers for the host requested: a sub-site on a hostname of its own has its own sitemap and robots.txt,
and the portal's sitemap leaves that sub-site's pages to it (docs/operations.md, "Crawlers and browsers").
"""

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import translation
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Site

from govcms.core.tree import under_any_of

# Crawled, these would only waste the crawl: the admin answers with its login page, search results are
# endless combinations of queries (the search page says noindex too).
DISALLOWED_VIEWS = ("wagtailadmin_home", "search")


class HostSitemap(Sitemap):
    """Wagtail's sitemap of the requesting site, without the pages another hostname lists.

    Withdrawn pages are not live, login- and password-protected ones not public (Wagtail leaves both out).
    A site not yet public answers its hostname's sitemap with the holding page (sitegroup.holding), and
    being a Site it is among those another hostname lists, so its pages appear in no sitemap.
    """

    def items(self):
        site = self.get_wagtail_site()
        root = site.root_page.path
        # A sub-site with a hostname of its own lists its pages on that hostname (Wagtail would list them
        # here too, under the sub-site's URLs).
        elsewhere = (
            Site.objects.exclude(root_page__path=root)
            .filter(root_page__path__startswith=root)
            .values_list("root_page__path", flat=True)
        )
        return super().items().exclude(under_any_of(list(elsewhere)))


@require_safe
def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"wagtail": HostSitemap})


@require_safe
def robots_txt(request):
    lines = ["User-agent: *"]
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            lines += [f"Disallow: {reverse(name)}" for name in DISALLOWED_VIEWS]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(dict.fromkeys(lines)) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    # Not permanent: the static file's URL changes with its content (hashed names in production).
    return HttpResponseRedirect(static("img/favicon.ico"))


urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
]
