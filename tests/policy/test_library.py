"""The policy library (政策文件库): every filter, the 文号 lookup, stable URLs, pagination and RSS."""

from datetime import date
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from disclosure.models import Topic
from policy.models import Validity
from tests.policy.utils import add_policy, issuing_body, library_of


@pytest.fixture
def library(site_group):
    """The county A library: five policies across bodies, topics, years, validity and categories."""
    library = library_of(site_group.county_a)
    government = issuing_body(site_group.county_a, "甲县人民政府")
    office = issuing_body(site_group.county_a, "甲县人民政府办公室")
    education, finance = Topic.objects.get(name="科技、教育"), Topic.objects.get(name="财政、金融、审计")
    add_policy(
        library,
        "教育办法",
        document_number="甲政发〔2023〕1号",
        bodies=[government],
        topics=[education],
        publish_date=date(2023, 5, 1),
        written_date=date(2023, 4, 1),
    )
    add_policy(
        library,
        "财政通知",
        document_number="甲政办发〔2024〕2号",
        bodies=[office],
        topics=[finance],
        disclosure_category="execution",
    )
    add_policy(
        library,
        "联合文件",
        document_number="甲政发〔2024〕3号",
        bodies=[government, office],
        topics=[education, finance],
        publish_date=date(2024, 6, 1),
    )
    add_policy(
        library,
        "废止的规定",
        document_number="甲政发〔2019〕8号",
        bodies=[government],
        validity=Validity.REPEALED,
        validity_changed_on=date(2024, 1, 1),
        publish_date=date(2019, 2, 1),
        written_date=date(2019, 1, 1),
    )
    add_policy(library, "起草中的文件", bodies=[government], publish=False)
    # Another site's policy never shows in this library.
    add_policy(library_of(site_group.county_b), "乙县文件", bodies=[issuing_body(site_group.county_b, "乙县人民政府")])
    return library


def listed(client, library, query="", host="county-a.localhost"):
    response = client.get(library.url + query, HTTP_HOST=host)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup, [a.get_text() for a in soup.select(".policy-list .article-list__title")]


def test_the_library_lists_its_live_policies_newest_first(client, library):
    _soup, titles = listed(client, library)
    assert titles == ["联合文件", "财政通知", "教育办法", "废止的规定"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("body={government}", ["联合文件", "教育办法", "废止的规定"]),
        ("body={office}", ["联合文件", "财政通知"]),
        ("topic={education}", ["联合文件", "教育办法"]),
        ("year=2024", ["联合文件", "财政通知"]),
        ("validity=repealed", ["废止的规定"]),
        ("category=execution", ["财政通知"]),
        ("number=甲政发[2024]3号", ["联合文件"]),
        ("number=甲政发", ["联合文件", "教育办法", "废止的规定"]),
        ("body={government}&year=2024&topic={finance}", ["联合文件"]),
    ],
)
def test_each_filter_and_their_combination(client, site_group, library, query, expected):
    ids = {
        "government": issuing_body(site_group.county_a, "甲县人民政府").pk,
        "office": issuing_body(site_group.county_a, "甲县人民政府办公室").pk,
        "education": Topic.objects.get(name="科技、教育").pk,
        "finance": Topic.objects.get(name="财政、金融、审计").pk,
    }
    _soup, titles = listed(client, library, "?" + query.format(**ids))
    assert titles == expected


def test_filter_choices_come_from_the_library(client, site_group, library):
    soup, _titles = listed(client, library)
    bodies = [option.get_text() for option in soup.select("select[name=body] option")]
    years = [option.get_text() for option in soup.select("select[name=year] option")]
    assert bodies == ["全部", "甲县人民政府", "甲县人民政府办公室"]
    assert years == ["全部", "2024", "2023", "2019"]


@pytest.mark.parametrize("query", ["?year=1999", "?body=999999", "?validity=bogus", "?topic=x", "?page=abc"])
def test_a_filter_that_does_not_apply_is_reported_and_ignored(client, library, query):
    soup, titles = listed(client, library, query)
    assert len(titles) == 4
    if "page" not in query:
        assert soup.select_one("[role=alert]") is not None


def test_a_filter_combination_has_one_canonical_address(client, site_group, library):
    government = issuing_body(site_group.county_a, "甲县人民政府").pk
    soup, _titles = listed(client, library, f"?year=2024&number=&body={government}")
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == f"http://county-a.localhost/zwgk/zcwj/?body={government}&amp;year=2024".replace("&amp;", "&")
    feed = soup.find("link", type="application/rss+xml")["href"]
    assert feed == f"/zwgk/zcwj/rss/?body={government}&year=2024"


def test_pagination_keeps_the_filters(client, site_group, library):
    for number in range(25):
        add_policy(
            library,
            f"批量文件{number}",
            document_number=f"甲政办发〔2025〕{number + 10}号",
            publish_date=date(2025, 1, 1),
        )
    soup, titles = listed(client, library, "?year=2025")
    assert len(titles) == 20
    next_link = soup.find("a", rel="next")["href"]
    assert "year=2025" in next_link and "page=2" in next_link
    _soup, second = listed(client, library, "?year=2025&page=2")
    assert len(second) == 5


def test_the_feed_lists_policies_and_applies_the_filters(client, library):
    response = client.get(library.url + "rss/?validity=valid", HTTP_HOST="county-a.localhost")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")  # noqa: S314 (our own feed)
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == [
        "联合文件（甲政发〔2024〕3号）",
        "财政通知（甲政办发〔2024〕2号）",
        "教育办法（甲政发〔2023〕1号）",
    ]
    assert channel.findall("item")[0].findtext("link").startswith("http://county-a.localhost/zwgk/zcwj/")


def test_a_portal_library_can_include_its_sub_sites_policies(client, site_group, library):
    portal_library = library_of(site_group.portal)
    add_policy(portal_library, "市级文件")
    _soup, titles = listed(client, portal_library, host="localhost")
    assert titles == ["市级文件"]
    portal_library.include_subsites = True
    portal_library.save_revision().publish()
    _soup, titles = listed(client, portal_library, host="localhost")
    assert set(titles) == {"市级文件", "乙县文件", "联合文件", "财政通知", "教育办法", "废止的规定"}


def test_the_library_keeps_a_constant_number_of_queries(client, library):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(library.url, HTTP_HOST="county-a.localhost")
    with CaptureQueriesContext(connection) as few:
        client.get(library.url, HTTP_HOST="county-a.localhost")
    for number in range(5):
        add_policy(library, f"又一份文件{number}")
    with CaptureQueriesContext(connection) as many:
        client.get(library.url, HTTP_HOST="county-a.localhost")
    assert len(many.captured_queries) == len(few.captured_queries)
