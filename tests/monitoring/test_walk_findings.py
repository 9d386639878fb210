"""What walking issue 16's journeys as their users found (the scorecard after merging or closing a column, the
annual report on paper, the 找错 receipt's way back), each kept fixed here with Django's test client."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from home.models import ColumnPage
from monitoring.audit import audit_site
from monitoring.models import ProblemType
from tests.citizen_mailbox.conftest import captcha_answer

pytestmark = pytest.mark.django_db

HOST = "county-a.localhost"


def add_blank_column(home, title, slug):
    column = ColumnPage(title=title, slug=slug)
    home.add_child(instance=column)
    column.save_revision().publish()
    return column


@pytest.fixture
def administrator(site_group, make_user):
    return make_user(site_group.county_a.groups["管理员"])


@pytest.fixture
def blank(site_group):
    """A blank column of county A, on today's scorecard as the evidence of 空白栏目."""
    column = add_blank_column(site_group.county_a.home, "空白栏目", "kongbai")
    audit_site(site_group.county_a.home)
    return column


def scorecard_html(client, home):
    response = client.get(reverse("monitoring_scorecard", args=[home.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("action", ["monitoring_merge_column", "monitoring_close_column"])
def test_the_scorecard_returned_to_no_longer_lists_a_column_merged_or_closed(
    client, site_group, administrator, blank, action
):
    """The administrator merges or closes a blank column from the scorecard's evidence and is sent back to the
    scorecard: it must not still list the column (with 合并 and 关闭 offered for a column that is gone)."""
    home = site_group.county_a.home
    client.force_login(administrator)
    action_url = reverse(action, args=[blank.pk])
    assert action_url in scorecard_html(client, home)

    target = ColumnPage.objects.child_of(home).get(slug="zwdt")
    response = client.post(action_url, {"target": target.pk}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("monitoring_scorecard", args=[home.pk])
    html = response.content.decode()
    assert action_url not in html
    assert reverse("monitoring_merge_column", args=[blank.pk]) not in html
    evidence = response.context["audit"].item("blank_columns")["evidence"]
    assert "空白栏目" not in " ".join(str(entry) for entry in evidence)


def test_the_annual_report_prints_sections_together_and_with_its_date(client, site_group, administrator):
    """On paper every section began a new sheet (six sheets, most of each blank), and the report had no date."""
    client.force_login(administrator)
    response = client.get(reverse("monitoring_annual_site_report", args=[site_group.county_a.home.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "section + section" not in html
    assert ".annual-page { break-before: page; }" in html
    generated = BeautifulSoup(html, "html.parser").find(string=lambda text: text and "生成时间" in text)
    assert generated is not None
    assert "annual-noprint" not in (generated.find_parent("p").get("class") or [])


def test_the_error_report_receipt_leads_back_to_the_page_reported(site_group):
    """A citizen who reported from an article is offered the way back to it, not only to the home page."""
    home = site_group.county_a.home
    citizen = Client(HTTP_HOST=HOST, REMOTE_ADDR="10.16.0.1")
    form = citizen.get(f"/zhaocuo/{home.pk}/", {"url": "/zwgk/bszn/"})
    hashkey, answer = captcha_answer(form)
    response = citizen.post(
        f"/zhaocuo/{home.pk}/",
        {
            "page_url": "/zwgk/bszn/",
            "problem_type": ProblemType.TYPO,
            "description": "第二段有错别字。",
            "captcha_0": hashkey,
            "captcha_1": answer,
        },
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    back = soup.find("a", string="返回原页面")
    assert back is not None and back["href"] == "/zwgk/bszn/"
    assert soup.find("a", string="返回首页") is not None


def test_the_scrolling_trend_table_is_a_named_region_reached_with_the_keyboard(client, site_group, administrator):
    """A year of daily snapshots scrolls inside its box, which a keyboard user could not scroll without focus."""
    home = site_group.county_a.home
    audit_site(home)
    client.force_login(administrator)
    soup = BeautifulSoup(scorecard_html(client, home), "html.parser")
    region = soup.select_one(".monitoring-trend__table")
    assert region["tabindex"] == "0" and region["role"] == "region"
    assert soup.find(id=region["aria-labelledby"]).get_text(strip=True) == "各次监测（最近的在前）"


def test_the_site_list_is_titled_as_its_menu_entry(client, site_group, administrator):
    """监测考核 → 站点监测 opened a page titled 监测考核, while each scorecard is titled 站点监测：<site>."""
    client.force_login(administrator)
    soup = BeautifulSoup(client.get(reverse("monitoring_sites")).content, "html.parser")
    assert soup.find("h1").get_text(" ", strip=True).startswith("站点监测")
