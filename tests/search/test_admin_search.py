"""The admin's page search, the explorer's search and the page, policy, document and image choosers find Chinese words.

Content is added through the admin's own add views, as an officer would, and found with words from the
middle of its titles; county B holds the same titles, which county A's officer must not be offered.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from tests.policy.utils import add_policy, library_of
from tests.sitegroup.utils import article_form_data

pytestmark = pytest.mark.django_db

TITLES = {
    "heating": "2026年冬季供暖保障工作通知",
    "renovation": "老旧小区改造实施方案",
    "forwarding": "关于转发青政发〔2026〕3号文件的通知",
}
QUERIES = {"冬季": "heating", "老旧小区": "renovation", "青政发": "forwarding"}
SITES = ("county_a", "county_b")


@pytest.fixture(autouse=True)
def segmented_admin_index(settings):
    """Index and search with this project's backend, whatever the test settings choose for speed."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.database_backend"}}


def png(name):
    return SimpleUploadedFile(name, get_test_image_file(size=(8, 8)).file.getvalue(), content_type="image/png")


def add_pages(client, provisioned, prefix):
    """Draft articles titled TITLES, added through the page editor."""
    column = provisioned.home.get_children().get(slug="zwdt")
    add_page = reverse("wagtailadmin_pages:add", args=["home", "articlepage", column.pk])
    for key, title in TITLES.items():
        response = client.post(add_page, article_form_data(title, f"{prefix}-{key}"))
        assert response.status_code == 302, response.context and response.context["form"].errors
    pages = {key: Page.objects.get(slug=f"{prefix}-{key}") for key in TITLES}
    assert not any(page.live for page in pages.values())
    return pages


def add_files(client, provisioned):
    """Documents and images titled TITLES, uploaded through the admin (into the site's own collection)."""
    for key, title in TITLES.items():
        document = SimpleUploadedFile(f"{key}.pdf", b"%PDF-1.4 " + key.encode())
        response = client.post(reverse("wagtaildocs:add"), {"title": title, "file": document})
        assert response.status_code == 302, response.context["form"].errors
        response = client.post(reverse("wagtailimages:add"), {"title": title, "file": png(f"{key}.png")})
        assert response.status_code == 302, response.context["form"].errors
    own = {"collection": provisioned.collection}
    return {
        "document": {key: Document.objects.get(title=title, **own) for key, title in TITLES.items()},
        "image": {key: Image.objects.get(title=title, **own) for key, title in TITLES.items()},
    }


@pytest.fixture
def officers(site_group, make_user):
    clients = {}
    for name in SITES:
        clients[name] = Client()
        clients[name].force_login(make_user(getattr(site_group, name).groups["信息员"]))
    return clients


@pytest.fixture
def drafts(site_group, officers):
    """County A's draft articles."""
    return add_pages(officers["county_a"], site_group.county_a, "county_a")


@pytest.fixture
def content(site_group, officers):
    """County A's and county B's drafts, documents and images, each county with the same titles."""
    return {
        name: {
            "page": add_pages(officers[name], getattr(site_group, name), name),
            **add_files(officers[name], getattr(site_group, name)),
        }
        for name in SITES
    }


def linked_by(url_name):
    """How a listing links to an object: with the object's URL under `url_name`."""
    return lambda obj: reverse(url_name, args=[obj.pk])


def listings(site_group):
    """Every admin search a county officer uses: URL, parameters, what it lists and how it links to one."""
    explore = reverse("wagtailadmin_explore", args=[site_group.county_a.home.pk])
    edit_page = linked_by("wagtailadmin_pages:edit")
    return {
        "page search": (reverse("wagtailadmin_pages:search"), {}, "page", edit_page),
        "explorer search": (explore, {"search_all": "1"}, "page", edit_page),
        "page chooser": (reverse("wagtailadmin_choose_page_search"), {}, "page", lambda page: f'data-id="{page.pk}"'),
        "document chooser": (
            reverse("wagtaildocs_chooser:choose_results"),
            {},
            "document",
            linked_by("wagtaildocs_chooser:chosen"),
        ),
        "document library": (reverse("wagtaildocs:index"), {}, "document", linked_by("wagtaildocs:edit")),
        "image chooser": (
            reverse("wagtailimages_chooser:choose_results"),
            {},
            "image",
            linked_by("wagtailimages_chooser:chosen"),
        ),
        "image library": (reverse("wagtailimages:index"), {}, "image", linked_by("wagtailimages:edit")),
    }


