"""Public views of a survey (SurveyPage's page and its `answer/` route), the survey list, and the staff's export.

The answer form is the platform's public-form pattern, with citizen_mailbox.views' helpers (as interviews.views):
CSRF (Django's middleware), a per-client rate limit on posts and on captchas, the offline captcha and its
看不清，换一张 without JavaScript, never cached, a too-big body refused, and the response stored in one
transaction only once everything is valid. The survey's own page carries no form (it stays cacheable and makes
no captcha): it links to the form while the survey is open. The one-response rule: consultations.surveys.

The export (CSV or XLSX, one row per response, one column per question) is for the survey's own site's staff:
the permission consultations.export_surveyresponse and the survey's site among the user's own sites
(govcms.core.scope.SiteScope.own_site_ids); any other user gets a 404, as if there were no such survey.
"""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from citizen_mailbox.views import post_data, private, refreshing, refused, too_big
from consultations import surveys
from consultations.models import QuestionKind, State, SurveyAnswer, SurveyPage, SurveyResponse
from govcms.core.scope import SiteScope
from govcms.core.spreadsheets import csv_text, local_time_text, xlsx_text
from govcms.core.translation import original_of
from govcms.core.tree import MAX_PAGE_ID, paginate, site_home_of, under_any_of
from govcms.core.visibility import held_site_paths

SUBMIT_RATE = "10/h"
FORM_TEMPLATE = "consultations/survey_answer.html"


def _render(request, survey, template, status=200, **context):
    return TemplateResponse(request, template, {"page": survey, "self": survey, **context}, status=status)


def questions_of(survey):
    return list(survey.questions.all().order_by("sort_order", "pk"))


# --- the survey's page and its list ---------------------------------------------------------------------------


def page_context(survey, request):
    """What SurveyPage shows: its state and, when the survey publishes them, the results (3 queries)."""
    state = survey.state()
    context = {"state": state, "state_label": State(state).label, "is_open": state == State.OPEN}
    if survey.public_results:
        original, questions = original_of(survey), questions_of(survey)
        original_questions = questions if original == survey else questions_of(original)
        total, shown = surveys.results(original, original_questions, questions)
        context.update(responses=total, results=shown if total else [])
    return context


