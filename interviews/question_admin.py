"""网友提问 in the admin (URL namespace "interviews_questions"): an interview's questions by status, adopting,
rejecting, and writing the answers the broadcast left open.

Like the console (interviews.admin_views), every view asks interviews.access.can_run_console first: the
questions of an interview the user does not run are a 404, so another site's staff learn nothing and change
nothing; the actions (interviews.questions) check again. Plain form POSTs and redirects, no JavaScript.
"""

from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.log_actions import LogFormatter

from interviews import questions
from interviews.access import can_run_console
from interviews.models import ENTRY_MAX_LENGTH, InterviewPage, Question, QuestionStatus

TEMPLATES = "interviews/admin/"


class WrittenAnswerForm(forms.Form):
    written_answer = forms.CharField(
        label=gettext_lazy("书面答复"),
        max_length=ENTRY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("答复将与问题一起在访谈页面公开。"),
        error_messages={"required": gettext_lazy("请填写书面答复。")},
    )


def mask_contact(contact):
    """A contact as lists show it: its first three and last two characters (138******78), the rest hidden."""
    if len(contact) <= 5:
        return "*" * len(contact)
    return contact[:3] + "*" * (len(contact) - 5) + contact[-2:]


# --- Access ------------------------------------------------------------------------------------


def _require_console(request, interview):
    if not can_run_console(request.user, interview):
        raise Http404


def interview_view(view):
    @wraps(view)
    def wrapped(request, page_id, *args, **kwargs):
        interview = get_object_or_404(InterviewPage, pk=page_id)
        _require_console(request, interview)
        return view(request, interview, *args, **kwargs)

    return wrapped


def question_view(view):
    @wraps(view)
    def wrapped(request, question_id, *args, **kwargs):
        question = get_object_or_404(Question.objects.select_related("interview"), pk=question_id)
        _require_console(request, question.interview)
        return view(request, question, *args, **kwargs)

    return wrapped


# --- Views -------------------------------------------------------------------------------------


@interview_view
def question_list(request, interview):
    state = interview.state()
    rows = list(interview.questions.select_related("answer_entry", "answered_by", "moderated_by"))
    for question in rows:
        question.masked_contact = mask_contact(question.contact)
        question.can_adopt = question.status in questions.ADOPTABLE
        question.can_reject = question.status in questions.REJECTABLE
        question.can_answer = questions.can_answer_in_writing(question)
    sections = [
        {"status": status, "label": label, "questions": [q for q in rows if q.status == status]}
        for status, label in QuestionStatus.choices
    ]
    context = {
        "interview": interview,
        "state": state,
        "sections": sections,
        "overdue_count": sum(1 for question in rows if question.is_overdue),
    }
    return TemplateResponse(request, TEMPLATES + "questions_list.html", context)


@require_POST
@question_view
def adopt(request, question):
    return _decide(request, question, questions.adopt, _("已采用这条提问。"))


@require_POST
@question_view
def reject(request, question):
    return _decide(request, question, questions.reject, _("已将这条提问标为不予采用。"))


@question_view
def answer(request, question):
    """GET: the question (with its full contact) and the answer form; POST: publish the written answer."""
    if request.method != "POST" and not questions.can_answer_in_writing(question):
        messages.error(request, questions.NOT_ANSWERABLE % {"status": question.get_status_display()})
        return _back_to_list(question)
    form = WrittenAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            questions.answer_in_writing(question, request.user, form.cleaned_data["written_answer"])
        except ValidationError as error:
            form.add_error(None, error)  # a refusal on the answer (its dict names the field) or on the question
        else:
            messages.success(request, _("书面答复已发布。"))
            return _back_to_list(question)
    context = {"interview": question.interview, "question": question, "form": form}
    status = 400 if form.errors else 200
    return TemplateResponse(request, TEMPLATES + "questions_answer.html", context, status=status)


# --- Helpers -----------------------------------------------------------------------------------


def _decide(request, question, action, success):
    try:
        action(question, request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return _back_to_list(question)


def _back_to_list(question):
    return redirect("interviews_questions:list", question.interview_id)


# --- Log actions and URLs ----------------------------------------------------------------------


class QuestionLogFormatter(LogFormatter):
    """The step and the question it concerns (number and nickname, not its text), as the page's history shows it."""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("%(action)s：%(nickname)s（提问编号%(number)s）") % {
            "action": self.label,
            "nickname": data.get("nickname", ""),
            "number": data.get("question_id", ""),
        }


def register_log_actions(actions):
    for action, label in questions.LOG_ACTION_LABELS.items():
        actions.register_action(action)(type("QuestionActionFormatter", (QuestionLogFormatter,), {"label": label}))


question_urls = [
    path("<int:page_id>/", question_list, name="list"),
    path("question/<int:question_id>/adopt/", adopt, name="adopt"),
    path("question/<int:question_id>/reject/", reject, name="reject"),
    path("question/<int:question_id>/answer/", answer, name="answer"),
]


def register_question_urls():
    return [
        path(
            "interviews/questions/", include((question_urls, "interviews_questions"), namespace="interviews_questions")
        )
    ]
