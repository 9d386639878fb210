"""The live console's actions: what the host does during a broadcast (docs/interviews.md).

Each action checks that the user may run the interview's console (interviews.access), logs who did what
and when on the interview page's history (wagtail.log_actions), bumps Broadcast.version (Broadcast.touch)
and clears the live endpoint's cached answer (interviews.live), so pollers see the change within seconds.
None of them saves a page revision, except end_interview: it freezes the live entries into the page's
`transcript` once, as a published revision of the live page.

Entries are read-only once the interview has ended, by the host or by its schedule.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.images import get_permission_policy as image_permission_policy
from wagtail.log_actions import log

from govcms.core.wording import join_words
from interviews import live
from interviews.access import require_console
from interviews.models import (
    ANNOUNCEMENT_MAX_LENGTH,
    ENTRY_MAX_LENGTH,
    OPEN_STATUSES,
    Broadcast,
    InterviewPage,
    InterviewState,
    QuestionStatus,
    Speaker,
    TranscriptEntry,
    answer_due_after,
)

ADD_ACTION = "interviews.add_entry"
EDIT_ACTION = "interviews.edit_entry"
RETRACT_ACTION = "interviews.retract_entry"
PIN_ACTION = "interviews.pin_announcement"
START_ACTION = "interviews.start_early"
EXTEND_ACTION = "interviews.extend"
END_ACTION = "interviews.end"
LOG_ACTION_LABELS = {
    ADD_ACTION: gettext_lazy("添加直播记录"),
    EDIT_ACTION: gettext_lazy("修改直播记录"),
    RETRACT_ACTION: gettext_lazy("撤回直播记录"),
    PIN_ACTION: gettext_lazy("置顶公告"),
    START_ACTION: gettext_lazy("提前开始访谈"),
    EXTEND_ACTION: gettext_lazy("延长访谈"),
    END_ACTION: gettext_lazy("结束访谈"),
}
# 结束访谈 before the start would freeze an empty transcript and close the questions: unpublish the page instead.
END_BEFORE_START = gettext_lazy("访谈尚未开始，不能结束；如需取消，请撤下访谈页面。")
# What edit_entry may change: the speaker and a quoted question stay (retract the entry and add another).
EDITABLE_FIELDS = ("text", "image", "image_alt", "spoken_at")


# --- Entries ---------------------------------------------------------------------------------------


def add_entry(interview, user, *, speaker, speaker_name, text, image=None, image_alt="", spoken_at=None, question=None):
    """Add an entry; a quoted question (网友) must be an adopted question of this interview and becomes 已回答."""
    require_console(user, interview)
    with transaction.atomic():
        broadcast = _locked_broadcast(interview)
        _require_entries_open(interview, broadcast)
        if broadcast.state(interview) == InterviewState.UPCOMING:
            raise ValidationError(_("访谈尚未开始：请先“提前开始”，或等到开始时间。"))
        if speaker == Speaker.NETIZEN:
            question = _adopted_question(interview, question)
            # Read out, the question is public: masked as the page's question list shows it.
            speaker_name, text = question.nickname, text or question.public_text
        elif question is not None:
            raise ValidationError(_("只有“网友”发言可以引用网友提问。"))
        entry = TranscriptEntry(
            interview=interview,
            speaker=speaker,
            speaker_name=_checked_speaker_name(interview, speaker, speaker_name),
            question=question,
            text=text,
            image=image,
            image_alt=image_alt,
            spoken_at=spoken_at or timezone.now(),
            created_by=user,
        )
        _clean_entry(entry, user)
        entry.save()
        if question is not None:
            question.status, question.answer_entry = QuestionStatus.ANSWERED, entry
            question.answered_at, question.answered_by = timezone.now(), user
            question.save(update_fields=["status", "answer_entry", "answered_at", "answered_by"])
        _changed(interview, user, broadcast, ADD_ACTION, entry=entry)
    live.purge_live_cache(interview.pk)
    return entry


def edit_entry(entry, user, **fields):
    """Correct an entry's text, picture, picture description or time (EDITABLE_FIELDS)."""
    interview = entry.interview
    require_console(user, interview)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("不能修改：%(fields)s") % {"fields": join_words(sorted(unknown))})
    with transaction.atomic():
        broadcast = _locked_broadcast(interview)
        _require_entries_open(interview, broadcast)
        entry = _current(entry)
        for name, value in fields.items():
            setattr(entry, name, value)
        entry.spoken_at = entry.spoken_at or timezone.now()
        entry.edited_at, entry.edited_by = timezone.now(), user
        _clean_entry(entry, user)
        entry.save()
        _changed(interview, user, broadcast, EDIT_ACTION, entry=entry)
    live.purge_live_cache(interview.pk)
    return entry


