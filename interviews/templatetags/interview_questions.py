"""The 网友提问 section of the public interview page (includes/question_form_section.html)."""

from django import template

from citizen_mailbox.masking import mask_text
from interviews.models import InterviewState, Question

register = template.Library()


@register.simple_tag
def interview_questions(interview, state=None):
    """Whether the interview takes questions, and its published questions with their answers (one query; one
    more for the state when the page's context does not give it).

    A question's text is masked like a published letter: contact details a citizen typed into it stay hidden.
    """
    if interview.pk is None:  # a new page in preview: nothing asked yet, nowhere to ask
        return {"accepting": False, "closed": False, "published": []}
    published = list(Question.objects.published().filter(interview=interview).select_related("answer_entry"))
    for question in published:
        question.public_text = mask_text(question.text)
        entry = question.answer_entry
        question.live_answer = entry if entry is not None and entry.retracted_at is None else None
    closed = (state or interview.state()) == InterviewState.ENDED
    return {"accepting": not closed, "closed": closed, "published": published}