def offered(response, objects, link):
    """The keys of `objects` that a listing or chooser response links to with `link(object)`."""
    assert response.status_code == 200
    is_json = response["Content-Type"].startswith("application/json")
    html = response.json()["html"] if is_json else response.content.decode()
    return {key for key, obj in objects.items() if link(obj) in html}


def test_every_admin_search_finds_chinese_words_on_the_own_site_only(site_group, officers, content, subtests):
    client = officers["county_a"]
    for name, (url, params, kind, link) in listings(site_group).items():
        objects = {(site, key): obj for site in SITES for key, obj in content[site][kind].items()}
        for query, key in QUERIES.items():
            with subtests.test(listing=name, query=query):
                found = offered(client.get(url, {"q": query, **params}), objects, link)
                assert found == {("county_a", key)}


def page_search(client, query):
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": query})
    assert response.status_code == 200
    return {page.pk for page in response.context["pages"]}


def test_a_word_being_typed_is_completed_and_missing_words_or_punctuation_find_nothing(officers, drafts):
    client = officers["county_a"]
    # The admin searches as you type: the last word may be the start of one (老旧小 → 小区).
    assert page_search(client, "老旧小") == {drafts["renovation"].pk}
    for query in ("夏季", "〔〕", "！！", "冬季 夏季"):
        assert page_search(client, query) == set(), query


def test_update_index_rebuilds_an_index_built_by_wagtails_own_backend(officers, drafts, settings):
    """An installation indexed before this backend gets Chinese words by running update_index."""
    client = officers["county_a"]
    segmented = settings.WAGTAILSEARCH_BACKENDS
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    call_command("update_index", verbosity=0)
    settings.WAGTAILSEARCH_BACKENDS = segmented
    assert page_search(client, "冬季") == set()
    call_command("update_index", verbosity=0)
    assert page_search(client, "冬季") == {drafts["heating"].pk}


def test_saving_weighs_the_title_of_the_saved_row_only(drafts):
    """A save sets the title weight of its own row (modelsearch rewrote every row still at the default 1.0)."""
    page = drafts["heating"].specific
    row = {"content_type_id": page.content_type_id, "object_id": str(page.pk)}
    IndexEntry.objects.filter(**row).update(title_norm=0.5)
    others = IndexEntry.objects.exclude(**row)
    assert others.exists()
    others.update(title_norm=1.0)
    page.save()
    assert IndexEntry.objects.get(**row).title_norm != 0.5
    assert set(others.values_list("title_norm", flat=True)) == {1.0}


def test_the_policy_chooser_finds_chinese_words_among_the_policies_it_offers(site_group, officers):
    """An interpretation's policy chooser: live policies of the own site and the sites above, never drafts."""
    portal = add_policy(library_of(site_group.portal), "关于做好2026年冬季供暖保障工作的通知")
    own = add_policy(library_of(site_group.county_a), "甲县老旧小区改造实施方案")
    draft = add_policy(library_of(site_group.county_a), "甲县冬季防火工作方案（草稿）", publish=False)
    other = add_policy(library_of(site_group.county_b), "乙县冬季供暖保障工作方案")
    url = reverse("wagtailadmin_choose_page_search")
    policies = {"portal": portal, "own": own, "draft": draft, "other": other}
    for query, expected in (("冬季", {"portal"}), ("老旧小区", {"own"})):
        response = officers["county_a"].get(url, {"q": query, "page_type": "policy.policypage"})
        assert offered(response, policies, lambda page: f'data-id="{page.pk}"') == expected, query
