"""意见征集 and 网上调查 in the rest of the site: a home-page block listing either column (open ones first, with their
state and next date), on county A."""

import datetime
from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from tests.consultations.test_consultation_public import HOST, index_under, make_consultation
from tests.consultations.test_surveys import add_survey, survey_index

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 10, 2, 0, tzinfo=datetime.UTC)  # 10:00 in China


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def days(number):
    return NOW + timedelta(days=number)


def show_on_home(home, column, count=4):
    home.body = [{"type": "latest", "value": {"column": column.pk, "count": count, "title": "征集调查"}}]
    home.save_revision().publish()


def home_block(client):
    """[(title, caption)] of the home page's 征集调查 block."""
    soup = BeautifulSoup(client.get("/", HTTP_HOST=HOST).content, "html.parser")
    block = soup.find("h2", string="征集调查").find_parent("section")
    return [
        (item.a.get_text(strip=True), item.find(class_="home-list__number").get_text(strip=True))
        for item in block.select("li")
    ]


def test_a_home_block_lists_the_open_consultations_first_with_their_closing_date(client, site_group):
    index = index_under(site_group.county_a.home)
    make_consultation(index, title="已截止的征集", opens=days(-60), closes=days(-20))
    make_consultation(index, title="已反馈的征集", opens=days(-90), closes=days(-50), feedback="<p>已采纳。</p>")
    make_consultation(index, title="下周开始的征集", opens=days(7), closes=days(47))
    make_consultation(index, title="晚些截止的征集", opens=days(-1), closes=days(40))
    make_consultation(index, title="早些截止的征集", opens=days(-10), closes=days(32))
    make_consultation(index, title="未发布的征集", live=False)
    show_on_home(site_group.county_a.home, index, count=5)

    assert home_block(client) == [
        ("早些截止的征集", "征集中，2026-07-12截止"),
        ("晚些截止的征集", "征集中，2026-07-20截止"),
        ("下周开始的征集", "未开始，2026-06-17开始"),
        ("已截止的征集", "已截止"),
        ("已反馈的征集", "已反馈"),
    ]


def test_a_home_block_lists_the_open_surveys_first_and_leaves_out_protected_ones(client, site_group):
    index = survey_index(site_group.county_a.home)
    add_survey(index, title="已结束的调查", slug="past", opens=-30, closes=-5)
    add_survey(index, title="进行中的调查", slug="open", opens=-2, closes=8)
    add_survey(index, title="将要开始的调查", slug="soon", opens=3, closes=20)
    hidden = add_survey(index, title="内部调查", slug="hidden", opens=-1, closes=5)
    PageViewRestriction.objects.create(page=Page.objects.get(pk=hidden.pk), restriction_type="login")
    show_on_home(site_group.county_a.home, index)

    assert home_block(client) == [
        ("进行中的调查", "征集中，2026-06-18截止"),
        ("将要开始的调查", "未开始，2026-06-13开始"),
        ("已结束的调查", "已截止"),
    ]


def test_the_consultation_block_costs_the_same_queries_however_many_it_lists(client, site_group):
    index = index_under(site_group.county_a.home)
    make_consultation(index, opens=days(-1), closes=days(40))
    show_on_home(site_group.county_a.home, index)
    client.get("/", HTTP_HOST=HOST)  # caches warmed
    with CaptureQueriesContext(connection) as one:
        client.get("/", HTTP_HOST=HOST)
    for _ in range(3):
        make_consultation(index, opens=days(-1), closes=days(40))
    with CaptureQueriesContext(connection) as four:
        client.get("/", HTTP_HOST=HOST)

    assert len(home_block(client)) == 4
    assert len(four) == len(one)
