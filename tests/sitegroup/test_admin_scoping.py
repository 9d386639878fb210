"""Where Wagtail does not confine the admin to a user's own sites by itself, sitegroup's hooks do.

The page chooser (wagtail#7099), its browse and multiple-choice endpoints,
the move confirmation, the image and document admin API, bulk-action
confirmations and the page types report are scoped by sitegroup; the
explorer, page search, page API and the other reports are Wagtail's own
scoping, tested here so a change of roles cannot quietly undo it.
"""

import pytest
from django.urls import resolve, reverse
from wagtail.models import Page

from sitegroup.views import ScopedChosenMultipleView, ScopedPageBrowseView
from tests.sitegroup.utils import article_form_data, assert_refused

pytestmark = pytest.mark.django_db


def chosen_ids(response):
    """The ids of the pages a page chooser response offers to choose."""
    assert response.status_code == 200
    data = response.json()
    if "result" in data:  # the multiple-choice "chosen" step
        return {page["id"] for page in data["result"]}
    html = data.get("html", "") if response["Content-Type"].startswith("application/json") else ""
    return {page.pk for page in Page.objects.all() if f'data-id="{page.pk}"' in html}


def browse(client, page=None):
    url = reverse("wagtailadmin_choose_page_child", args=[page.pk]) if page else reverse("wagtailadmin_choose_page")
    return client.get(url)


def search(client, query):
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": query})
    assert response.status_code == 200
    return {page.pk for page in Page.objects.all() if f'data-id="{page.pk}"' in response.content.decode()}


@pytest.fixture
def editor_a(client, county_a_user):
    client.force_login(county_a_user("编辑"))
    return client


def test_the_chooser_leads_from_the_root_down_to_the_own_site_only(editor_a, site_group, county_a):
    portal, a_home = site_group.portal.home, site_group.county_a.home
    assert chosen_ids(browse(editor_a)) == {portal.pk}
    # Under the portal: the own site only, not the portal's columns, county B or the department.
    assert chosen_ids(browse(editor_a, portal)) == {portal.pk, a_home.pk}
    assert chosen_ids(browse(editor_a, a_home)) == {a_home.pk, *a_home.get_children().values_list("pk", flat=True)}
    assert county_a.article.pk in chosen_ids(browse(editor_a, county_a.column))


def test_the_chooser_will_not_open_another_site(editor_a, site_group, county_b):
    for page in (site_group.county_b.home, county_b.column, site_group.department.home):
        assert browse(editor_a, page).status_code == 404


@pytest.mark.search_index
def test_the_chooser_search_finds_only_the_own_site(editor_a, county_a, county_b):
    assert search(editor_a, county_a.article.title) == {county_a.article.pk}
    assert search(editor_a, county_b.article.title) == set()


def test_the_multiple_choice_step_returns_only_pages_in_scope(editor_a, county_a, county_b):
    url = reverse("wagtailadmin_choose_page_chosen_multiple")
    response = editor_a.get(url, {"id": [county_a.article.pk, county_b.article.pk, "x"]})
    assert chosen_ids(response) == {county_a.article.pk}
    assert "乙县" not in response.content.decode("unicode_escape")


@pytest.mark.search_index
def test_a_superuser_chooses_across_the_whole_tree(client, make_user, site_group, county_a, county_b):
    """The positive control for the chooser tests above."""
    client.force_login(make_user(is_superuser=True))
    assert site_group.county_b.home.pk in chosen_ids(browse(client, site_group.portal.home))
    assert county_b.article.pk in chosen_ids(browse(client, county_b.column))
    assert search(client, county_b.article.title) == {county_b.article.pk}
    url = reverse("wagtailadmin_choose_page_chosen_multiple")
    assert chosen_ids(client.get(url, {"id": [county_a.article.pk, county_b.article.pk]})) == {
        county_a.article.pk,
        county_b.article.pk,
    }


def test_the_scoped_chooser_views_answer_at_wagtails_own_urls(site_group):
    browse_url = reverse("wagtailadmin_choose_page_child", args=[site_group.portal.home.pk])
    assert resolve(browse_url).func.view_class is ScopedPageBrowseView
    assert resolve(reverse("wagtailadmin_choose_page_chosen_multiple")).func.view_class is ScopedChosenMultipleView


