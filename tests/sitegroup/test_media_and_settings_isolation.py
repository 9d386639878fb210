"""County A's staff cannot list, choose, edit or delete county B's images and documents, nor edit its settings."""

import pytest
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image

from sitegroup.models import SiteIdentity
from tests.sitegroup.utils import assert_refused

pytestmark = pytest.mark.django_db

ROLES = ["编辑", "签发", "管理员"]
MEDIA = {
    "image": ("wagtailimages", "wagtailimages_chooser", Image),
    "document": ("wagtaildocs", "wagtaildocs_chooser", Document),
}


def listings(kind, title):
    """Every admin listing of images or documents, searching for `title` where it searches."""
    app, chooser, _model = MEDIA[kind]
    return {
        "index": reverse(f"{app}:index"),
        "index search": reverse(f"{app}:index") + f"?q={title}",
        "chooser": reverse(f"{chooser}:choose"),
        "chooser search": reverse(f"{chooser}:choose_results") + f"?q={title}",
        "admin API": f"/admin/api/main/{kind}s/",
    }


def is_listed(client, url, kind, item):
    """Whether a listing (HTML, a modal's JSON-wrapped HTML or admin API JSON) links to or returns `item`."""
    response = client.get(url)
    assert response.status_code == 200
    data = response.json() if response["Content-Type"].startswith("application/json") else None
    if data is not None and "items" in data:
        return item.pk in [listed["id"] for listed in data["items"]]
    text = data["html"] if data is not None else response.content.decode()
    # Listings link each item to its edit view, choosers to its "chosen" view.
    return any(view in text for name, view in item_views(kind, item).items() if name in ("edit", "chosen"))


def item_views(kind, item):
    app, chooser, _model = MEDIA[kind]
    return {
        "chosen": reverse(f"{chooser}:chosen", args=[item.pk]),
        "edit": reverse(f"{app}:edit", args=[item.pk]),
        "delete": reverse(f"{app}:delete", args=[item.pk]),
        "usage": reverse(f"{app}:{kind}_usage", args=[item.pk]),
    }


@pytest.mark.search_index
@pytest.mark.parametrize("kind", MEDIA)
@pytest.mark.parametrize("role", ROLES)
def test_listings_and_choosers_show_only_the_own_county(
    client, county_a, county_b, county_a_user, role, kind, subtests
):
    client.force_login(county_a_user(role))
    for item, shown in ((getattr(county_a, kind), True), (getattr(county_b, kind), False)):
        for name, url in listings(kind, item.title).items():
            with subtests.test(listing=name, item=item.title):
                assert is_listed(client, url, kind, item) is shown


@pytest.mark.search_index
@pytest.mark.parametrize("kind", MEDIA)
def test_a_superuser_sees_both_counties_in_the_same_listings(client, county_a, county_b, make_user, kind, subtests):
    """The positive control: the listings above do show county B's item to someone allowed to see it."""
    client.force_login(make_user(is_superuser=True))
    other = getattr(county_b, kind)
    for name, url in listings(kind, other.title).items():
        with subtests.test(listing=name):
            assert is_listed(client, url, kind, other)
    with subtests.test(listing="bulk delete confirmation"):
        assert other.title in client.get(bulk_delete_url(kind, other)).content.decode()


def bulk_delete_url(kind, item):
    _app, _chooser, model = MEDIA[kind]
    url = reverse("wagtail_bulk_action", args=[model._meta.app_label, model._meta.model_name, "delete"])
    return f"{url}?id={item.pk}"


@pytest.mark.parametrize("kind", MEDIA)
def test_another_countys_item_is_refused(client, county_b, county_a_user, kind, subtests):
    _app, _chooser, model = MEDIA[kind]
    item = getattr(county_b, kind)
    views = item_views(kind, item)
    for role in ROLES:
        client.force_login(county_a_user(role))
        for name, url in views.items():
            with subtests.test(role=role, view=name):
                assert_refused(client.get(url))
        with subtests.test(role=role, view="admin API detail"):
            assert client.get(f"/admin/api/main/{kind}s/{item.pk}/").status_code == 404
        with subtests.test(role=role, view="edit POST"):
            assert_refused(client.post(views["edit"], {"title": "甲县改名", "collection": item.collection_id}))
            assert model.objects.get(pk=item.pk).title == item.title
        with subtests.test(role=role, view="delete POST"):
            assert_refused(client.post(views["delete"]))
            assert model.objects.filter(pk=item.pk).exists()
        with subtests.test(role=role, view="bulk delete"):
            assert item.title not in client.get(bulk_delete_url(kind, item)).content.decode()
            client.post(bulk_delete_url(kind, item))
            assert model.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("kind", MEDIA)
def test_the_county_administrator_uses_its_own_items(client, county_a, county_a_user, kind, subtests):
    """The positive control for the refusals above."""
    client.force_login(county_a_user("管理员"))
    for name, url in item_views(kind, getattr(county_a, kind)).items():
        with subtests.test(view=name):
            assert client.get(url).status_code == 200


def test_another_countys_site_settings_are_refused(client, site_group, county_a_user, subtests):
    SiteIdentity.objects.filter(site=site_group.county_b.site).update(icp_number="乙ICP备0001号")
    url = reverse("wagtailsettings:edit", args=["sitegroup", "siteidentity", site_group.county_b.site.pk])
    for role in ROLES:
        with subtests.test(role=role):
            client.force_login(county_a_user(role))
            assert_refused(client.get(url))
            assert_refused(client.post(url, {"site_name": "甲县接管", "icp_number": "甲ICP备9999号"}))
            identity = SiteIdentity.objects.get(site=site_group.county_b.site)
            assert (identity.site_name, identity.icp_number) == ("乙县人民政府", "乙ICP备0001号")


def test_the_county_administrator_edits_its_own_site_settings_without_a_site_switcher(
    client, site_group, county_a_user
):
    client.force_login(county_a_user("管理员"))
    site = site_group.county_a.site
    url = reverse("wagtailsettings:edit", args=["sitegroup", "siteidentity", site.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["site_switcher"] is None  # only one site to choose from: its own
    response = client.post(url, {"site_name": "甲县人民政府门户", "show_party_government_mark": "on"})
    assert response.status_code == 302
    assert SiteIdentity.objects.get(site=site).site_name == "甲县人民政府门户"


def test_the_settings_menu_entry_opens_the_own_site(client, site_group, county_a_user):
    client.force_login(county_a_user("管理员"))
    response = client.get(reverse("wagtailsettings:edit", args=["sitegroup", "siteidentity"]))
    assert response.url == reverse(
        "wagtailsettings:edit", args=["sitegroup", "siteidentity", site_group.county_a.site.pk]
    )


def test_user_management_stays_with_the_platform(client, county_a_user, subtests):
    client.force_login(county_a_user("管理员"))
    for url_name in ("wagtailusers_users:index", "wagtailusers_users:add", "wagtailusers_groups:index"):
        with subtests.test(view=url_name):
            assert_refused(client.get(reverse(url_name)))
