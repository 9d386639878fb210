"""The public side of the foreign-language versions: what /<code>/… answers when there is no translation to show.

Wagtail's serve routes /en/… from `site.root_page.localized`, which falls back to the Chinese home when the site
has no live English home: it would serve Chinese pages labelled English. `serve` (govcms/urls.py puts it in
place of Wagtail's) answers a foreign-language address with a short bilingual notice instead (404, noindex),
linking to the Chinese page:

* on a site that does not offer the language (no SiteLanguage) or whose home in it is not live, for every
  address: the link goes to the Chinese page at the same path, else to the Chinese home;
* on a site that offers it, for an address with no live page (not yet translated, or in review): the link goes
  to the Chinese original at the same path, or to the source of the translated draft the address names (a
  translator may have given it an English slug). An address naming nothing in either language is a plain 404.

`offered_language_only` gives other public views (search) the same notice on a site without the language.
"""

from functools import wraps

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from translations.languages import language_name
from translations.models import SiteLanguage


def offers_live(site, language):
    """Whether `site` offers `language` and its home in that language is live (one query)."""
    live_home = Page.objects.live().filter(
        translation_key=OuterRef("home__translation_key"), locale__language_code=language
    )
    offered = SiteLanguage.objects.filter(home_id=site.root_page_id, language_code=language)
    return offered.filter(Exists(live_home)).exists()


def serve(request, path):
    """Wagtail's serve, except that a foreign-language address never falls back to Chinese content."""
    language = get_language()
    site = Site.find_for_request(request)
    if language == settings.LANGUAGE_CODE or site is None:
        return wagtail_serve(request, path)
    offered = offers_live(site, language)
    # The route is cached on the request: Wagtail's serve does not route again.
    if offered and Page.route_for_request(request, path) is not None:
        return wagtail_serve(request, path)
    original_url = original_url_for_path(request, site, path, language)
    if original_url is None:
        if offered:
            raise Http404
        original_url = site.root_page.get_url(request)
    return not_translated(request, original_url, language, offered)


def original_url_for_path(request, site, path, language):
    """The address of what a foreign-language `path` of `site` stands for in the original language, or None:
    the same path when it leads somewhere in Chinese (a page, or a page's sub-address such as its feed), else
    the original of the translated page at `path`."""
    components = [component for component in path.split("/") if component]
    try:
        site.root_page.specific.route(request, components)
    except Http404:
        original = _original_of_translated(site, components, language)
        return original.get_url(request) if original is not None else None
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("wagtail_serve", args=[path])


def _original_of_translated(site, components, language):
    """The live original of the translated page (live or not) at `components` below `site`'s translated home."""
    translated_home = Page.objects.filter(
        translation_key=site.root_page.translation_key, locale__language_code=language
    ).first()
    if translated_home is None:
        return None
    suffix = "".join(f"{component}/" for component in components)
    translated = Page.objects.filter(locale_id=translated_home.locale_id, url_path=translated_home.url_path + suffix)
    return (
        Page.objects.live()
        .filter(translation_key__in=translated.values("translation_key"), locale__language_code=settings.LANGUAGE_CODE)
        .first()
    )


def not_translated(request, original_url, language, offered):
    """The bilingual notice (404, noindex) with a link to `original_url`.

    Its page chrome is the site's foreign-language one where the site offers the language, else the Chinese one:
    no Chinese text is labelled as another language."""
    info = get_language_info(language)
    with translation.override(settings.LANGUAGE_CODE):
        chinese_name = language_name(language)
    context = {
        "original_url": original_url,
        "language": language,
        "language_name_english": info["name"],
        "language_name_chinese": chinese_name,
        "original_language": settings.LANGUAGE_CODE,
    }
    with translation.override(language if offered else settings.LANGUAGE_CODE):
        return render(request, "translations/not_translated.html", context, status=404)


def offered_language_only(view):
    """`view` in the original language and on sites offering the active foreign language; elsewhere the notice,
    linking to the same view in the original language (with the same query)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        language = get_language()
        site = Site.find_for_request(request)
        if language == settings.LANGUAGE_CODE or site is None or offers_live(site, language):
            return view(request, *args, **kwargs)
        with translation.override(settings.LANGUAGE_CODE):
            url = reverse(request.resolver_match.view_name, args=args, kwargs=kwargs)
        query = request.GET.urlencode()
        return not_translated(request, f"{url}?{query}" if query else url, language, offered=False)

    return wrapped
