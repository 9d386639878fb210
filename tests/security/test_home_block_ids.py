"""Home-page blocks name pages by id: what a block names is checked when saved and again when shown.

The chooser offers county A's editors their own pages and the live pages of the sites above, but the form
takes whatever ids a POST names: posted to the real edit view, county B's column, its mailbox and a
javascript: address are refused and nothing is saved. What a block names is shown only while the public
may see it, wherever it is in the tree: a platform administrator may choose any page, and a page chosen
long ago may since have been protected, its site held or the page deleted.
"""

import json

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, streamfield

from citizen_mailbox.models import MailboxPage
from home.models import HomePage
from sitegroup.models import SiteIdentity
from sitegroup.provisioning import provision_subsite
from tests.factories import ArticlePageFactory
from tests.home.pages import column, fetch

pytestmark = pytest.mark.django_db


def home_form_data(home, body):
    return nested_form_data(
        {
            "title": home.title,
            "slug": home.slug,
            "kind": home.kind,
            "intro": "",
            "organisation_code": "",
            "body": streamfield(body),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
        }
    )


def links(page=None, url=""):
    return streamfield([("item", {"label": "入口", "page": page.pk if page else "", "url": url})])


def compose(home, body):
    home.body = body
    home.save_revision().publish()


@pytest.mark.parametrize("place", ["column", "mailbox", "service page", "javascript address"])
def test_a_county_editor_cannot_save_a_home_block_naming_another_sites_page(client, site_group, make_user, place):
    home = site_group.county_a.home
    foreign_column = column(site_group.county_b.home)
    body = {
        "column": [("latest", {"title": "", "column": foreign_column.pk, "count": 3})],
        "mailbox": [
            (
                "interaction",
                {
                    "title": "",
                    "mailbox": MailboxPage.objects.descendant_of(site_group.county_b.home).get().pk,
                    "links": links(),
                    "count": 3,
                },
            )
        ],
        "service page": [("services", {"title": "", "links": links(page=foreign_column)})],
        "javascript address": [("services", {"title": "", "links": links(url="javascript:alert(1)")})],
    }[place]
    revisions = home.revisions.count()
    client.force_login(make_user(site_group.county_a.groups["编辑"]))

    response = client.post(reverse("wagtailadmin_pages:edit", args=[home.pk]), home_form_data(home, body))

    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert HomePage.objects.get(pk=home.pk).revisions.count() == revisions


def test_a_county_editor_cannot_choose_a_protected_section_of_the_city(client, site_group, make_user):
    """The city's live columns may be chosen, not one it has protected: the county's home would advertise it."""
    home = site_group.county_a.home
    city_column = column(site_group.portal.home)
    PageViewRestriction.objects.create(page=city_column, restriction_type="login")
    revisions = home.revisions.count()
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    body = [("latest", {"title": "", "column": city_column.pk, "count": 3})]

    response = client.post(reverse("wagtailadmin_pages:edit", args=[home.pk]), home_form_data(home, body))

    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert HomePage.objects.get(pk=home.pk).revisions.count() == revisions


def test_a_county_editor_may_choose_a_public_column_of_the_city(client, site_group, make_user):
    home = site_group.county_a.home
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    body = [("latest", {"title": "", "column": column(site_group.portal.home).pk, "count": 3})]

    response = client.post(reverse("wagtailadmin_pages:edit", args=[home.pk]), home_form_data(home, body))

    assert response.status_code == 302
    assert HomePage.objects.get(pk=home.pk).get_latest_revision_as_object().body[0].block_type == "latest"


def test_a_page_of_a_protected_section_elsewhere_is_not_listed(client, site_group):
    """A county may choose the city's live columns; one the city has protected lists nothing."""
    city_column = column(site_group.portal.home)
    ArticlePageFactory(parent=city_column, title="市内部通报", slug="neibu")
    PageViewRestriction.objects.create(page=city_column, restriction_type="login")
    compose(
        site_group.county_a.home,
        [
            {"type": "latest", "value": {"column": city_column.pk, "count": 3}},
            {"type": "services", "value": {"links": [{"label": "内部入口", "page": city_column.pk, "url": ""}]}},
        ],
    )

    soup = fetch(client, "/", host="county-a.localhost")

    assert "市内部通报" not in soup.get_text()
    assert "内部入口" not in soup.get_text()
    assert not soup.select(f'.home-blocks a[href="{city_column.full_url}"]')


