"""Merging and closing columns (issue 16, item 4): by the site's 管理员 only, redirected, logged, and every
submitted id checked on the server (monitoring.columns, monitoring.admin_views)."""

import pytest
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page, PageLogEntry

from home.models import ColumnPage
from monitoring.columns import CLOSE_ACTION, MERGE_ACTION
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

HOST = "county-a.localhost"


def add_column(parent, title, slug, **fields):
    column = ColumnPage(title=title, slug=slug, **fields)
    parent.add_child(instance=column)
    column.save_revision().publish()
    return column


def add_article(column, title, slug):
    article = ArticlePageFactory(parent=column, title=title, slug=slug)
    article.save_revision().publish()
    return article


@pytest.fixture
def county_a(site_group):
    """County A's old column with a sub-column and two articles, and the news column (政务动态) to merge into."""
    home = site_group.county_a.home
    old = add_column(home, "旧动态", "jiudongtai")
    sub = add_column(old, "旧专题", "jiuzhuanti")
    first = add_article(old, "旧动态一", "yi")
    second = add_article(sub, "旧专题文章", "er")
    news = ColumnPage.objects.child_of(home).get(slug="zwdt")
    return {"home": home, "old": old, "sub": sub, "first": first, "second": second, "news": news}


@pytest.fixture
def admin_a(site_group, make_user):
    return make_user(site_group.county_a.groups["管理员"])


def merge_url(column):
    return reverse("monitoring_merge_column", args=[column.pk])


def close_url(column):
    return reverse("monitoring_close_column", args=[column.pk])


