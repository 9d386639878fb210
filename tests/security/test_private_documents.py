"""Private stays private: /documents/<id>/<filename> serves a document only as far as its pages are public.

Requests go to the real serve URL (document.url). A document is public when a live page of an open site that
the visitor may view uses it; restricted pages (on the page or an ancestor), drafts, pages of sites not yet open
and private collections keep theirs to those they admit, and the staff of the document's collection always
get it.
"""

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from home.models import ArticleAttachment
from sitegroup.models import SiteIdentity
from tests.factories import ArticlePageFactory

CONTENT = b"internal"


@pytest.fixture(autouse=True)
def files_on_disk(settings, tmp_path):
    """The serve view sends a file from its path: the test settings' in-memory storage has none."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


@pytest.fixture
def document(site_group):
    return wagtail_factories.DocumentFactory(
        collection=site_group.county_a.collection, file__data=CONTENT, file__filename="neibu.txt"
    )


def column_of(provisioned):
    return provisioned.home.get_children().get(slug="zwdt").specific


def article_with(column, document, *, live=True, slug="fujian"):
    article = ArticlePageFactory(parent=column, title="带附件的文章", slug=slug, live=live)
    article.attachments = [ArticleAttachment(document=document)]
    revision = article.save_revision()
    if live:
        revision.publish()
    else:
        article.save()
    return article


def restrict(page, restriction_type, **fields):
    return PageViewRestriction.objects.create(page=page, restriction_type=restriction_type, **fields)


def assert_served(response):
    assert response.status_code == 200, response.status_code
    assert b"".join(response.streaming_content) == CONTENT


def assert_sent_to_login(response):
    assert response.status_code == 302
    assert "login" in response.url


def test_a_document_of_a_live_public_page_is_public(client, identities, document):
    article_with(column_of(identities.county_a), document)
    assert_served(client.get(document.url))


@pytest.mark.parametrize("restriction_type", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_a_document_of_a_restricted_page_is_not_public(client, identities, document, restriction_type):
    article = article_with(column_of(identities.county_a), document)
    restrict(article, restriction_type, password="mima123")
    assert_sent_to_login(client.get(document.url))


def test_a_restriction_on_an_ancestor_counts(client, identities, document):
    column = column_of(identities.county_a)
    article_with(column, document)
    restrict(column, PageViewRestriction.LOGIN)
    assert_sent_to_login(client.get(document.url))


def test_the_visitor_who_entered_the_pages_password_gets_it(client, identities, document):
    article = article_with(column_of(identities.county_a), document)
    restriction = restrict(article, PageViewRestriction.PASSWORD, password="mima123")
    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, article.pk]),
        {"password": "mima123", "return_url": "/"},
    )
    assert_served(client.get(document.url))


@pytest.mark.parametrize("where", ["draft", "unused", "unpublished"])
def test_a_document_no_live_page_uses_is_not_public(client, identities, document, where):
    column = column_of(identities.county_a)
    if where == "draft":
        article_with(column, document, live=False)
    elif where == "unpublished":
        article_with(column, document).unpublish()
    assert_sent_to_login(client.get(document.url))


def test_one_public_page_makes_it_public(client, identities, document):
    column = column_of(identities.county_a)
    restrict(article_with(column, document, slug="private"), PageViewRestriction.LOGIN)
    article_with(column, document, slug="public")
    assert_served(client.get(document.url))


def test_a_site_not_yet_open_does_not_publish_its_documents(client, site_group, identities):
    SiteIdentity.objects.filter(site=site_group.county_b.site).update(icp_number="")
    document = wagtail_factories.DocumentFactory(collection=site_group.county_b.collection, file__data=CONTENT)
    article_with(column_of(identities.county_b), document)
    assert_sent_to_login(client.get(document.url))


def test_the_staff_of_the_collection_get_it_and_other_sites_staff_do_not(client, identities, make_user, document):
    article_with(column_of(identities.county_a), document, live=False)

    client.force_login(make_user(identities.county_a.groups["编辑"]))
    assert_served(client.get(document.url))

    client.force_login(make_user(identities.county_b.groups["编辑"]))
    assert client.get(document.url).status_code == 403


def test_a_private_collection_keeps_its_documents_private(client, identities, document):
    """Wagtail's own rule, kept: a collection's view restriction applies even to documents of public pages."""
    article_with(column_of(identities.county_a), document)
    CollectionViewRestriction.objects.create(
        collection=document.collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert_sent_to_login(client.get(document.url))
