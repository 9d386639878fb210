"""No open redirect: `next` and `return_url` never send anyone off the site, and logins land somewhere real.

Every view of the project that redirects to a submitted address goes through Wagtail's
get_valid_next_url_from_request or Django's url_has_allowed_host_and_scheme; these tests hold the
entry points a phishing link would use to that.
"""

import pytest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import PageViewRestriction

from tests.factories import PASSWORD
from tests.home.pages import column

pytestmark = pytest.mark.django_db

OFF_SITE = ["https://evil.example/", "//evil.example/", "https:evil.example", "/\\evil.example/", "\\\\evil.example"]


def assert_stays_on_site(response):
    assert response.status_code == 302, response.status_code
    location = response.headers["Location"]
    assert url_has_allowed_host_and_scheme(location, allowed_hosts={"localhost", "county-a.localhost"}), location
    assert "evil.example" not in location


@pytest.fixture
def editor(site_group, make_user):
    return make_user(site_group.county_a.groups["编辑"])


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_admin_login_never_redirects_off_site(client, editor, next_url):
    response = client.post(
        f"/admin/login/?next={next_url}", {"username": editor.username, "password": PASSWORD, "next": next_url}
    )

    assert_stays_on_site(response)


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_admin_login_when_logged_in_never_redirects_off_site(client, editor, next_url):
    client.force_login(editor)

    assert_stays_on_site(client.get("/admin/login/", {"next": next_url}))


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_logout_never_redirects_off_site(client, editor, next_url):
    client.force_login(editor)

    assert_stays_on_site(client.post("/admin/logout/", {"next": next_url}))


@pytest.mark.parametrize("action", ["lock", "unlock"])
def test_page_actions_never_redirect_off_site(client, site_group, make_user, action):
    client.force_login(make_user(site_group.county_a.groups["管理员"]))
    page = column(site_group.county_a.home)

    response = client.post(reverse(f"wagtailadmin_pages:{action}", args=[page.pk]), {"next": "https://evil.example/"})

    assert_stays_on_site(response)


@pytest.mark.parametrize("return_url", OFF_SITE)
def test_page_password_form_sends_an_off_site_return_url_to_the_home_page(client, site_group, return_url):
    page = column(site_group.county_a.home)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )

    response = client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]),
        {"password": "s3cret", "return_url": return_url},
        HTTP_HOST="county-a.localhost",
    )

    assert_stays_on_site(response)
    # LOGIN_REDIRECT_URL: the site's home page, not Django's /accounts/profile/, which does not exist.
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_public_login_never_redirects_off_site(client, editor, next_url):
    """Wagtail's login for login-restricted pages: an off-site `next` lands on the home page."""
    response = client.post(
        f"/_util/login/?next={next_url}", {"username": editor.username, "password": PASSWORD, "next": next_url}
    )

    assert_stays_on_site(response)
    assert response.headers["Location"] == "/"


def test_login_restricted_page_sends_visitors_to_the_public_login(client, site_group):
    page = column(site_group.county_a.home)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(page.url, HTTP_HOST="county-a.localhost")

    assert response.status_code == 302
    assert response.headers["Location"] == "/_util/login/?next=/zwdt/"
