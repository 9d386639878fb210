"""Content-Security-Policy: public pages allow no inline script, the admin gets its own looser policy.

The public policy is only as good as the templates: every public page the shared site group serves is
rendered and parsed, and none may carry a script the policy would have to allow inline.
"""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from csp.constants import NONCE, SELF
from csp.decorators import csp_update
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from govcms.middleware import ContentSecurityPolicyMiddleware
from tests.home.pages import column

pytestmark = pytest.mark.django_db

# <script> elements that hold data, not code: the policy's script-src does not apply to them.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def policy(response):
    """The response's Content-Security-Policy as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def inline_script_problems(html):
    """What in `html` would run as inline script: <script> bodies, on* handlers, javascript: URLs."""
    soup = BeautifulSoup(html, "html.parser")
    problems = [
        str(script)[:120]
        for script in soup.find_all("script")
        if not script.get("src") and script.get("type", "").lower() not in DATA_SCRIPT_TYPES
    ]
    for element in soup.find_all(True):
        problems += [f"<{element.name} {name}>" for name in element.attrs if name.lower().startswith("on")]
        problems += [
            f"<{element.name} {name}={value!r}>"
            for name in ("href", "src", "action", "formaction")
            if (value := element.get(name)) and value.strip().lower().startswith("javascript:")
        ]
    return problems


def public_urls(site_group):
    """(host, path) of every live page of the shared site group, on the host that serves it."""
    pages = Page.objects.live().descendant_of(site_group.portal.home, inclusive=True).specific()
    urls = []
    for page in pages:
        _site_id, root_url, path = page.get_url_parts()
        urls.append((urlsplit(root_url).hostname, path))
    return urls


def assert_strict_public_policy(response):
    directives = policy(response)
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives.get("script-src-elem", [])
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]


def test_every_public_page_has_the_strict_policy_and_no_inline_script(client, site_group):
    urls = public_urls(site_group)
    assert len(urls) > 30, "the site group's pages were not found"

    extra = [("localhost", "/search/?q=政府"), ("localhost", "/no-such-page/"), ("localhost", "/_util/login/")]
    for host, path in [*urls, *extra]:
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code in (200, 404), (host, path, response.status_code)
        assert_strict_public_policy(response)
        assert inline_script_problems(response.content.decode()) == [], (host, path)


def test_page_password_form_has_the_strict_policy_and_no_inline_script(client, site_group):
    page = column(site_group.county_a.home)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")

    response = client.get(page.url, HTTP_HOST="county-a.localhost")

    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert_strict_public_policy(response)
    assert inline_script_problems(response.content.decode()) == []


def test_public_page_seen_by_an_editor_keeps_the_strict_policy(client, site_group, make_user):
    """Wagtail's user bar (edit this page) loads its scripts from static files."""
    client.force_login(make_user(site_group.county_a.groups["编辑"]))

    response = client.get("/", HTTP_HOST="county-a.localhost")

    assert "wagtail-userbar" in response.content.decode()
    assert_strict_public_policy(response)
    assert inline_script_problems(response.content.decode()) == []


def test_the_admin_has_its_own_policy(client, site_group, make_user):
    login_page = client.get("/admin/login/")
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    dashboard = client.get("/admin/")

    for response in (login_page, dashboard):
        directives = policy(response)
        # Wagtail's admin templates hold inline scripts; the admin may still not be framed by other sites.
        assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
        assert directives["img-src"] == ["'self'", "data:", "blob:"]
        assert directives["frame-ancestors"] == ["'self'"]
        assert directives["default-src"] == ["'self'"]


def test_page_previews_have_the_admin_policy_so_the_preview_panel_can_frame_them(client, site_group, make_user):
    """Wagtail renders a preview with a dummy request for the page's public URL, through the middleware."""
    client.force_login(make_user(site_group.county_a.groups["管理员"]))
    page = column(site_group.county_a.home)
    revision = page.save_revision()

    response = client.get(reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]))

    assert response.status_code == 200
    assert f"<title>{page.title}" in response.content.decode()
    assert policy(response)["frame-ancestors"] == ["'self'"]


def test_the_inline_script_check_finds_what_it_looks_for():
    html = (
        '<script>alert(1)</script><script src="/static/a.js"></script>'
        '<script type="application/json">{"a": 1}</script>'
        '<a href="javascript:alert(1)">x</a><img src="/a.png" onerror="alert(1)">'
    )

    assert inline_script_problems(html) == [
        "<script>alert(1)</script>",
        "<a href='javascript:alert(1)'>",
        "<img onerror>",
    ]


def test_the_settings_policy_built_once_is_the_one_django_csp_builds_and_a_views_own_is_still_built(rf, settings):
    """govcms.middleware keeps the settings' policy headers once built; a response whose view chose or changed
    its policy (django-csp's decorators) and a request that used a nonce still get theirs built."""
    settings.DEBUG = False
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {**directives, "script-src": [SELF, NONCE]}}
    responses = iter([HttpResponse(), HttpResponse(), csp_update({"img-src": "https://map.example"})(HttpResponse)()])
    middleware = ContentSecurityPolicyMiddleware(lambda request: next(responses))
    nonce_request = rf.get("/")

    first, again, updated = (middleware(rf.get("/")) for _ in range(3))
    middleware.process_request(nonce_request)
    nonce = str(nonce_request.csp_nonce)
    with_nonce = middleware.process_response(nonce_request, HttpResponse())

    assert (
        first["Content-Security-Policy"]
        == again["Content-Security-Policy"]
        == CSPMiddleware(HttpResponse).process_response(rf.get("/"), HttpResponse())["Content-Security-Policy"]
    )
    assert "https://map.example" in policy_of(updated)["img-src"]
    assert f"'nonce-{nonce}'" in policy_of(with_nonce)["script-src"]


def policy_of(response):
    return {
        name: sources for name, *sources in (part.split() for part in response["Content-Security-Policy"].split(";"))
    }
