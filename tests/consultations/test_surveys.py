"""网上调查: the answer form (public-form pattern, every option checked on the server, nothing stored on any error),
the one-response rule (signed cookie + rate limit), the public results (SVG chart + table, free text never shown),
the survey list, and the staff export (permission + own site; another site's staff get a 404)."""

import csv
import datetime
import io

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db import connection
from django.http import Http404
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from consultations import survey_views, surveys
from consultations.models import (
    ANSWER_MAX_LENGTH,
    SurveyAnswer,
    SurveyIndexPage,
    SurveyPage,
    SurveyQuestion,
    SurveyResponse,
)
from consultations.survey_views import register_export_urls
from govcms.core.tree import site_home_of
from tests.citizen_mailbox.conftest import captcha_answer

pytestmark = pytest.mark.django_db

HOST = "county-a.localhost"
NOW = datetime.datetime(2026, 6, 10, 10, 0, tzinfo=datetime.UTC)
SECRET_TEXT = "我的家庭住址是幸福路8号"


def visitor(number=1, host=HOST):
    return Client(HTTP_HOST=host, REMOTE_ADDR=f"10.7.0.{number}")


def survey_index(home):
    """The 网上调查 column provisioned under the site's 互动交流."""
    return SurveyIndexPage.objects.child_of(home.get_children().get(slug="hdjl")).get()


def add_survey(
    index, title="公交线路满意度调查", slug="gjdc", opens=-1, closes=10, public_results=True, questions=None
):
    survey = SurveyPage(
        title=title,
        slug=slug,
        summary="请就本区公交线路发表意见。",
        opens_at=NOW + datetime.timedelta(days=opens),
        closes_at=NOW + datetime.timedelta(days=closes),
        public_results=public_results,
    )
    for order, (text, kind, options, required) in enumerate(
        [
            ("您常乘坐哪条线路？", "single", "1路\n2路\n3路", True),
            ("您希望改进哪些方面？", "multiple", "准点\n票价\n车况", True),
            ("总体满意度", "rating", "", True),
            ("其他建议", "text", "", False),
        ]
    ):
        survey.questions.add(SurveyQuestion(text=text, kind=kind, options=options, required=required, sort_order=order))
    index.add_child(instance=survey)
    survey.save_revision().publish()
    return survey


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def index(site_group):
    return survey_index(site_group.county_a.home)


@pytest.fixture
def survey(index):
    return add_survey(index)


def answer_url(survey):
    return survey.url + "answer/"


def question_fields(survey):
    return {question.text: surveys.field_name(question) for question in survey.questions.all()}


def answers(survey, single="2路", multiple=("准点", "车况"), rating="4", text=SECRET_TEXT):
    names = question_fields(survey)
    data = {}
    if single is not None:
        data[names["您常乘坐哪条线路？"]] = single
    if multiple is not None:
        data[names["您希望改进哪些方面？"]] = list(multiple)
    if rating is not None:
        data[names["总体满意度"]] = rating
    if text is not None:
        data[names["其他建议"]] = text
    return data


def submit(client, survey, **kwargs):
    form = client.get(answer_url(survey))
    assert form.status_code == 200, form.status_code
    hashkey, answer = captcha_answer(form)
    captcha = kwargs.pop("captcha", None)
    data = {**answers(survey, **kwargs), "captcha_0": hashkey, "captcha_1": answer if captcha is None else captcha}
    return client.post(answer_url(survey), data)


def stored():
    return SurveyResponse.objects.count(), SurveyAnswer.objects.count()


# --- the answer form ------------------------------------------------------------------------------------------


