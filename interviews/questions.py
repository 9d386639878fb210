"""网友提问: storing a citizen's question, moderating it, and answering in writing what the broadcast left open.

Every staff action checks that the user may run the interview's console (interviews.access), re-reads the
question under a lock so two moderators cannot both move it, logs the step on the interview page's history
beside the console's actions (wagtail log_actions: who and when, and which question; never its text nor the
private contact) and, since adopted and answered questions are shown on the public page and offered to the
live console, bumps the broadcast's version and clears the live endpoint's cache.

A question moves 待审核 → 已采用 or 不予采用 (either decision may be reversed until it is answered);
已采用 → 已回答 when a console entry quotes it (interviews.console.add_entry) or a written answer is
given. After the end, questions still open are due a written answer (Question.answer_due, set by
end_interview); only an adopted one is answered in writing, so a pending one is adopted first (a logged
decision): answering publishes the question, which nobody may publish unreviewed.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from citizen_mailbox.forms import multi_line
from citizen_mailbox.masking import mask_text
from interviews.access import require_console
from interviews.live import purge_live_cache
from interviews.models import ENTRY_MAX_LENGTH, Question, QuestionStatus

SUBMIT = "interviews.question_submit"
ADOPT = "interviews.question_adopt"
REJECT = "interviews.question_reject"
ANSWER = "interviews.question_answer"
LOG_ACTION_LABELS = {
    SUBMIT: _("网友提问"),
    ADOPT: _("采用网友提问"),
    REJECT: _("不予采用网友提问"),
    ANSWER: _("书面答复网友提问"),
}

# The statuses each decision may be taken from: an answered question stays answered.
ADOPTABLE = (QuestionStatus.PENDING, QuestionStatus.REJECTED)
REJECTABLE = (QuestionStatus.PENDING, QuestionStatus.ADOPTED)
NOT_ANSWERABLE = _("这条提问现在不能书面答复（状态：%(status)s）：只有已采用的提问可以书面答复，待审核的请先采用。")


def submit(interview, *, nickname, text, contact=""):
    """Store a citizen's question as 待审核, with its log entry, in one transaction (the public form's data)."""
    with transaction.atomic():
        question = Question.objects.create(interview=interview, nickname=nickname, text=text, contact=contact)
        _log(interview, question, SUBMIT, user=None)
    return question


def adopt(question, user):
    """已采用: shown on the public page and offered to the live console for quoting."""
    return _decide(question, user, QuestionStatus.ADOPTED, ADOPTABLE, ADOPT)


def reject(question, user):
    """不予采用: never shown, and no longer owed an answer."""
    return _decide(question, user, QuestionStatus.REJECTED, REJECTABLE, REJECT)


def can_answer_in_writing(question):
    """Only an adopted question: the answer publishes it, so it must have been reviewed (adopt a pending one)."""
    return question.status == QuestionStatus.ADOPTED


def answer_in_writing(question, user, text):
    """书面答复: the answer is published with the question, which becomes 已回答."""
    interview = question.interview
    require_console(user, interview)
    text = multi_line(text)
    if not text:
        raise ValidationError({"written_answer": _("请填写书面答复。")})
    if len(text) > ENTRY_MAX_LENGTH:
        raise ValidationError({"written_answer": _("书面答复不能超过%(limit)d个字。") % {"limit": ENTRY_MAX_LENGTH}})
    with transaction.atomic():
        question = _locked(question)
        if not can_answer_in_writing(question):
            raise ValidationError(NOT_ANSWERABLE % _status_of(question))
        question.status = QuestionStatus.ANSWERED
        question.written_answer = text
        question.answered_at = timezone.now()
        question.answered_by = user
        question.save(update_fields=["status", "written_answer", "answered_at", "answered_by"])
        _log(interview, question, ANSWER, user)
    _changed(interview)
    return question


def _decide(question, user, status, allowed_from, action):
    interview = question.interview
    require_console(user, interview)
    with transaction.atomic():
        question = _locked(question)
        if question.status not in allowed_from:
            raise ValidationError(_("这条提问的状态已是“%(status)s”，不能再作此操作。") % _status_of(question))
        question.status = status
        question.moderated_at = timezone.now()
        question.moderated_by = user
        question.save(update_fields=["status", "moderated_at", "moderated_by"])
        _log(interview, question, action, user)
    _changed(interview)
    return question


def _locked(question):
    """The question as stored now, locked until the transaction ends (the decision is checked against it)."""
    return Question.objects.select_for_update().get(pk=question.pk)


def _log(interview, question, action, user):
    """The question's number and nickname, never its text: the page's and the site's history are read by staff
    who may not moderate (信息员, 审核…), and a question not adopted is not public (its text may hold contact
    details). The moderators read the text in the question list."""
    data = {"question_id": question.pk, "nickname": mask_text(question.nickname)}
    log(instance=interview, action=action, user=user, data=data)


def _status_of(question):
    return {"status": question.get_status_display()}


def _changed(interview):
    """The public page and the live endpoint show adopted and answered questions: tell them something changed."""
    interview.broadcast().touch()
    purge_live_cache(interview.pk)
