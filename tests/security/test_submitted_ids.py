"""Ids a page form names are checked on the server: another site's documents, images and pages are refused.

Wagtail's choosers offer only the user's own collections and pages, but its page form takes any id a POST
names. As county A's editor, the real edit and preview views are posted county B's objects in every place a
page refers to one: a document block, an image block, an attachment row, rich-text document and page links.
"""

import json

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail.models import Page, Revision, get_page_models
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from govcms.blocks import RICH_TEXT_FEATURES
from govcms.core.page_forms import ScopedPageForm
from home.models import ArticlePage
from tests.factories import ArticlePageFactory
from tests.sitegroup.utils import article_form_data

REFUSAL = "不属于您可以使用的站点"
FOREIGN_TITLE = "乙县内部材料"


@pytest.fixture
def editor(site_group, make_user):
    return make_user(site_group.county_a.groups["编辑"])


@pytest.fixture
def article(site_group, editor):
    column = site_group.county_a.home.get_children().get(slug="zwdt").specific
    page = ArticlePageFactory(parent=column, title="甲县新闻", slug="jiaxian-xinwen", live=False)
    page.save_revision(user=editor)
    return page


def own_and_foreign(site_group, factory):
    return (
        factory(collection=site_group.county_a.collection, title="甲县材料"),
        factory(collection=site_group.county_b.collection, title=FOREIGN_TITLE),
    )


@pytest.fixture
def documents(site_group):
    return own_and_foreign(site_group, wagtail_factories.DocumentFactory)


@pytest.fixture
def images(site_group):
    return own_and_foreign(site_group, wagtail_factories.ImageFactory)


@pytest.fixture
def pages(site_group):
    """County A's own column and county B's never-published draft."""
    own = site_group.county_a.home.get_children().get(slug="zwdt")
    column = site_group.county_b.home.get_children().get(slug="zwdt").specific
    foreign = ArticlePageFactory(parent=column, title=FOREIGN_TITLE, slug="neibu", live=False)
    return own, foreign


def paragraph(html):
    return streamfield([("paragraph", rich_text(html, features=RICH_TEXT_FEATURES))])


# (what is posted, the field that must name the refusal): each builds the changes to the article's form data.
PLACES = {
    "document block": (
        "documents",
        lambda doc: {"body": streamfield([("document", {"document": doc.pk, "title": ""})])},
        "body",
    ),
    "image block": (
        "images",
        lambda image: {
            "body": streamfield([("image", {"image": {"image": image.pk, "alt_text": "图", "decorative": ""}})])
        },
        "body",
    ),
    "cover image": ("images", lambda image: {"cover_image": image.pk}, "cover_image"),
    "attachment": (
        "documents",
        lambda doc: {"attachments": inline_formset([{"document": doc.pk, "title": ""}])},
        "attachments",
    ),
    "rich-text document link": (
        "documents",
        lambda doc: {"body": paragraph(f'<p><a linktype="document" id="{doc.pk}">附件</a></p>')},
        "body",
    ),
    "rich-text page link": (
        "pages",
        lambda page: {"body": paragraph(f'<p><a linktype="page" id="{page.pk}">链接</a></p>')},
        "body",
    ),
}


def edit(client, user, page, changes):
    client.force_login(user)
    data = article_form_data(page.title, page.slug, **changes)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def assert_not_shown(response, foreign):
    """Neither the refused object's title (also as the JSON of the stream editor) nor its link is sent back."""
    content = response.content.decode()
    assert FOREIGN_TITLE not in content
    assert json.dumps(FOREIGN_TITLE)[1:-1] not in content
    assert f"/documents/{foreign.pk}/" not in content


def errors_of(response, field):
    form = response.context["form"]
    if field in form.formsets:
        return [str(error) for row in form.formsets[field].forms for error in row.errors.get("document", [])]
    errors = form.errors[field].as_data() if field in form.errors else []
    # A stream field's own errors are a StreamBlockValidationError's non-block errors.
    errors = [
        inner
        for error in errors
        for inner in (error.non_block_errors.as_data() if hasattr(error, "non_block_errors") else [error])
    ]
    return [message for error in errors for message in error.messages]


@pytest.mark.parametrize("place", PLACES)
def test_another_sites_object_is_refused_with_an_error_on_its_field(client, request, editor, article, place):
    fixture, changes, field = PLACES[place]
    _own, foreign = request.getfixturevalue(fixture)
    revisions = Revision.page_revisions.filter(object_id=str(article.pk)).count()

    response = edit(client, editor, article, changes(foreign))

    assert response.status_code == 200
    errors = errors_of(response, field)
    assert any(REFUSAL in error and str(foreign.pk) in error for error in errors), response.context["form"].errors
    assert Revision.page_revisions.filter(object_id=str(article.pk)).count() == revisions
    assert_not_shown(response, foreign)


@pytest.mark.parametrize("place", PLACES)
def test_the_users_own_object_is_saved(client, request, editor, article, place):
    fixture, changes, _field = PLACES[place]
    own, _foreign = request.getfixturevalue(fixture)

    response = edit(client, editor, article, changes(own))

    assert response.status_code == 302, response.context and response.context["form"].errors
    assert article.revisions.count() == 2


def test_a_live_policy_of_the_city_may_be_linked_by_a_county(client, site_group, editor, article):
    from tests.policy.utils import add_policy, library_of

    policy = add_policy(library_of(site_group.portal), "市政府文件")
    link = paragraph(f'<p><a linktype="page" id="{policy.pk}">市文件</a></p>')
    response = edit(client, editor, article, {"body": link})
    assert response.status_code == 302, response.context and response.context["form"].errors


def test_the_preview_refuses_another_sites_document_and_does_not_show_its_title(client, editor, article, documents):
    _own, foreign = documents
    client.force_login(editor)
    data = article_form_data(article.title, article.slug, **PLACES["document block"][1](foreign))
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])

    assert client.post(url, data).json()["is_valid"] is False
    preview = client.get(url)
    assert_not_shown(preview, foreign)


def test_a_reference_the_page_already_held_is_kept(client, editor, article, documents):
    """A platform administrator may have attached a shared document the county cannot choose itself."""
    _own, foreign = documents
    article.body = [("document", {"document": foreign, "title": ""})]
    article.save_revision()

    response = edit(client, editor, article, PLACES["document block"][1](foreign))

    assert response.status_code == 302, response.context and response.context["form"].errors


def test_every_page_model_uses_the_scoped_form():
    unscoped = [
        model.__name__
        for model in get_page_models()
        if model is not Page and not issubclass(model.get_edit_handler().get_form_class(), ScopedPageForm)
    ]
    assert unscoped == []


def test_the_creating_form_checks_too(client, site_group, editor, documents):
    _own, foreign = documents
    column = site_group.county_a.home.get_children().get(slug="zwdt")
    client.force_login(editor)
    data = article_form_data("新文章", "xin-wenzhang", **PLACES["attachment"][1](foreign))
    response = client.post(reverse("wagtailadmin_pages:add", args=["home", "articlepage", column.pk]), data)
    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="xin-wenzhang").exists()
