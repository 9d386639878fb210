"""意见征集 and 网上调查 written in the real admin views by a county's staff: the legal minimum periods and their
explanation, the release workflow, the survey questions' validation and the site scope of the columns."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from consultations.models import ConsultationKind, ConsultationPage, SurveyIndexPage, SurveyPage
from tests.consultations.moderation_world import consultation_index
from workdays.models import WorkdayOverride

pytestmark = pytest.mark.django_db

EXPLANATION = "因上级部署时间紧迫，征集期缩短。"


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def editor(client, site_group, make_user):
    """County A's 编辑, logged in."""
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    return client


def consultation_data(kind, opens, closes, **changes):
    """What county A's editor posts in the admin's create view for a consultation (valid unless `changes` spoil it)."""
    return nested_form_data(
        {
            "title": "关于《甲县养犬管理办法》的征求意见稿",
            "slug": "yangquan",
            "kind": ConsultationKind.objects.get(name=kind).pk,
            "organiser": "甲县司法局",
            "summary": "现将征求意见稿全文公布，征求社会公众意见。",
            "opens_at": opens,
            "closes_at": closes,
            "short_period_explanation": "",
            "draft": streamfield(
                [("section", {"heading": "适用范围", "body": rich_text("<p>本办法适用于本县。</p>")})]
            ),
            "attachments": inline_formset([]),
            "show_comments": "",
            "feedback": rich_text(""),
            "themes": inline_formset([]),
            "adopted_policy": "",
            "comments": inline_formset([]),
            **changes,
        }
    )


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


def form_errors(response):
    return response.context["form"].errors


# (a) 规章: at least 30 days.


def test_a_10_day_regulation_consultation_without_explanation_is_refused_and_nothing_saved(editor, site_group):
    column = consultation_index(site_group.county_a.home)
    data = consultation_data("规章", "2026-03-01 09:00", "2026-03-11 09:00")
    response = editor.post(add_url(ConsultationPage, column), data)
    assert response.status_code == 200
    assert "short_period_explanation" in form_errors(response)
    assert "须公开说明理由" in response.content.decode()
    assert not ConsultationPage.objects.exists()


def test_a_10_day_regulation_consultation_with_an_explanation_is_saved_with_it(editor, site_group):
    column = consultation_index(site_group.county_a.home)
    data = consultation_data("规章", "2026-03-01 09:00", "2026-03-11 09:00", short_period_explanation=EXPLANATION)
    response = editor.post(add_url(ConsultationPage, column), data)
    assert response.status_code == 302, form_errors(response)
    page = ConsultationPage.objects.child_of(column).get()
    assert (page.short_period_explanation, page.live) == (EXPLANATION, False)
    assert not page.period_is_legal()


# (b) 规范性文件: 7 working days, across National Day and its 调休 Saturday (as in test_consultation_public).


@pytest.fixture
def national_day():
    for day in range(1, 8):
        WorkdayOverride.objects.update_or_create(
            date=datetime.date(2026, 10, day), defaults={"is_working_day": False, "note": "国庆节"}
        )
    WorkdayOverride.objects.update_or_create(
        date=datetime.date(2026, 10, 10), defaults={"is_working_day": True, "note": "国庆节调休"}
    )


@pytest.mark.parametrize(
    "closes, legal",
    [("2026-10-15 17:00", True), ("2026-10-14 17:00", False)],
    ids=["seventh-working-day", "sixth-working-day"],
)
def test_a_normative_document_needs_7_working_days_across_the_holiday(editor, site_group, national_day, closes, legal):
    column = consultation_index(site_group.county_a.home)
    # Working days after 30 September: 8, 9, 10 (Saturday, worked), 12, 13, 14, 15 October.
    response = editor.post(
        add_url(ConsultationPage, column), consultation_data("规范性文件", "2026-09-30 09:00", closes)
    )
    if legal:
        assert response.status_code == 302, form_errors(response)
        assert ConsultationPage.objects.child_of(column).get().period_is_legal()
    else:
        assert "short_period_explanation" in form_errors(response)
        assert not ConsultationPage.objects.exists()


# (c) The release workflow, like any page.


def test_a_submitted_consultation_goes_through_the_release_workflow(client, site_group, county_a_staff, capture):
    column = consultation_index(site_group.county_a.home)
    client.force_login(county_a_staff.officer)
    data = consultation_data("规章", "2026-03-01 09:00", "2026-04-01 09:00")
    with capture(execute=True):
        response = client.post(add_url(ConsultationPage, column), {**data, "action-submit": "Submit"})
    assert response.status_code == 302, form_errors(response)
    page = ConsultationPage.objects.child_of(column).get()
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "甲县人民政府部门初审"
    assert not page.live


