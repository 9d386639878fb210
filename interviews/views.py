"""Public views of an interview: 我要提问 (InterviewPage's `ask/` route).

The platform's public-form pattern, with citizen_mailbox.views' helpers: CSRF (Django's middleware), a
per-client rate limit on posts and on captchas, the offline captcha and its 看不清，换一张 without
JavaScript, never cached, a too-big body refused, and the question stored in one transaction only once
everything is valid. Questions are taken while the interview is 预告 or 直播中; after the end the page
says so instead of showing a form (a captcha is not even made).
"""

from django.template.response import TemplateResponse

from citizen_mailbox.views import post_data, private, refreshing, refused, too_big
from interviews import questions
from interviews.forms import QuestionForm
from interviews.models import InterviewState

ASK_RATE = "10/h"
ASK_TEMPLATE = "interviews/ask.html"


def _render(request, interview, template, status=200, **context):
    return TemplateResponse(request, template, {"page": interview, "self": interview, **context}, status=status)


def ask(request, interview):
    return private(_ask(request, interview))


def _ask(request, interview):
    if interview.state() == InterviewState.ENDED:
        status = 200 if request.method == "GET" else 400
        return _render(request, interview, "interviews/ask_closed.html", status=status)
    data = post_data(request)
    refusal = refused(
        request, interview, "interviews.ask", ASK_RATE, refreshing(data), template="interviews/ask_refused.html"
    )
    if refusal:
        return refusal
    if request.method != "POST":
        return _render(request, interview, ASK_TEMPLATE, form=QuestionForm())
    if data is None:
        return too_big(request, interview, QuestionForm, template="interviews/ask_error.html")
    if refreshing(data):
        return _render(request, interview, ASK_TEMPLATE, form=QuestionForm.refreshed(data[0]))
    form = QuestionForm(data[0])
    if not form.is_valid():
        return _render(request, interview, ASK_TEMPLATE, status=400, form=form)
    fields = {name: form.cleaned_data[name] for name in ("nickname", "text", "contact")}
    question = questions.submit(interview, **fields)
    return _render(request, interview, "interviews/asked.html", question=question)