def test_the_scoped_chooser_views_require_admin_access(client, site_group, make_user):
    client.force_login(make_user())  # no groups: no admin access
    response = browse(client, site_group.portal.home)
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


@pytest.mark.search_index
def test_the_explorer_keeps_to_the_own_site(editor_a, site_group, county_a, county_b):
    response = editor_a.get(reverse("wagtailadmin_explore", args=[site_group.county_b.home.pk]))
    assert response.url == reverse("wagtailadmin_explore", args=[site_group.county_a.home.pk])
    searched = editor_a.get(
        reverse("wagtailadmin_explore", args=[site_group.county_a.home.pk]),
        {"q": county_b.article.title, "search_all": "1"},
    )
    assert county_b.article not in searched.context["pages"]


@pytest.mark.search_index
def test_page_search_and_page_api_keep_to_the_own_site(editor_a, county_a, county_b):
    for title, expected in ((county_a.article.title, True), (county_b.article.title, False)):
        response = editor_a.get(reverse("wagtailadmin_pages:search"), {"q": title})
        assert (title in [page.title for page in response.context["pages"]]) is expected
    assert editor_a.get(f"/admin/api/main/pages/{county_b.article.pk}/").status_code == 404
    assert editor_a.get(f"/admin/api/main/pages/{county_a.article.pk}/").status_code == 200


def test_the_page_types_report_does_not_name_another_countys_page(client, county_a, county_b, county_a_user, make_user):
    county_b.article.save_revision()  # county B's article is now the platform's last edited article
    url = reverse("wagtailadmin_reports:page_types_usage")
    client.force_login(make_user(is_superuser=True))
    assert county_b.article.draft_title in client.get(url).content.decode()
    client.force_login(county_a_user("编辑"))
    assert county_b.article.draft_title not in client.get(url).content.decode()


def test_the_other_reports_keep_to_the_own_site(client, county_a, county_b, county_a_user, make_user):
    superuser = make_user(is_superuser=True)
    for article in (county_a.article, county_b.article):
        article.locked, article.locked_by = True, superuser
        article.save()
    client.force_login(county_a_user("管理员"))
    for name in ("locked_pages", "aging_pages", "site_history"):
        content = client.get(reverse(f"wagtailadmin_reports:{name}")).content.decode()
        assert "甲县政务动态" in content, name
        assert "乙县政务动态" not in content, name


def test_a_move_confirmation_is_refused_unless_the_move_is_allowed(
    client, site_group, county_a, county_b, county_a_user
):
    client.force_login(county_a_user("管理员"))
    into_b = reverse("wagtailadmin_pages:move_confirm", args=[county_a.article.pk, county_b.column.pk])
    from_b = reverse("wagtailadmin_pages:move_confirm", args=[county_b.article.pk, county_a.column.pk])
    for url in (into_b, from_b):
        assert_refused(client.get(url))
    within_a = site_group.county_a.home.get_children().get(slug="hdjl")
    response = client.get(reverse("wagtailadmin_pages:move_confirm", args=[county_a.article.pk, within_a.pk]))
    assert response.status_code == 200


def test_pages_of_a_type_keep_to_the_own_site(editor_a, county_a, county_b):
    response = editor_a.get(reverse("wagtailadmin_pages:type_use", args=["home", "articlepage"]))
    assert [page.pk for page in response.context["pages"]] == [county_a.article.pk]


def test_moderation_keeps_to_the_own_site(client, site_group, county_b, county_a_user, make_user, subtests):
    """A county B draft in moderation shows on no county A dashboard or workflow report."""
    client.force_login(make_user(site_group.county_b.groups["信息员"]))
    add = reverse("wagtailadmin_pages:add", args=["home", "articlepage", county_b.column.pk])
    response = client.post(add, {**article_form_data("乙县待审稿件", "pending"), "action-submit": "action-submit"})
    assert response.status_code == 302
    pending = Page.objects.get(slug="pending")
    assert pending.workflow_in_progress

    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
    ]
    client.force_login(make_user(is_superuser=True))
    assert "乙县待审稿件" in client.get(urls[1]).content.decode()  # the positive control
    for role in ("编辑", "签发", "管理员"):
        client.force_login(county_a_user(role))
        for url in urls:
            with subtests.test(role=role, url=url):
                response = client.get(url)
                assert response.status_code == 200
                assert "乙县待审稿件" not in response.content.decode()
