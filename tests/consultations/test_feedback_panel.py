"""意见统计 in the consultation's editor (consultations.panels): the figures the page will publish, the comments
still pending, and the way to 意见审核 for those who may moderate — read through the real page edit view."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from consultations.models import CommentStatus, Outcome
from tests.consultations.moderation_world import comment_on, consultation_index, consultation_on
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(site_group):
    home = site_group.county_a.home
    page = consultation_on(home, title="甲县征求意见稿")
    for outcome in (Outcome.ADOPTED, Outcome.ADOPTED, Outcome.PARTLY):
        comment_on(page, home, status=CommentStatus.APPROVED, outcome=outcome)
    comment_on(page, home, status=CommentStatus.REJECTED, outcome=Outcome.NOT_ADOPTED)
    comment_on(page, home)
    return page


def panel_of(client, site, role, page):
    user = UserFactory(groups=[site.groups[role]])
    # The officer edits the pages they drafted (Wagtail's add permission); here, this one.
    type(page).objects.filter(pk=page.pk).update(owner=user)
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(".consultation-counts-panel")


def test_the_editor_sees_the_figures_the_page_publishes_and_the_way_to_moderate(client, site_group, consultation):
    panel = panel_of(client, site_group.county_a, "编辑", consultation)
    text = " ".join(panel.get_text().split())

    assert "已审核意见 4 条：采纳 2 条，部分采纳 1 条，未采纳 1 条。" in text
    assert "还有 1 条意见待审核" in text
    assert panel.select_one("a")["href"] == f"{reverse('consultations_comments')}?consultation={consultation.pk}"


def test_an_information_officer_sees_the_figures_without_the_moderation_link(client, site_group, consultation):
    panel = panel_of(client, site_group.county_a, "信息员", consultation)

    assert "已审核意见 4 条" in panel.get_text()
    assert panel.select_one("a") is None


def test_a_new_consultation_explains_where_the_figures_will_come_from(client, site_group):
    client.force_login(UserFactory(groups=[site_group.county_a.groups["编辑"]]))
    index = consultation_index(site_group.county_a.home)
    response = client.get(reverse("wagtailadmin_pages:add", args=["consultations", "consultationpage", index.pk]))

    panel = BeautifulSoup(response.content, "html.parser").select_one(".consultation-counts-panel")
    assert "收到意见后，这里显示已审核意见的统计" in panel.get_text()
