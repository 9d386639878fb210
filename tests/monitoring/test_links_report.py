"""失效链接 report: each site's staff see their own findings only, with the editor who last published the page."""

import json

import pytest
from django.urls import reverse
from wagtail.models import Page

from monitoring.links import check_all_links
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def broken_article(provisioned, title, publisher):
    column = Page.objects.child_of(provisioned.home).get(slug="zwdt")
    missing = ArticlePageFactory(parent=column, title=f"{title}目标")
    missing_id = missing.pk
    missing.delete()
    html = f'<p><a linktype="page" id="{missing_id}">旧通知</a><a href="https://example.invalid/x">外</a></p>'
    page = ArticlePageFactory(
        parent=column, title=title, live=False, body=json.dumps([{"type": "paragraph", "value": html}])
    )
    page.save_revision(user=publisher).publish(user=publisher)
    return page


@pytest.fixture
def findings(site_group, make_user):
    publisher_a = make_user(site_group.county_a.groups["签发"], first_name="", last_name="", username="zhang-a")
    publisher_b = make_user(site_group.county_b.groups["签发"], username="li-b")
    broken_article(site_group.county_a, "甲县失效链接文章", publisher_a)
    broken_article(site_group.county_b, "乙县失效链接文章", publisher_b)
    check_all_links()
    return site_group


def test_site_staff_see_their_own_sites_findings(client, findings, make_user):
    client.force_login(make_user(findings.county_a.groups["管理员"]))
    response = client.get(reverse("monitoring_broken_links"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "甲县失效链接文章" in text and "页面已删除" in text and "zhang-a" in text
    assert "乙县失效链接文章" not in text and "li-b" not in text
    # The external link is not judged without --external: no finding for it.
    assert "example.invalid" not in text


def test_the_other_county_sees_its_own(client, findings, make_user):
    client.force_login(make_user(findings.county_b.groups["管理员"]))
    text = client.get(reverse("monitoring_broken_links")).content.decode()
    assert "乙县失效链接文章" in text and "甲县失效链接文章" not in text


def test_a_site_filter_for_another_site_shows_nothing_of_it(client, findings, make_user):
    client.force_login(make_user(findings.county_a.groups["管理员"]))
    response = client.get(reverse("monitoring_broken_links_results"), {"site": findings.county_b.home.pk})
    assert "乙县失效链接文章" not in response.content.decode()


def test_the_portal_and_exports(client, findings, make_user):
    client.force_login(make_user(findings.portal.groups["管理员"]))
    csv = client.get(reverse("monitoring_broken_links"), {"export": "csv"})
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "甲县失效链接文章" in text and "乙县失效链接文章" in text and "页面已删除" in text


def test_editors_without_the_scorecard_permission_are_refused(client, findings, make_user):
    client.force_login(make_user(findings.county_a.groups["编辑"]))
    for url_name in ("monitoring_broken_links", "monitoring_broken_links_results"):
        response = client.get(reverse(url_name))
        # Wagtail answers a PermissionDenied in the admin by sending the user to the dashboard.
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("monitoring_broken_links") not in menu