def test_the_form_has_one_field_per_question_and_a_response_is_stored_in_rows(survey):
    client = visitor()
    form = client.get(answer_url(survey))
    assert "no-store" in form["Cache-Control"]
    soup = BeautifulSoup(form.content, "html.parser")
    names = question_fields(survey)
    assert len(soup.select(f"input[type=radio][name={names['您常乘坐哪条线路？']}]")) == 3
    assert len(soup.select(f"input[type=checkbox][name={names['您希望改进哪些方面？']}]")) == 3
    assert len(soup.select(f"input[type=radio][name={names['总体满意度']}]")) == 5
    assert soup.select_one(f"textarea[name={names['其他建议']}]")

    response = submit(client, survey)

    assert response.status_code == 200 and "感谢您参加本次调查" in response.content.decode()
    row = SurveyResponse.objects.get()
    assert row.survey_id == survey.pk and row.site_home_id == survey.get_parent().get_parent().get_parent().pk
    values = sorted(SurveyAnswer.objects.values_list("question__text", "value"))
    assert values == sorted(
        [
            ("您常乘坐哪条线路？", "2路"),
            ("您希望改进哪些方面？", "准点"),
            ("您希望改进哪些方面？", "车况"),
            ("总体满意度", "4"),
            ("其他建议", SECRET_TEXT),
        ]
    )


def test_a_second_response_from_the_same_browser_is_refused_and_stores_nothing(survey):
    client = visitor()
    assert submit(client, survey).status_code == 200
    assert stored() == (1, 5)

    again = client.get(answer_url(survey))
    assert "您已参加过本次调查" in again.content.decode()
    assert "captcha_0" not in again.content.decode()
    refused = client.post(answer_url(survey), answers(survey))
    assert refused.status_code == 400 and "您已参加过本次调查" in refused.content.decode()
    assert stored() == (1, 5)

    # Positive control: another browser (no cookie) may answer; the cookie of another survey does not count.
    assert submit(visitor(2), survey).status_code == 200
    assert stored() == (2, 10)


def test_a_forged_cookie_does_not_count(survey):
    client = visitor()
    client.cookies[surveys.cookie_name(survey)] = str(survey.pk)
    assert submit(client, survey).status_code == 200
    assert stored()[0] == 1


def test_submissions_are_rate_limited_per_address(survey):
    statuses = []
    for _ in range(11):
        client = visitor(9)
        response = client.get(answer_url(survey))
        if response.status_code != 200:
            statuses.append(response.status_code)
            break
        hashkey, answer = captcha_answer(response)
        statuses.append(
            client.post(answer_url(survey), {**answers(survey), "captcha_0": hashkey, "captcha_1": answer}).status_code
        )
    assert 429 in statuses
    assert SurveyResponse.objects.count() <= 10


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"single": None}, "请回答“您常乘坐哪条线路？”"),
        ({"multiple": ()}, "请回答“您希望改进哪些方面？”"),
        ({"rating": None}, "请回答“总体满意度”"),
        ({"single": "9路"}, "请从列出的选项中选择"),
        ({"multiple": ("准点", "票价<script>")}, "请从列出的选项中选择"),
        ({"rating": "6"}, "请从列出的选项中选择"),
        ({"rating": "0"}, "请从列出的选项中选择"),
        ({"text": "长" * (ANSWER_MAX_LENGTH + 1)}, "不能超过"),
        ({"captcha": "9999"}, "验证码答案不正确"),
    ],
)
def test_bad_input_stores_nothing(survey, bad, message):
    response = submit(visitor(), survey, **bad)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert stored() == (0, 0)
    assert surveys.cookie_name(survey) not in response.cookies


def test_an_optional_question_may_be_left_empty(survey):
    assert submit(visitor(), survey, text=None).status_code == 200
    assert stored() == (1, 4)


@pytest.mark.parametrize("opens, closes", [(1, 5), (-10, -1)])
def test_no_response_outside_the_survey_period(index, opens, closes):
    survey = add_survey(index, opens=opens, closes=closes)
    client = visitor()
    form = client.get(answer_url(survey))
    assert "不在调查期内" in form.content.decode() and "captcha_0" not in form.content.decode()
    response = client.post(answer_url(survey), answers(survey))
    assert response.status_code == 400
    assert stored() == (0, 0)


def test_a_post_after_the_close_stores_nothing_even_with_a_form_from_before(survey):
    client = visitor()
    form = client.get(answer_url(survey))
    hashkey, answer = captcha_answer(form)
    with time_machine.travel(NOW + datetime.timedelta(days=11), tick=False):
        response = client.post(answer_url(survey), {**answers(survey), "captcha_0": hashkey, "captcha_1": answer})
    assert response.status_code == 400
    assert stored() == (0, 0)


