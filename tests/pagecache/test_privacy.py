"""Nothing personal and nothing private is stored, and what is not stored tells proxies so."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction

from govcms.middleware import ContentSecurityPolicyMiddleware
from pagecache.middleware import Lookup, storable
from tests.home.pages import column
from tests.pagecache.utils import cache_state, get


def test_a_signed_in_editor_neither_reads_nor_fills_the_cache(client, visitor, site_group, make_user):
    editor = make_user(site_group.portal.groups["编辑"], username="editor-zhang")
    get(visitor, "/")  # stored for anonymous visitors
    client.force_login(editor)
    own = get(client, "/")
    assert cache_state(own) is None and "private" in own["Cache-Control"]
    assert b"editor-zhang" in own.content or b"wagtail-userbar" in own.content
    anonymous = get(visitor, "/")
    assert cache_state(anonymous) == "hit"
    assert b"editor-zhang" not in anonymous.content and b"wagtail-userbar" not in anonymous.content


def test_an_editors_page_is_never_stored_for_visitors(client, visitor, site_group, make_user):
    client.force_login(make_user(site_group.portal.groups["编辑"], username="editor-li"))
    get(client, "/")
    anonymous = get(visitor, "/")
    assert cache_state(anonymous) == "miss" and b"editor-li" not in anonymous.content


def test_a_preview_is_never_stored(visitor, county_article):
    county_article.title = "尚未发布的草稿标题"
    county_article.save_revision()
    preview = county_article.make_preview_request()
    assert "尚未发布的草稿标题" in preview.content.decode()
    public = get(visitor, county_article.get_url(), "county-a.localhost")
    assert cache_state(public) == "miss" and "尚未发布的草稿标题" not in public.content.decode()


@pytest.mark.parametrize("restriction_type", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_a_restricted_page_is_never_stored(visitor, county_article, restriction_type):
    PageViewRestriction.objects.create(
        page=Page.objects.get(pk=county_article.pk), restriction_type=restriction_type, password="secret-word"
    )
    url = county_article.get_url()
    first = visitor.get(url, HTTP_HOST="county-a.localhost")
    second = visitor.get(url, HTTP_HOST="county-a.localhost")
    assert cache_state(first) is None and cache_state(second) is None
    assert "private" in second["Cache-Control"]


def test_search_results_are_never_stored(visitor, site_group):
    for _ in range(2):
        response = get(visitor, "/search/?q=防汛")
        assert cache_state(response) is None
        assert "no-store" in response["Cache-Control"]


def test_the_mailbox_forms_and_lookup_are_never_stored_even_if_the_page_type_were_cached(visitor, site_group, settings):
    settings.PAGE_CACHE_EXCLUDED_PAGE_TYPES = []
    from citizen_mailbox.models import MailboxPage

    _site, root_url, path = MailboxPage.objects.descendant_of(site_group.county_a.home).get().get_url_parts()
    for route in ("write/", "lookup/"):
        response = get(visitor, path + route, urlsplit(root_url).hostname)
        assert cache_state(response) is None and "no-store" in response["Cache-Control"], route


LANGUAGE = settings.LANGUAGE_CODE


def public_page_request():
    request = RequestFactory().get("/")
    request.pagecache_cacheable = True
    return request


def rendered(text, language=LANGUAGE):
    response = HttpResponse(text)
    response["Content-Language"] = language
    return response


LOOKUP = Lookup(key="pagecache:page:x", language=LANGUAGE, hostname="localhost", path="/", stamp=(), hit=None)


def test_a_page_whose_template_used_the_csrf_token_is_not_stored():
    request = public_page_request()
    assert storable(request, rendered("page"), LOOKUP)
    get_token(request)
    assert not storable(request, rendered("page with a form"), LOOKUP)


def test_a_page_whose_policy_holds_a_nonce_is_not_stored():
    """A stored copy would give every visitor the same nonce, which would then allow any script naming it."""
    request = public_page_request()
    ContentSecurityPolicyMiddleware(HttpResponse).process_request(request)
    assert storable(request, rendered("page"), LOOKUP)
    str(request.csp_nonce)  # what {{ request.csp_nonce }} in a template does
    assert not storable(request, rendered("page with a nonce"), LOOKUP)


def test_a_page_rendered_in_another_language_than_its_address_says_is_not_stored():
    """The key's language is taken from the address before LocaleMiddleware runs: a response in another language
    would be served as the address's."""
    assert storable(public_page_request(), rendered("中文"), LOOKUP)
    assert not storable(public_page_request(), rendered("English", language="en"), LOOKUP)


def test_a_column_listing_is_stored_but_its_feed_of_a_restricted_column_is_not(visitor, site_group):
    listing = column(site_group.county_a.home)
    assert cache_state(get(visitor, listing.url, "county-a.localhost")) == "miss"
    PageViewRestriction.objects.create(page=Page.objects.get(pk=listing.pk), restriction_type="login")
    assert cache_state(visitor.get(listing.url + "rss/", HTTP_HOST="county-a.localhost")) is None


def test_a_visitor_with_a_message_pending_neither_reads_nor_fills_the_cache(visitor, site_group):
    get(visitor, "/")
    response = get(visitor, "/", HTTP_COOKIE="messages=pending")
    assert cache_state(response) is None and "private" in response["Cache-Control"]