def test_a_page_of_a_held_site_is_not_listed(client, site_group):
    held_column = column(site_group.county_b.home)
    ArticlePageFactory(parent=held_column, title="乙县开站前文章", slug="draft-site")
    SiteIdentity.objects.filter(site=site_group.county_b.site).update(icp_number="")
    compose(
        site_group.county_a.home,
        [
            {"type": "latest", "value": {"column": held_column.pk, "count": 3}},
            {"type": "services", "value": {"links": [{"label": "乙县入口", "page": held_column.pk, "url": ""}]}},
        ],
    )

    soup = fetch(client, "/", host="county-a.localhost")

    assert "乙县开站前文章" not in soup.get_text()
    assert "乙县入口" not in soup.get_text()
    assert "county-b.localhost" not in str(soup.select_one(".home-blocks"))


def test_a_held_site_below_is_not_in_the_topics_block(client, site_group):
    """(The 站群导航 still links it, to its "网站建设中" page: docs/administrators.md.)"""
    provision_subsite(
        parent=site_group.county_a.home, name="甲县筹建专题", slug="held-topic", kind="topic", hostname="held.localhost"
    )
    compose(site_group.county_a.home, [{"type": "topics", "value": {}}])

    soup = fetch(client, "/", host="county-a.localhost")

    assert "甲县筹建专题" not in soup.select_one(".home-blocks").get_text()


def test_a_link_to_a_deleted_page_is_left_out(client, site_group):
    page = ArticlePageFactory(parent=column(site_group.county_a.home), title="旧入口", slug="old")
    compose(
        site_group.county_a.home,
        [{"type": "services", "value": {"links": [{"label": "旧入口", "page": page.pk, "url": ""}]}}],
    )
    page.delete()

    soup = fetch(client, "/", host="county-a.localhost")

    assert "旧入口" not in soup.get_text()


def test_a_block_left_without_a_page_does_not_default_to_a_protected_one(client, site_group):
    mailbox = MailboxPage.objects.descendant_of(site_group.county_a.home).get()
    PageViewRestriction.objects.create(page=mailbox, restriction_type="login")
    compose(site_group.county_a.home, [{"type": "interaction", "value": {}}])

    soup = fetch(client, "/", host="county-a.localhost")

    assert "我要写信" not in soup.select_one(".home-blocks").get_text()


@pytest.mark.parametrize("block", ["latest", "interaction"])
def test_a_refused_page_of_another_site_is_not_named_in_the_errors(client, site_group, make_user, block):
    """A block's own check (not a column, not a mailbox) must not show another site's draft by its title."""
    home = site_group.county_a.home
    draft = ArticlePageFactory(parent=column(site_group.county_b.home), title="乙县内部草稿", slug="neibu", live=False)
    value = {"latest": {"title": "", "column": draft.pk, "count": 3}, "interaction": {"mailbox": draft.pk}}[block]
    if block == "interaction":
        value.update(title="", links=links(), count=3)
    client.force_login(make_user(site_group.county_a.groups["编辑"]))

    response = client.post(reverse("wagtailadmin_pages:edit", args=[home.pk]), home_form_data(home, [(block, value)]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "乙县内部草稿" not in content
    assert json.dumps("乙县内部草稿")[1:-1] not in content


def test_a_county_editor_cannot_change_the_kind_of_their_site(client, site_group, make_user):
    """站点类型 decides where the site is listed and its default blocks: the platform sets it, not the county."""
    home = site_group.county_a.home
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    edit_url = reverse("wagtailadmin_pages:edit", args=[home.pk])
    assert "kind" not in client.get(edit_url).context["form"].fields

    data = home_form_data(home, [])
    data["kind"] = "portal"
    data["intro"] = "新简介"
    response = client.post(edit_url, data)

    assert response.status_code == 302
    saved = HomePage.objects.get(pk=home.pk).get_latest_revision_as_object()
    assert (saved.intro, saved.kind) == ("新简介", "county")


def test_the_platform_sets_the_kind_of_a_site(client, site_group, make_user):
    home = site_group.county_a.home
    client.force_login(make_user(is_superuser=True))
    data = home_form_data(home, [])
    data["kind"] = "topic"

    response = client.post(reverse("wagtailadmin_pages:edit", args=[home.pk]), data)

    assert response.status_code == 302
    assert HomePage.objects.get(pk=home.pk).get_latest_revision_as_object().kind == "topic"
