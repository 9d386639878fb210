"""What the consultation and survey templates tell the people who use them (issue 17's journeys walked in a
browser): the receipt repeats what was received, a closed consultation leads with its feedback, a survey speaks
of 进行中 rather than a consultation's 征集中, opening the survey form again is no failed submission, and the
moderator reads the section a comment points to as 第N条."""

import datetime
import re
from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from tests.consultations.moderation_world import comment_on, consultation_on
from tests.consultations.test_consultation_public import (
    CONTENT,
    comment_url,
    form_data,
    index_under,
    make_consultation,
    page_url,
    visitor,
)
from tests.consultations.test_surveys import add_survey, answer_url, submit, survey_index
from tests.consultations.test_surveys import visitor as survey_visitor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SURVEY_NOW = datetime.datetime(2026, 6, 10, 10, 0, tzinfo=datetime.UTC)  # test_surveys' dates are counted from it


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_receipt_repeats_the_section_and_the_content_but_never_the_contact(site_group):
    page = make_consultation(index_under(site_group.county_a.home))
    client = visitor()
    response = client.post(comment_url(page), form_data(client, page, section="2"))
    receipt = soup_of(response).select_one(".consultation-receipt__facts").get_text()
    assert "第2条" in receipt and CONTENT in receipt
    assert "13812345678" not in response.content.decode()


def test_the_receipt_of_a_comment_on_the_whole_draft_says_so(site_group):
    page = make_consultation(index_under(site_group.county_a.home))
    client = visitor(2)
    response = client.post(comment_url(page), form_data(client, page, section=""))
    assert "整体意见" in soup_of(response).select_one(".consultation-receipt__facts").get_text()


def test_the_receipts_time_is_a_valid_html_datetime_without_fractions_of_a_second(site_group):
    # Found by the Nu Html Checker (tools/audit_html.py): |date:'c' wrote the microseconds of a fresh comment,
    # and HTML allows at most three digits of a second's fraction.
    page = make_consultation(index_under(site_group.county_a.home))
    client = visitor(3)
    response = client.post(comment_url(page), form_data(client, page, section=""))
    time = soup_of(response).select_one(".consultation-receipt__facts time")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d[+-]\d{4}", time["datetime"])


def test_a_closed_consultation_shows_its_feedback_before_the_draft(site_group):
    now = timezone.now()
    page = make_consultation(
        index_under(site_group.county_a.home),
        opens=now - timedelta(days=40),
        closes=now - timedelta(days=2),
        feedback="<p>共收到意见若干。</p>",
    )
    sections = [section["class"][0] for section in soup_of(visitor().get(page_url(page))).select("article > section")]
    assert sections.index("consultation__feedback") < sections.index("consultation__draft")


def test_an_open_consultation_has_no_feedback_section_and_starts_with_the_draft(site_group):
    page = make_consultation(index_under(site_group.county_a.home))
    sections = [section["class"][0] for section in soup_of(visitor().get(page_url(page))).select("article > section")]
    assert sections[0] == "consultation__draft" and "consultation__feedback" not in sections


@pytest.fixture
def survey(site_group):
    with time_machine.travel(SURVEY_NOW, tick=False):
        yield add_survey(survey_index(site_group.county_a.home))


def test_a_survey_is_in_progress_not_soliciting_in_its_list_and_on_its_page(survey):
    with time_machine.travel(SURVEY_NOW, tick=False):
        listing = soup_of(survey_visitor().get(survey.get_parent().url))
        page = soup_of(survey_visitor().get(survey.url))
    assert [state.get_text() for state in listing.select(".survey-list__item .survey__state")] == ["进行中"]
    assert page.select_one(".survey__facts .survey__state").get_text() == "进行中"
    assert "征集中" not in listing.get_text() + page.get_text()


def test_opening_the_form_again_says_you_answered_without_a_refused_submission(survey):
    client = survey_visitor()
    with time_machine.travel(SURVEY_NOW, tick=False):
        assert submit(client, survey).status_code == 200
        again = client.get(answer_url(survey))
        posted = client.post(answer_url(survey), {})
    assert again.status_code == 200
    assert "您已经提交过答卷" in again.content.decode() and "未被接收" not in again.content.decode()
    assert posted.status_code == 400 and "本次提交未被接收" in posted.content.decode()
    assert soup_of(again).select_one(f'a[href="{page_url(survey)}#survey-results"]')


def test_the_moderator_reads_the_section_as_a_numbered_article(client, site_group):
    home = site_group.county_a.home
    consultation = consultation_on(home)
    on_section = comment_on(consultation, home, section=3)
    on_whole = comment_on(consultation, home)
    client.force_login(UserFactory(groups=[site_group.county_a.groups["编辑"]]))
    for comment, shown in ((on_section, "第3条"), (on_whole, "整体意见（不针对具体条款）")):
        page = soup_of(client.get(reverse("consultations_comment", args=[comment.pk])))
        label = next(dt for dt in page.select("dl dt") if dt.get_text() == "针对条款")
        assert label.find_next_sibling("dd").get_text() == shown
