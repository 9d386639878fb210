"""Public side of a consultation (意见征集): what its page shows, and 提交意见 (ConsultationPage's `comment/` route).

The platform's public-form pattern, with citizen_mailbox.views' helpers (as interviews.views and
monitoring.public_views): CSRF (Django's middleware), a per-client rate limit on posts and on captchas, the
offline captcha and its 看不清，换一张 without JavaScript, never cached, a too-big body refused, and the comment
stored in one transaction only once everything is valid. Comments are taken only while the consultation is
征集中: before or after, a GET says so and a POST is refused (409) with nothing stored and no captcha made.
The comment's site is worked out from the tree (the consultation's site home in the default locale), never
taken from the form. A comment sent from a translation belongs to the original (govcms.core.translation.
original_of): one consultation, one set of comments and counts, whatever the reader's language.
"""

from django.db import transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.models import Page

from citizen_mailbox.masking import mask_message_text, mask_name
from citizen_mailbox.views import post_data, private, refreshing, refused, too_big
from consultations.forms import CommentForm, section_label
from consultations.models import Comment, CommentStatus, State
from govcms.core.translation import original_of
from govcms.core.tree import site_home_of

COMMENT_RATE = "10/h"
COMMENT_TEMPLATE = "consultations/comment.html"


def _render(request, consultation, template, status=200, **context):
    return TemplateResponse(request, template, {"page": consultation, "self": consultation, **context}, status=status)


# --- the page ----------------------------------------------------------------------------------------------


def public_comments(consultation):
    """The approved comments, personal data masked (the name to its surname, numbers and addresses in the text)."""
    rows = list(
        consultation.comments.filter(status=CommentStatus.APPROVED).only(
            "pk", "name", "section", "content", "submitted_at", "consultation_id"
        )
    )
    for comment in rows:
        comment.public_name = mask_name(comment.name)
        comment.public_content = mask_message_text(comment.content, comment.name)
    return rows


def page_context(consultation, request, now=None):
    state = consultation.state(now or timezone.now())
    sections = [
        {
            "number": number,
            "anchor": f"section-{number}",
            "label": section_label(number, block.value.get("heading")),
            "block": block,
        }
        for number, block in enumerate(consultation.draft, start=1)
    ]
    context = {
        "state": state,
        "state_label": State(state).label,
        "draft_sections": sections,
        "attachment_list": consultation.attachments.select_related("document"),
        "short_period": not consultation.period_is_legal(),
    }
    original = original_of(consultation)
    if consultation.pk and consultation.show_comments:
        context["public_comments"] = public_comments(original)
    if consultation.pk and state in (State.CLOSED, State.ANSWERED):
        context["feedback_counts"] = original.moderated_counts()
        context["themes"] = list(consultation.themes.all())
        # Named only while the public may open it: live and not view-restricted (nor below a restricted page).
        policies = Page.objects.live().public().filter(pk=consultation.adopted_policy_id)
        context["adopted_policy"] = policies.first() if consultation.adopted_policy_id else None
    return context


# --- 提交意见 ----------------------------------------------------------------------------------------------


def comment(request, consultation):
    return private(_comment(request, consultation))


def _comment(request, consultation):
    state = consultation.state()
    if state != State.OPEN:
        status = 200 if request.method == "GET" else 409
        return _render(request, consultation, "consultations/comment_closed.html", status=status, state=state)
    data = post_data(request)
    refusal = refused(
        request,
        consultation,
        "consultations.comment",
        COMMENT_RATE,
        refreshing(data),
        template="consultations/comment_refused.html",
    )
    if refusal:
        return refusal
    sections = consultation.sections()
    if request.method != "POST":
        initial = {}
        requested = request.GET.get("section", "")
        # Compared as text with the draft's numbers: any other string (even a digit int() refuses, "²") is ignored.
        if requested in {str(number) for number, _ in sections}:
            initial["section"] = requested
        return _render(request, consultation, COMMENT_TEMPLATE, form=CommentForm(initial=initial, sections=sections))
    if data is None:
        return too_big(
            request, consultation, CommentForm, template="consultations/comment_error.html", sections=sections
        )
    if refreshing(data):
        return _render(request, consultation, COMMENT_TEMPLATE, form=CommentForm.refreshed(data[0], sections=sections))
    form = CommentForm(data[0], sections=sections)
    if not form.is_valid():
        return _render(request, consultation, COMMENT_TEMPLATE, status=400, form=form)
    original = original_of(consultation)
    with transaction.atomic():
        stored = Comment.objects.create(
            consultation=original,
            site_home=site_home_of(original),
            **{name: form.cleaned_data[name] for name in ("name", "contact", "section", "content")},
        )
    return _render(request, consultation, "consultations/commented.html", comment=stored)