def listing(index_page, request, now=None):
    """Live public surveys of the index's site and the sites below it (held sites left out): open first, then
    upcoming, then closed; the newest first in each group. One page of them, constant queries."""
    now = now or timezone.now()
    home = site_home_of(index_page)
    scope = home or index_page
    items = SurveyPage.objects.live().public().descendant_of(scope)
    held = held_site_paths(scope.path)
    if held:
        items = items.exclude(under_any_of(held))
    items = items.annotate(
        group=Case(
            When(opens_at__gt=now, then=Value(1)),
            When(closes_at__gt=now, then=Value(0)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("group", "-opens_at", "-pk")
    page = paginate(request, items)
    for survey in page.object_list:
        survey.shown_state = State(survey.state(now))
    return {"surveys": page}


# --- 参加调查 -------------------------------------------------------------------------------------------------


def answer(request, survey):
    return private(_answer(request, survey))


def _answer(request, survey):
    state = survey.state()
    if state != State.OPEN:
        status = 200 if request.method == "GET" else 400
        return _render(request, survey, "consultations/survey_closed.html", status=status, state=State(state))
    original = original_of(survey)
    if surveys.already_answered(request, original):
        status = 200 if request.method == "GET" else 400
        return _render(request, survey, "consultations/survey_answered.html", status=status, again=True)
    data = post_data(request)
    refusal = refused(
        request,
        survey,
        "consultations.survey",
        SUBMIT_RATE,
        refreshing(data),
        template="consultations/survey_refused.html",
    )
    if refusal:
        return refusal
    questions = questions_of(survey)
    if request.method != "POST":
        return _render(request, survey, FORM_TEMPLATE, form=surveys.SurveyForm(questions=questions))
    if data is None:
        return too_big(
            request, survey, surveys.SurveyForm, template="consultations/survey_error.html", questions=questions
        )
    if refreshing(data):
        return _render(request, survey, FORM_TEMPLATE, form=surveys.SurveyForm.refreshed(data[0], questions=questions))
    form = surveys.SurveyForm(data[0], questions=questions)
    if not form.is_valid():
        return _render(request, survey, FORM_TEMPLATE, status=400, form=form)
    original_questions = questions if original == survey else questions_of(original)
    answers = surveys.as_answers_to(questions, original_questions, form.cleaned_data)
    surveys.store(original, site_home_of(original), original_questions, answers)
    response = _render(request, survey, "consultations/survey_answered.html", again=False)
    return surveys.mark_answered(response, original)


# --- export for the site's staff ------------------------------------------------------------------------------

EXPORT_PERMISSION = "consultations.export_surveyresponse"
EXPORT_URL = "consultations_survey_export"
# Every download of a survey's responses is on record, on the survey's page history (consultations.admin_views
# registers its label).
EXPORT_LOG_ACTION = "consultations.survey.export"
FORMATS = ("csv", "xlsx")


def may_export(user, survey):
    """Whether `user` may export the responses of `survey`: the permission, and the survey's site their own."""
    if not user.has_perm(EXPORT_PERMISSION):
        return False
    own_sites = SiteScope.of(user).own_site_ids
    if not own_sites:
        return False
    home = site_home_of(survey)
    return home is not None and home.pk in own_sites


def exportable_survey(user, survey_id):
    """The survey if `user` may export its responses, else 404 (another site's staff are told nothing)."""
    if survey_id > MAX_PAGE_ID:
        raise Http404
    survey = SurveyPage.objects.filter(pk=survey_id).first()
    if survey is None or not may_export(user, survey):
        raise Http404
    return survey


def export_urls(user, page):
    """[(format, URL)] of the exports of the survey `page` (its original, which holds the responses of both
    languages) that `user` may download; empty when they may not (without the permission, at no query)."""
    if not user.has_perm(EXPORT_PERMISSION):
        return []
    survey = original_of(page)
    if not may_export(user, survey):
        return []
    return [(export_format, reverse(EXPORT_URL, args=[survey.pk, export_format])) for export_format in FORMATS]


def export_rows(survey):
    """The header and one row per response (oldest first): number, time, then one cell per question, a multiple
    choice's options joined with "；". Three queries whatever the number of responses."""
    questions = questions_of(survey)
    header = [_("编号"), _("提交时间"), *(question.text for question in questions)]
    cells = {}
    answers = (
        SurveyAnswer.objects.filter(response__survey=survey)
        .order_by("pk")
        .values_list("response_id", "question_id", "value")
    )
    for response_id, question_id, value in answers:
        cells.setdefault((response_id, question_id), []).append(value)
    rows = []
    for response_id, submitted_at in (
        SurveyResponse.objects.filter(survey=survey).order_by("submitted_at", "pk").values_list("pk", "submitted_at")
    ):
        row = [response_id, submitted_at]
        for question in questions:
            values = cells.get((response_id, question.pk), [])
            if question.kind == QuestionKind.MULTIPLE:
                order = {choice: index for index, choice in enumerate(question.choices())}
                values = sorted(values, key=lambda value: order.get(value, len(order)))
            row.append("；".join(values))
        rows.append(row)
    return header, rows


def _csv_cell(value):
    if hasattr(value, "tzinfo"):
        return local_time_text(value)
    return csv_text(value) if isinstance(value, str) else value


def _xlsx_cell(sheet, value):
    from openpyxl.cell import WriteOnlyCell

    if hasattr(value, "tzinfo"):
        return timezone.make_naive(value)
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=xlsx_text(value))
    # openpyxl takes text starting with "=" for a formula: an answer or a question stays text, as in the CSV.
    cell.data_type = "s"
    return cell


@login_required
def export(request, survey_id, export_format):
    survey = exportable_survey(request.user, survey_id)
    if export_format not in FORMATS:
        raise Http404
    header, rows = export_rows(survey)
    log(
        instance=survey,
        action=EXPORT_LOG_ACTION,
        user=request.user,
        data={"format": export_format, "responses": len(rows)},
    )
    filename = f"survey-{survey.pk}-responses.{export_format}"
    if export_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([_csv_cell(cell) for cell in header])
        writer.writerows([_csv_cell(cell) for cell in row] for row in rows)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(title=_("答卷"))
        for row in [header, *rows]:
            sheet.append([_xlsx_cell(sheet, cell) for cell in row])
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return private(response)


def register_export_urls():
    """The export's admin URLs (for the register_admin_urls hook): /admin/consultations/surveys/<id>/export/<fmt>/."""
    return [
        path(
            "consultations/surveys/<int:survey_id>/export/<str:export_format>/",
            export,
            name=EXPORT_URL,
        )
    ]