def retract_entry(entry, user):
    """Take an entry off the public page; the row stays, marked retracted. A question it answered is open again."""
    interview = entry.interview
    require_console(user, interview)
    with transaction.atomic():
        broadcast = _locked_broadcast(interview)
        _require_entries_open(interview, broadcast)
        entry = _current(entry)
        entry.retracted_at, entry.retracted_by = timezone.now(), user
        entry.save(update_fields=["retracted_at", "retracted_by"])
        entry.answered_questions.update(
            status=QuestionStatus.ADOPTED, answer_entry=None, answered_at=None, answered_by=None
        )
        _changed(interview, user, broadcast, RETRACT_ACTION, entry=entry)
    live.purge_live_cache(interview.pk)
    return entry


# --- The broadcast -------------------------------------------------------------------------------


def pin_announcement(interview, user, text):
    """Show `text` above the transcript (an empty text removes the announcement); allowed after the end too."""
    text = text.strip()
    if len(text) > ANNOUNCEMENT_MAX_LENGTH:
        raise ValidationError(_("公告不能超过%(limit)d个字。") % {"limit": ANNOUNCEMENT_MAX_LENGTH})
    return _update_broadcast(interview, user, PIN_ACTION, announcement=text)


def start_early(interview, user):
    require_console(user, interview)
    if interview.state() != InterviewState.UPCOMING:
        raise ValidationError(_("访谈不在预告状态，无需提前开始。"))
    return _update_broadcast(interview, user, START_ACTION, started_at=timezone.now())


def extend(interview, user, until):
    """Move the end to `until`, later than now and than the start; an ended interview is not reopened."""
    require_console(user, interview)
    if until <= timezone.now() or until <= interview.scheduled_start:
        raise ValidationError(_("新的结束时间须晚于现在和开始时间。"))
    return _update_broadcast(interview, user, EXTEND_ACTION, extended_until=until)


def end_interview(interview, user):
    """End the broadcast now: freeze the live entries into the page and set the written-answer deadlines."""
    require_console(user, interview)
    return _freeze(interview, user, ended_at=timezone.now())


def close_ended(now=None):
    """Freeze the live interviews whose (possibly extended) schedule has ended without the host pressing 结束.

    Returns the interviews closed; running it again closes nothing more (see the close_interviews command).
    """
    now = now or timezone.now()
    candidates = (
        InterviewPage.objects.live()
        .filter(scheduled_end__lte=now)
        .exclude(broadcast_record__frozen_at__isnull=False)
        .select_related("broadcast_record")
    )
    closed = []
    for interview in candidates:
        broadcast = interview.broadcast_or_blank()
        if broadcast.state(interview, now) == InterviewState.ENDED:
            _freeze(interview, None, ended_at=broadcast.ended_at or broadcast.end_time(interview))
            closed.append(interview)
    return closed


def _update_broadcast(interview, user, action, **changes):
    require_console(user, interview)
    with transaction.atomic():
        broadcast = _locked_broadcast(interview)
        if broadcast.ended_at is not None and action != PIN_ACTION:
            raise ValidationError(_("访谈已结束。"))
        for name, value in changes.items():
            setattr(broadcast, name, value)
        broadcast.save(update_fields=list(changes))
        _changed(interview, user, broadcast, action, **changes)
    live.purge_live_cache(interview.pk)
    return broadcast


def _freeze(interview, user, ended_at):
    with transaction.atomic():
        broadcast = _locked_broadcast(interview)
        if broadcast.frozen_at is not None:
            raise ValidationError(_("访谈已经结束，文字实录已生成。"))
        if broadcast.state(interview) == InterviewState.UPCOMING:
            raise ValidationError(END_BEFORE_START)
        _require_live(interview)
        broadcast.ended_at = broadcast.ended_at or ended_at
        broadcast.ended_by = broadcast.ended_by or user
        broadcast.frozen_at = timezone.now()
        broadcast.save(update_fields=["ended_at", "ended_by", "frozen_at"])
        _publish_transcript(interview, user, frozen_transcript(interview))
        due = answer_due_after(broadcast.ended_at)
        interview.questions.filter(status__in=OPEN_STATUSES).update(answer_due=due)
        _changed(interview, user, broadcast, END_ACTION, ended_at=broadcast.ended_at)
    live.purge_live_cache(interview.pk)
    return broadcast


def frozen_transcript(interview):
    """The page's `transcript` stream data: the entries still standing, in order, as the public saw them."""
    entries = interview.entries.filter(retracted_at__isnull=True).select_related("question").order_by("spoken_at", "pk")
    return [
        {
            "type": "entry",
            "value": {
                "entry_id": entry.pk,
                "speaker": entry.speaker,
                "speaker_name": entry.speaker_name,
                "time": timezone.localtime(entry.spoken_at).isoformat(),
                "question": {"nickname": entry.question.nickname, "text": entry.question.public_text}
                if entry.question
                else {"nickname": "", "text": ""},
                "text": entry.text,
                "image": entry.image_id,
                "image_alt": entry.image_alt,
            },
        }
        for entry in entries
    ]