def test_the_information_officer_cannot_publish_a_consultation_directly(client, site_group, county_a_staff):
    column = consultation_index(site_group.county_a.home)
    client.force_login(county_a_staff.officer)
    data = consultation_data("规章", "2026-03-01 09:00", "2026-04-01 09:00")
    client.post(add_url(ConsultationPage, column), {**data, "action-publish": "Publish"})
    page = ConsultationPage.objects.child_of(column).get()
    assert not page.live and page.live_revision is None
    assert not WorkflowState.objects.for_instance(page).exists()
    publish_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.post(publish_url, {**data, "action-publish": "Publish"})
    page.refresh_from_db()
    assert not page.live


# (d) A survey and its questions (an inline formset).


def survey_data(questions):
    return nested_form_data(
        {
            "title": "公交线路满意度调查",
            "slug": "gongjiao",
            "summary": "请就本县公交线路发表意见。",
            "opens_at": "2026-03-01 09:00",
            "closes_at": "2026-03-31 17:00",
            "public_results": "on",
            "questions": inline_formset(questions),
            "comments": inline_formset([]),
        }
    )


def question(text, kind, options="", required=True):
    return {"text": text, "kind": kind, "options": options, "required": "on" if required else ""}


def survey_index_of(home):
    return SurveyIndexPage.objects.child_of(home.get_children().get(slug="hdjl")).get()


def test_a_survey_is_created_with_its_questions_in_order(editor, site_group):
    column = survey_index_of(site_group.county_a.home)
    questions = [
        question("您常乘坐哪条线路？", "single", "1路\n2路\n3路"),
        question("您希望改进哪些方面？", "multiple", "准点\n票价"),
        question("总体满意度", "rating"),
        question("其他建议", "text", required=False),
    ]
    response = editor.post(add_url(SurveyPage, column), survey_data(questions))
    assert response.status_code == 302, form_errors(response)
    survey = SurveyPage.objects.child_of(column).get()
    stored = [(q.text, q.kind, q.choices(), q.required) for q in survey.questions.order_by("sort_order")]
    assert stored == [
        ("您常乘坐哪条线路？", "single", ["1路", "2路", "3路"], True),
        ("您希望改进哪些方面？", "multiple", ["准点", "票价"], True),
        ("总体满意度", "rating", [], True),
        ("其他建议", "text", [], False),
    ]


@pytest.mark.parametrize("options", ["", "只有一项", "同一项\n同一项"], ids=["none", "one", "repeated"])
def test_a_single_choice_question_needs_two_distinct_options(editor, site_group, options):
    column = survey_index_of(site_group.county_a.home)
    response = editor.post(
        add_url(SurveyPage, column), survey_data([question("您常乘坐哪条线路？", "single", options)])
    )
    assert response.status_code == 200
    question_errors = response.context["edit_handler"].form.formsets["questions"].errors
    assert "options" in question_errors[0]
    content = response.content.decode()
    assert "选择题至少需要两个选项。" in content or "选项不能重复。" in content
    assert not SurveyPage.objects.exists()


def test_a_survey_without_questions_is_not_submitted(editor, site_group):
    """Wagtail defers the required fields and the minimum of questions for drafts, not for a submission."""
    column = survey_index_of(site_group.county_a.home)
    response = editor.post(add_url(SurveyPage, column), {**survey_data([]), "action-submit": "Submit"})
    assert response.status_code == 200
    assert response.context["edit_handler"].form.formsets["questions"].non_form_errors()
    assert not SurveyPage.objects.exists()


# (e) The site scope of the columns.


@pytest.mark.parametrize("model", [ConsultationPage, SurveyPage])
def test_an_editor_of_county_a_cannot_add_under_county_b(editor, site_group, model):
    home_b = site_group.county_b.home
    column = consultation_index(home_b) if model is ConsultationPage else survey_index_of(home_b)
    data = consultation_data("规章", "2026-03-01 09:00", "2026-04-01 09:00")
    if model is SurveyPage:
        data = survey_data([question("总体满意度", "rating")])
    # Wagtail refuses a page it does not permit with a redirect to the dashboard and a message.
    refused = reverse("wagtailadmin_home")
    opened = editor.get(add_url(model, column))
    assert (opened.status_code, opened.url) == (302, refused)
    response = editor.post(add_url(model, column), data)
    assert (response.status_code, response.url) == (302, refused)
    assert not model.objects.exists()