# --- results --------------------------------------------------------------------------------------------------


def respond(survey, single, multiple, rating, text=""):
    questions = list(survey.questions.order_by("sort_order"))
    data = {
        surveys.field_name(questions[0]): single,
        surveys.field_name(questions[1]): multiple,
        surveys.field_name(questions[2]): rating,
        surveys.field_name(questions[3]): text,
    }
    surveys.store(survey, site_home_of(survey), questions, data)


def result_tables(html):
    soup = BeautifulSoup(html, "html.parser")
    return {
        table.caption.get_text(): [
            (row.th.get_text(), *(cell.get_text() for cell in row.find_all("td"))) for row in table.tbody.find_all("tr")
        ]
        for table in soup.select("table.survey-table")
    }


def test_the_results_equal_the_stored_responses_and_free_text_is_never_shown(survey):
    respond(survey, "1路", ["准点"], "5", SECRET_TEXT)
    respond(survey, "1路", ["准点", "票价"], "3")
    respond(survey, "3路", [], "4")
    respond(survey, "1路", ["车况"], "4")

    response = visitor().get(survey.url)
    html = response.content.decode()
    assert SECRET_TEXT not in html and "其他建议" not in html
    tables = result_tables(html)
    assert tables["“您常乘坐哪条线路？”的统计"] == [("1路", "3", "75.0%"), ("2路", "0", "0.0%"), ("3路", "1", "25.0%")]
    assert tables["“您希望改进哪些方面？”的统计"] == [
        ("准点", "2", "50.0%"),
        ("票价", "1", "25.0%"),
        ("车况", "1", "25.0%"),
    ]
    assert tables["“总体满意度”的统计"] == [
        ("1分", "0", "0.0%"),
        ("2分", "0", "0.0%"),
        ("3分", "1", "25.0%"),
        ("4分", "2", "50.0%"),
        ("5分", "1", "25.0%"),
    ]
    assert "平均分：4.0" in html
    assert "共收到 4 份答卷" in html
    # The chart draws the same counts: the longest bar is the most chosen option.
    total, shown = surveys.results(survey, list(survey.questions.order_by("sort_order")))
    assert total == 4
    bars = shown[0].chart["bars"]
    assert [bar["row"].count for bar in bars] == [3, 0, 1]
    assert bars[0]["width"] == max(bar["width"] for bar in bars) and bars[1]["width"] == 0
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.select("section.survey-result svg")) == 3


def test_results_stay_private_when_the_survey_says_so(index):
    survey = add_survey(index, public_results=False)
    respond(survey, "1路", ["准点"], "5", SECRET_TEXT)
    html = visitor().get(survey.url).content.decode()
    assert "survey-table" not in html and SECRET_TEXT not in html and "调查结果" not in html


def test_the_results_cost_the_same_queries_whatever_the_number_of_answers(survey):
    respond(survey, "1路", ["准点"], "5")
    visitor().get(survey.url)
    with CaptureQueriesContext(connection) as few:
        assert visitor().get(survey.url).status_code == 200
    for number in range(15):
        respond(
            survey, ["1路", "2路", "3路"][number % 3], ["准点", "票价", "车况"][: number % 3 + 1], str(number % 5 + 1)
        )
    with CaptureQueriesContext(connection) as many:
        assert visitor().get(survey.url).status_code == 200
    assert len(many) == len(few)


# --- the list -------------------------------------------------------------------------------------------------


def test_the_list_shows_open_then_upcoming_then_closed_in_constant_queries(site_group, index):
    closed = add_survey(index, title="已截止的调查", slug="closed", opens=-20, closes=-10)
    upcoming = add_survey(index, title="未开始的调查", slug="upcoming", opens=3, closes=9)
    current = add_survey(index, title="征集中的调查", slug="open", opens=-2, closes=4)
    client = visitor()
    client.get(index.url)
    with CaptureQueriesContext(connection) as few:
        response = client.get(index.url)
    soup = BeautifulSoup(response.content, "html.parser")
    titles = [link.get_text() for link in soup.select(".survey-list__item a")]
    assert titles == [current.title, upcoming.title, closed.title]
    states = [span.get_text() for span in soup.select(".survey-list__item .survey__state")]
    assert states == ["进行中", "未开始", "已截止"]
    for number in range(4):
        add_survey(index, title=f"调查{number}", slug=f"more{number}", opens=-1, closes=5)
    with CaptureQueriesContext(connection) as many:
        client.get(index.url)
    assert len(many) == len(few)