class PublishKeepingReview(PublishPageRevisionAction):
    """Publish a revision without cancelling the page's workflow in progress.

    Wagtail cancels it on every publish (WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH); here what is published is the
    live content plus the transcript, not the draft under review. An empty `_current_workflow_states` (the
    cache prefetch_workflow_states fills) tells that step that there is no workflow in progress.
    """

    def _after_publish(self):
        self.object._current_workflow_states = []
        try:
            super()._after_publish()
        finally:
            del self.object._current_workflow_states


def _publish_transcript(interview, user, transcript):
    """Publish the LIVE page with the transcript, then put a pending draft back on top with it.

    The live content has already been through the site's release workflow; only the transcript is new.
    An editor's unpublished draft is not published here: it is saved again, with the transcript, as the
    latest revision (the one its review approves and publishes; without the transcript, publishing the
    draft would take it off the page). A review in progress keeps its step and its approvals, carried to
    the new latest revision: it differs from the approved one only by the transcript, which is live.
    """
    page = InterviewPage.objects.get(pk=interview.pk)  # the page row holds the live content
    draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else None
    review = page.current_workflow_state
    page.transcript = transcript
    # The host need not hold the page's publish right: what goes live is the content that went through the
    # release workflow already, plus the record of the broadcast they ran (see docs/interviews.md).
    latest = page.save_revision(user=user)
    PublishKeepingReview(latest, user=user).execute(skip_permission_checks=True)
    if draft is not None:
        draft.transcript = transcript
        latest = draft.save_revision(user=user)
    if review is not None:
        review.copy_approved_task_states_to_revision(latest)


# --- Checks and bookkeeping --------------------------------------------------------------------


def _require_live(interview):
    if not InterviewPage.objects.live().filter(pk=interview.pk).exists():
        raise ValidationError(_("访谈页面尚未发布：须经本站发布流程发布后才能直播。"))


def _require_entries_open(interview, broadcast):
    _require_live(interview)
    if broadcast.state(interview) == InterviewState.ENDED:
        raise ValidationError(_("访谈已结束，直播记录只读；如需更正，请编辑页面的文字实录。"))


def _locked_broadcast(interview):
    """The interview's Broadcast row, locked until the end of the transaction: actions on one interview queue up."""
    Broadcast.objects.get_or_create(interview_id=interview.pk)
    return Broadcast.objects.select_for_update().get(pk=interview.pk)


def _current(entry):
    return TranscriptEntry.objects.select_for_update().get(pk=entry.pk, retracted_at__isnull=True)


def _adopted_question(interview, question):
    if question is None or question.interview_id != interview.pk or question.status != QuestionStatus.ADOPTED:
        raise ValidationError(_("“网友”发言须引用本访谈已采用的网友提问。"))
    return question


def _checked_speaker_name(interview, speaker, name):
    """The speaker's name as the page names them: a guest of this interview, or its host."""
    if speaker == Speaker.GUEST:
        if not interview.guests.filter(name=name).exists():
            raise ValidationError(_("发言嘉宾须是本访谈的嘉宾。"))
        return name
    if speaker == Speaker.HOST:
        return interview.host or _("主持人")
    if speaker == Speaker.NETIZEN:
        return name
    raise ValidationError(_("发言人类别无效。"))


def _clean_entry(entry, user):
    entry.text = entry.text.strip()
    entry.image_alt = entry.image_alt.strip()
    errors = {}
    if not entry.text:
        errors["text"] = _("请填写内容。")
    elif len(entry.text) > ENTRY_MAX_LENGTH:
        errors["text"] = _("内容不能超过%(limit)d个字。") % {"limit": ENTRY_MAX_LENGTH}
    if entry.image_id and not entry.image_alt:
        errors["image_alt"] = _("有图片时须填写图片说明。")
    if entry.image_id and not choosable_images(user).filter(pk=entry.image_id).exists():
        errors["image"] = _("不能使用这张图片。")
    if errors:
        raise ValidationError(errors)


def choosable_images(user):
    """The images `user` may put in an entry: those of the collections they may choose from."""
    return image_permission_policy().instances_user_has_any_permission_for(user, ["choose"])


def _changed(interview, user, broadcast, action, entry=None, **details):
    """Log the action on the interview page's history and bump the broadcast's version."""
    data = {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in details.items()}
    if entry is not None:
        data.update(entry_id=entry.pk, speaker_name=entry.speaker_name, text=entry.text[:100])
    log(instance=interview, action=action, user=user, data=data)
    broadcast.touch()
