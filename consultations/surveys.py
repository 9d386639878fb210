"""网上调查: the answer form built from a survey's questions, the one-response rule, storing and the results.

One response per person, without accounts — what it does and what it cannot do:

* On a stored response the browser gets a cookie signed with the site's secret (django.core.signing, one key
  per survey). A browser sending it back is refused ("您已参加过本次调查") before anything is read or stored.
  The cookie cannot be forged or moved to another survey, but it is the browser's, not the person's: clearing
  cookies, a private window or another browser or device allows another response.
* Submissions are also rate limited per client address (govcms.core.ratelimit.client_key, SUBMIT_RATE), which
  bounds how many responses one address can add in an hour whatever it does with its cookies; people behind one
  shared address (an office, a mobile carrier's gateway) share that bound.

So a survey's counts are the views of those who answered, not a ballot: the page says the results are for
reference. Every submitted option is checked against the question's choices on the server; a response is
stored in one transaction, all its answers or nothing. Answers from a translated survey are stored as the
original's (its questions, its site), and one cookie covers both languages.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from citizen_mailbox.forms import MultiLineField, PublicForm
from consultations.charts import bar_chart
from consultations.models import ANSWER_MAX_LENGTH, QuestionKind, SurveyAnswer, SurveyResponse

COOKIE_SALT = "consultations.survey"
COOKIE_MAX_AGE = 366 * 24 * 3600
RATINGS = ("1", "2", "3", "4", "5")
CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RATING)


def field_name(question):
    return f"q{question.pk}"


def _field(question):
    label = question.text
    required = question.required
    if question.kind == QuestionKind.TEXT:
        field = MultiLineField(
            label=label,
            required=required,
            max_length=ANSWER_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 5}),
            help_text=_("不超过%(max)d字。") % {"max": ANSWER_MAX_LENGTH},
        )
        field.error_messages["max_length"] = _("“%(label)s”的回答不能超过%(limit)d个字。") % {
            "label": label,
            "limit": ANSWER_MAX_LENGTH,
        }
        return field
    if question.kind == QuestionKind.RATING:
        choices = [(value, value) for value in RATINGS]
        help_text = _("1分最低，5分最高。")
    else:
        choices = [(choice, choice) for choice in question.choices()]
        help_text = ""
    invalid = _("“%(label)s”请从列出的选项中选择。") % {"label": label}
    if question.kind == QuestionKind.MULTIPLE:
        field = forms.MultipleChoiceField(
            label=label, required=required, choices=choices, widget=forms.CheckboxSelectMultiple
        )
    else:
        field = forms.ChoiceField(label=label, required=required, choices=choices, widget=forms.RadioSelect)
    field.help_text = help_text
    field.error_messages["invalid_choice"] = invalid
    field.error_messages["invalid_list"] = invalid
    return field


class SurveyForm(PublicForm):
    """The answer form of one survey: a field per question, in the editor's order, then the captcha."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        captcha = self.fields.pop("captcha")
        for question in questions:
            self.fields[field_name(question)] = _field(question)
            if question.required:
                self.fields[field_name(question)].error_messages["required"] = _("请回答“%(label)s”。") % {
                    "label": question.text
                }
        self.fields["captcha"] = captcha
        self.questions = list(questions)


def answers_of(questions, cleaned_data):
    """(question, value) pairs to store: one per chosen option of a multiple choice, none for a skipped question."""
    pairs = []
    for question in questions:
        value = cleaned_data.get(field_name(question))
        if question.kind == QuestionKind.MULTIPLE:
            chosen = set(value or ())
            pairs.extend((question, choice) for choice in question.choices() if choice in chosen)
        elif value:
            pairs.append((question, value))
    return pairs


def as_answers_to(questions, original_questions, cleaned_data):
    """`cleaned_data` of a translation's form as answers to its original's questions: a translation's questions
    are the original's rows translated (same order, kinds and required flags; options translated line by line),
    so each answer is renamed to the original question's field and each chosen option becomes the original's
    option at the same position (one survey, one result, whatever the reader's language). Should the two differ
    for a moment (a question or option added and not yet translated), an answer without a counterpart is
    dropped rather than stored against the wrong question or option."""
    renamed = {}
    for copy, question in zip(questions, original_questions, strict=False):
        value = cleaned_data.get(field_name(copy))
        if copy.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            options = dict(zip(copy.choices(), question.choices(), strict=False))
            value = [options[v] for v in value if v in options] if isinstance(value, list) else options.get(value)
        renamed[field_name(question)] = value
    return renamed


def store(survey, site_home, questions, cleaned_data):
    """The response and its answers, in one transaction."""
    with transaction.atomic():
        response = SurveyResponse.objects.create(survey=survey, site_home=site_home)
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(response=response, question=question, value=value)
            for question, value in answers_of(questions, cleaned_data)
        )
    return response


# --- the one-response cookie ---------------------------------------------------------------------------------


def cookie_name(survey):
    return f"survey_{survey.pk}"


def already_answered(request, survey):
    """Whether this browser sends back a valid signed cookie of this survey."""
    return request.get_signed_cookie(cookie_name(survey), default=None, salt=COOKIE_SALT) == str(survey.pk)


def mark_answered(response, survey):
    response.set_signed_cookie(
        cookie_name(survey),
        str(survey.pk),
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        # Over HTTPS in production, as the session's (it holds no secret, but need not travel in clear either).
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


# --- results --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultRow:
    label: str
    count: int
    percent: float


@dataclass
class QuestionResult:
    question: object
    rows: list
    answered: int  # answers to it (choices chosen, for a multiple choice)
    average: float | None = None

    @property
    def chart(self):
        return bar_chart(self.rows)


def _percent(count, total):
    return round(100 * count / total, 1) if total else 0.0


def results(survey, questions, shown_questions=None):
    """Per choice or rating question, the count and share of respondents per option, in the options' order;
    ratings with their average. Free-text questions are left out. Two queries whatever the number of questions:
    the number of responses and one aggregate over all the survey's answers.

    `shown_questions` (a translation's, in the same order) give the words shown: the question and its options
    in the reader's language, the counts those of `questions`, the original's."""
    total = SurveyResponse.objects.filter(survey=survey).count()
    counted = [question for question in questions if question.kind in CHOICE_KINDS]
    counts = {}
    if total and counted:
        rows = (
            SurveyAnswer.objects.filter(question__in=[question.pk for question in counted], response__survey=survey)
            .values("question_id", "value")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in rows:
            counts[(row["question_id"], row["value"])] = row["n"]
    words = dict(zip((q.pk for q in questions), shown_questions or questions, strict=False))
    shown = []
    for question in counted:
        options = RATINGS if question.kind == QuestionKind.RATING else question.choices()
        shown_question = words.get(question.pk, question)
        labels = options if question.kind == QuestionKind.RATING else shown_question.choices()
        # An option the translation lacks for a moment keeps the original's words.
        labelled = zip(options, [*labels, *options[len(labels) :]], strict=False)
        rows = [ResultRow(label, counts.get((question.pk, option), 0), 0.0) for option, label in labelled]
        rows = [ResultRow(row.label, row.count, _percent(row.count, total)) for row in rows]
        answered = sum(row.count for row in rows)
        average = None
        if question.kind == QuestionKind.RATING and answered:
            average = round(sum(int(row.label) * row.count for row in rows) / answered, 2)
            rows = [ResultRow(gettext("%(score)s分") % {"score": row.label}, row.count, row.percent) for row in rows]
        shown.append(QuestionResult(shown_question, rows, answered, average))
    return total, shown