def refused(response):
    """Wagtail answers an admin user's PermissionDenied with a redirect to the dashboard (and a message)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def reload(page):
    return Page.objects.get(pk=page.pk).specific


def tree_state(*pages):
    """(path, live) of each page: what a refused action must leave as it was."""
    return [(reload(page).path, reload(page).live) for page in pages]


def test_merge_moves_children_redirects_and_logs(client, county_a, admin_a):
    client.force_login(admin_a)
    old, news = county_a["old"], county_a["news"]
    assert client.get(f"/{old.slug}/", HTTP_HOST=HOST).status_code == 200

    page = client.get(merge_url(old))
    assert page.status_code == 200
    offered = [int(value) for value, _label in page.context["form"].fields["target"].choices]
    assert news.pk in offered and old.pk not in offered and county_a["sub"].pk not in offered

    response = client.post(merge_url(old), {"target": news.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("monitoring_scorecard", args=[county_a["home"].pk])

    # The children (the sub-column with its article, and the article) are under the target, still live.
    for child in (county_a["first"], county_a["sub"], county_a["second"]):
        child = reload(child)
        assert child.is_descendant_of(news) and child.live
    assert reload(old).live is False and reload(old).get_children().count() == 0

    # The old column's address answers 301 to the target, on the county's hostname and under the portal's.
    redirected = client.get("/jiudongtai/", HTTP_HOST=HOST)
    assert redirected.status_code == 301 and redirected["Location"].endswith("/zwdt/")
    under_portal = client.get("/county-a/jiudongtai/", HTTP_HOST="localhost")
    assert under_portal.status_code == 301
    redirect = Redirect.objects.get(site=county_a["home"].get_site(), old_path="/jiudongtai")
    assert redirect.redirect_page_id == news.pk and redirect.is_permanent
    # The moved articles' old addresses follow them (Wagtail's redirects on move).
    moved = client.get("/jiudongtai/yi/", HTTP_HOST=HOST)
    assert moved.status_code == 301 and moved["Location"].endswith("/zwdt/yi/")
    assert client.get("/zwdt/yi/", HTTP_HOST=HOST).status_code == 200

    entry = PageLogEntry.objects.get(page=old, action=MERGE_ACTION)
    assert entry.user == admin_a and entry.data["target"]["id"] == news.pk and entry.data["moved"] == 2
    assert str(log_registry.get_action_label(MERGE_ACTION)) == "合并栏目"
    # The history of the column shows it.
    assert "并入“政务动态”" in client.get(reverse("wagtailadmin_pages:history", args=[old.pk])).content.decode()


def test_close_unpublishes_redirects_to_the_parent_and_logs(client, county_a, admin_a):
    client.force_login(admin_a)
    old, sub = county_a["old"], county_a["sub"]
    page = client.get(close_url(sub))
    assert page.status_code == 200 and page.context["live_pages"] == 1

    response = client.post(close_url(sub))
    assert response.status_code == 302
    assert reload(sub).live is False and reload(county_a["second"]).live is False
    # Its parent and the parent's other pages stay.
    assert reload(old).live and reload(county_a["first"]).live

    redirected = client.get("/jiudongtai/jiuzhuanti/", HTTP_HOST=HOST)
    assert redirected.status_code == 301 and redirected["Location"].endswith("/jiudongtai/")
    entry = PageLogEntry.objects.get(page=sub, action=CLOSE_ACTION)
    assert entry.user == admin_a and entry.data["parent"]["id"] == old.pk and entry.data["unpublished"] == 2
    assert str(log_registry.get_action_label(CLOSE_ACTION)) == "关闭栏目"

    # A column of the home redirects to the home.
    client.post(close_url(old))
    home_redirect = client.get("/jiudongtai/", HTTP_HOST=HOST)
    assert home_redirect.status_code == 301 and home_redirect["Location"] in ("/", "http://county-a.localhost/")
    # Closed already: refused, nothing logged again.
    assert client.post(close_url(old)).status_code == 302
    assert PageLogEntry.objects.filter(page=old, action=CLOSE_ACTION).count() == 1


def test_a_target_in_another_site_is_refused(client, site_group, county_a, admin_a):
    client.force_login(admin_a)
    before = tree_state(county_a["old"], county_a["first"])
    county_b_news = ColumnPage.objects.child_of(site_group.county_b.home).get(slug="zwdt")
    portal_news = ColumnPage.objects.child_of(site_group.portal.home).get(slug="zwdt")
    for target in (county_b_news, portal_news, site_group.county_a.home, county_a["first"]):
        response = client.post(merge_url(county_a["old"]), {"target": target.pk})
        assert response.status_code == 200 and response.context["form"].errors
    assert tree_state(county_a["old"], county_a["first"]) == before
    assert not Redirect.objects.filter(old_path="/jiudongtai").exists()
    assert not PageLogEntry.objects.filter(action=MERGE_ACTION).exists()


def test_merging_into_itself_or_its_descendant_is_refused(client, county_a, admin_a):
    client.force_login(admin_a)
    before = tree_state(county_a["old"], county_a["sub"], county_a["second"])
    for target in (county_a["old"], county_a["sub"]):
        response = client.post(merge_url(county_a["old"]), {"target": target.pk})
        assert response.status_code == 200 and response.context["form"].errors
    assert tree_state(county_a["old"], county_a["sub"], county_a["second"]) == before
    assert not PageLogEntry.objects.filter(action=MERGE_ACTION).exists()


def test_merge_is_refused_when_a_child_slug_is_taken_in_the_target(client, county_a, admin_a):
    add_article(county_a["news"], "同名文章", "yi")
    client.force_login(admin_a)
    before = tree_state(county_a["old"], county_a["first"], county_a["sub"])
    response = client.post(merge_url(county_a["old"]), {"target": county_a["news"].pk})
    # The target is not offered at all; submitted anyway, it is refused and nothing moves.
    assert response.status_code == 200 and response.context["form"].errors
    assert tree_state(county_a["old"], county_a["first"], county_a["sub"]) == before


def test_columns_the_platform_relies_on_are_refused(client, site_group, admin_a):
    home = site_group.county_a.home
    interaction = Page.objects.child_of(home).get(slug="hdjl")  # holds the mailbox and the interviews
    library = Page.objects.descendant_of(home).get(slug="zcwj").specific  # the policy library (an index page)
    news = ColumnPage.objects.child_of(home).get(slug="zwdt")
    client.force_login(admin_a)
    for column in (interaction, library):
        before = tree_state(column, *column.get_children())
        assert client.get(close_url(column)).context["refusal"]
        assert client.post(close_url(column)).status_code == 302
        assert client.post(merge_url(column), {"target": news.pk}).status_code == 302
        assert tree_state(column, *column.get_children()) == before
    assert not PageLogEntry.objects.filter(action__in=[MERGE_ACTION, CLOSE_ACTION]).exists()
    # Not a column at all (an article, the home): not found.
    article = add_article(news, "普通文章", "putong")
    assert client.get(close_url(article)).status_code == 404
    assert client.get(close_url(home)).status_code == 404


def test_only_the_sites_administrators_merge_or_close(client, site_group, county_a, make_user):
    """County B's 管理员, the portal's 管理员 (rights over the county's pages), county A's 编辑 and the 系统管理员
    are refused; county A's 管理员 is not (positive control); nothing changes on a refusal."""
    from django.contrib.auth.models import Group

    from sitegroup.platform import SYSTEM_ADMIN_GROUP

    others = [
        make_user(site_group.county_b.groups["管理员"]),
        make_user(site_group.portal.groups["管理员"]),
        make_user(site_group.county_a.groups["编辑"]),
        make_user(Group.objects.get(name=SYSTEM_ADMIN_GROUP)),
    ]
    old, news = county_a["old"], county_a["news"]
    before = tree_state(old, county_a["first"], county_a["sub"])
    for user in others:
        client.force_login(user)
        assert refused(client.get(merge_url(old)))
        assert refused(client.post(merge_url(old), {"target": news.pk}))
        assert refused(client.get(close_url(old)))
        assert refused(client.post(close_url(old)))
    assert tree_state(old, county_a["first"], county_a["sub"]) == before
    assert not PageLogEntry.objects.filter(action__in=[MERGE_ACTION, CLOSE_ACTION]).exists()

    client.force_login(make_user(site_group.county_a.groups["管理员"]))
    assert client.get(merge_url(old)).status_code == 200
    assert client.post(close_url(old)).status_code == 302
    assert reload(old).live is False


def test_the_administrators_group_must_hold_the_right(client, site_group, county_a, admin_a):
    """The right is read from the site's 管理员 group: a group that lost manage_columns gives none."""
    from django.contrib.auth.models import Permission

    group = site_group.county_a.groups["管理员"]
    group.permissions.remove(Permission.objects.get(codename="manage_columns"))
    client.force_login(admin_a)
    assert refused(client.post(close_url(county_a["old"])))
    assert reload(county_a["old"]).live


def test_a_closed_column_stops_counting(client, county_a, admin_a):
    """The audit counts live columns only: a blank column closed is no longer evidence."""
    audit = pytest.importorskip("monitoring.audit")
    blank = add_column(county_a["home"], "空白栏目", "kongbai")
    before = audit.audit_site(county_a["home"])
    listed = [evidence["title"] for evidence in before.item("blank_columns")["evidence"]]
    assert "空白栏目" in " ".join(listed)
    client.force_login(admin_a)
    client.post(close_url(blank))
    after = audit.audit_site(county_a["home"])
    assert "空白栏目" not in " ".join(evidence["title"] for evidence in after.item("blank_columns")["evidence"])


def test_the_column_header_offers_merge_and_close_to_the_sites_administrators(client, site_group, county_a, make_user):
    old = county_a["old"]
    links = (merge_url(old), close_url(old))
    client.force_login(make_user(site_group.county_a.groups["管理员"]))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[old.pk])).content.decode()
    assert all(f'href="{link}"' in edit for link in links)
    article = client.get(reverse("wagtailadmin_pages:edit", args=[county_a["first"].pk])).content.decode()
    assert "/merge/" not in article and "/close/" not in article
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[old.pk])).content.decode()
    assert not any(link in edit for link in links)
