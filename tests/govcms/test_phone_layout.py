"""Phone layout markup (issue 13): what the stylesheet needs so that nothing breaks at 320 px.

Dates sit in <time class="date"> (never broken inside), the policy page puts its title before its 文件信息
grid of label/value pairs, and the mailbox chart's month unit can be dropped on narrow screens. The
screenshots at 375 and 1366 px are in tests/browser.
"""

import pytest

from tests.citizen_mailbox.conftest import mailbox_of, public_url
from tests.home.pages import fetch
from tests.policy.utils import add_policy, issuing_body, library_of

pytestmark = pytest.mark.django_db


def assert_dates_in_time_elements(elements):
    assert elements, "no dates found"
    for element in elements:
        assert element.name == "time" and "date" in element["class"], element
        assert element.get_text(strip=True) == element["datetime"], element


def statistics_url(site_group):
    return public_url(mailbox_of(site_group.county_a), "statistics/")


@pytest.fixture
def policy(site_group):
    body = issuing_body(site_group.portal, "示例市人民政府办公室")
    return add_policy(library_of(site_group.portal), "关于加强政府网站建设的通知", bodies=[body])


def test_the_policy_page_puts_its_title_before_a_grid_of_label_value_pairs(client, policy):
    article = fetch(client, policy.url).find("article")

    title, box = article.find("h1"), article.find(class_="policy-meta")
    assert title.find_next(class_="policy-meta") is box and box.find_previous("h1") is title
    assert box.find("table") is None
    items = box.select("dl.policy-meta__list > div.policy-meta__item")
    assert [[child.name for child in item.find_all(recursive=False)] for item in items] == [["dt", "dd"]] * 9
    wide = box.select(".policy-meta__item--wide")
    assert [item.dt.get_text() for item in wide] == ["标题"]
    assert box["aria-labelledby"] == box.find("h2")["id"]


def test_dates_are_time_elements_with_the_date_class(client, site_group, policy):
    policy_page = fetch(client, policy.url)
    assert_dates_in_time_elements(policy_page.select(".policy-meta time"))

    catalogue = fetch(client, "/zwgk/xxgkml/")
    assert_dates_in_time_elements(catalogue.select(".catalogue-table tbody time"))

    statistics = fetch(client, statistics_url(site_group), host="county-a.localhost")
    assert_dates_in_time_elements(statistics.select(".mailbox-statistics tbody th time"))


def test_the_chart_month_unit_can_be_hidden_on_a_phone(client, site_group):
    page = fetch(client, statistics_url(site_group), host="county-a.localhost")

    labels = page.select(".mailbox-chart svg text.mailbox-chart__label")
    assert len(labels) == 12
    assert [label.select_one("tspan.mailbox-chart__unit").get_text() for label in labels] == ["月"] * 12
