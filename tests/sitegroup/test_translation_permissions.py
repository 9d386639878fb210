"""wagtail-localize's submit/update translation views need rights on the page, not only the global permission."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import resolve, reverse
from wagtail.models import Locale, Page

from release.publishing.localize import ScopedSubmitPageTranslationView, ScopedUpdateTranslationsView
from tests.factories import ArticlePageFactory
from tests.sitegroup.utils import assert_refused


@pytest.fixture
def translator_a(client, site_group, make_user):
    """A county A editor who also holds wagtail-localize's global submit-translation permission."""
    user = make_user(site_group.county_a.groups["编辑"])
    user.user_permissions.add(Permission.objects.get(codename="submit_translation"))
    client.force_login(user)
    return client


def article_of(provisioned):
    column = Page.objects.child_of(provisioned.home).get(slug="zwdt")
    return ArticlePageFactory(parent=column, title=f"{provisioned.home.title}新闻")


def submit(client, page):
    english = Locale.objects.get(language_code="en")
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [english.pk], "include_subtree": ""},
    )


def english_pages():
    return Page.objects.filter(locale__language_code="en").count()


def test_the_scoped_views_answer_at_wagtail_localize_urls(site_group):
    assert resolve(reverse("wagtail_localize:submit_page_translation", args=[1])).func.view_class is (
        ScopedSubmitPageTranslationView
    )
    assert resolve(reverse("wagtail_localize:update_translations", args=[1])).func.view_class is (
        ScopedUpdateTranslationsView
    )


def test_another_sites_page_cannot_be_translated(translator_a, site_group):
    page = article_of(site_group.county_b)
    before = english_pages()
    assert_refused(translator_a.get(reverse("wagtail_localize:submit_page_translation", args=[page.pk])))
    assert_refused(submit(translator_a, page))
    assert english_pages() == before


def test_an_own_page_can_be_translated(translator_a, site_group):
    page = article_of(site_group.county_a)
    response = submit(translator_a, page)
    assert response.status_code == 302
    assert page.get_translations().filter(locale__language_code="en").exists()