def test_the_portal_lists_its_sub_sites_surveys(site_group, index):
    add_survey(index, title="县级调查", slug="county")
    portal_index = survey_index(site_group.portal.home)
    add_survey(portal_index, title="市级调查", slug="city")
    html = visitor(host="localhost").get(portal_index.url).content.decode()
    assert "县级调查" in html and "市级调查" in html
    county_html = visitor().get(index.url).content.decode()
    assert "县级调查" in county_html and "市级调查" not in county_html


# --- export ---------------------------------------------------------------------------------------------------


def exporter(make_user, site, with_permission=True):
    """A member of the site's 编辑 group with the export permission, or of its 信息员 group without it."""
    user = make_user(site.groups["编辑" if with_permission else "信息员"])
    if with_permission:
        user.user_permissions.add(Permission.objects.get(codename="export_surveyresponse"))
    user = type(user).objects.get(pk=user.pk)
    assert user.has_perm(survey_views.EXPORT_PERMISSION) is with_permission
    return user


def export(user, survey_id, export_format="csv"):
    request = RequestFactory().get(f"/admin/consultations/surveys/{survey_id}/export/{export_format}/")
    request.user = user
    return survey_views.export(request, survey_id=survey_id, export_format=export_format)


def csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_sites_staff_export_one_row_per_response(survey, site_group, make_user):
    respond(survey, "1路", ["车况", "准点"], "5", "=cmd|' /C calc'!A0")
    respond(survey, "3路", [], "2")
    user = exporter(make_user, site_group.county_a)

    response = export(user, survey.pk)

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert rows[0][2:] == ["您常乘坐哪条线路？", "您希望改进哪些方面？", "总体满意度", "其他建议"]
    assert [row[2:] for row in rows[1:]] == [
        ["1路", "准点；车况", "5", "'=cmd|' /C calc'!A0"],
        ["3路", "", "2", ""],
    ]
    xlsx = export(user, survey.pk, "xlsx")
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][2:5] == ["1路", "准点；车况", "5"] and len(values) == 3


@pytest.mark.parametrize("who", ["other_site", "no_permission", "portal"])
def test_others_cannot_export(survey, site_group, make_user, who):
    respond(survey, "1路", ["准点"], "5", SECRET_TEXT)
    user = {
        "other_site": lambda: exporter(make_user, site_group.county_b),
        "no_permission": lambda: exporter(make_user, site_group.county_a, with_permission=False),
        "portal": lambda: exporter(make_user, site_group.portal),
    }[who]()
    with pytest.raises(Http404):
        export(user, survey.pk)
    with pytest.raises(Http404):
        export(user, 2**40)


def test_the_export_url_is_registered_for_the_admin():
    (pattern,) = register_export_urls()
    assert pattern.name == "consultations_survey_export"


def test_a_translation_shares_the_surveys_facts_and_translates_its_text():
    from wagtail_localize.fields import get_translatable_fields

    fields = {field.field_name: field for field in get_translatable_fields(SurveyPage)}
    for fact in ("opens_at", "closes_at", "public_results"):
        assert type(fields[fact]).__name__ == "SynchronizedField" and fields[fact].overridable is False, fact
    assert type(fields["summary"]).__name__ == "TranslatableField"
    assert type(fields["questions"]).__name__ == "TranslatableField"
    question_fields = {field.field_name: field for field in get_translatable_fields(SurveyQuestion)}
    for fact in ("kind", "required"):
        assert type(question_fields[fact]).__name__ == "SynchronizedField", fact
    for words in ("text", "options"):
        assert type(question_fields[words]).__name__ == "TranslatableField", words
