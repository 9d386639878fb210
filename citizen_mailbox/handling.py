"""The handling of a message: its states, who may move it, what each step requires, and the log.

    待受理 ─受理并分派→ 已受理 ─开始办理→ 办理中 ─答复→ 已答复
       └─不予受理        └──────────┴─无法办理
    any open state: 申请延期 (reason) → 批准延期 (签发: due 15 working days after receipt) / 不批准延期

Each step runs in one transaction on a locked row, is logged (`mailbox.<action>`,
with user and time, texts masked) and, where the citizen gave an e-mail address,
tells them. Permission and validation failures raise ValidationError and change nothing.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from citizen_mailbox import access, notifications
from citizen_mailbox.masking import mask_text
from citizen_mailbox.models import EXTENDED_WORKING_DAYS, OPEN_STATUSES, Extension, Message, Status
from workdays.calendar import add_working_days

STAFF, HANDLER, SIGNER = "staff", "handler", "signer"
_ACTORS = {STAFF: access.is_site_staff, HANDLER: access.is_handler, SIGNER: access.is_signer}


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: tuple
    actor: str
    text_label: str = ""  # the required text (reason, reply, explanation); empty: none asked for
    needs_department: bool = False
    allows_attachment: bool = False

    @property
    def log_action(self):
        return f"mailbox.{self.name}"


ACTIONS = {
    action.name: action
    for action in (
        Action("accept", gettext_lazy("受理并分派"), (Status.PENDING,), STAFF, needs_department=True),
        Action("reject", gettext_lazy("不予受理"), (Status.PENDING,), STAFF, text_label=gettext_lazy("不予受理的理由")),
        Action("start", gettext_lazy("开始办理"), (Status.ACCEPTED,), HANDLER),
        Action(
            "answer",
            gettext_lazy("答复"),
            (Status.ACCEPTED, Status.PROCESSING),
            HANDLER,
            text_label=gettext_lazy("答复内容"),
            allows_attachment=True,
        ),
        Action(
            "unable",
            gettext_lazy("无法办理"),
            (Status.ACCEPTED, Status.PROCESSING),
            HANDLER,
            text_label=gettext_lazy("向来信人说明的理由"),
        ),
        Action(
            "request_extension", gettext_lazy("申请延期"), OPEN_STATUSES, HANDLER, text_label=gettext_lazy("延期理由")
        ),
        Action("approve_extension", gettext_lazy("批准延期"), OPEN_STATUSES, SIGNER),
        Action("decline_extension", gettext_lazy("不批准延期"), OPEN_STATUSES, SIGNER),
        Action("publish", gettext_lazy("公开答复"), (Status.ANSWERED,), SIGNER),
        Action("unpublish", gettext_lazy("撤回公开"), (Status.ANSWERED,), SIGNER),
    )
}

LOG_ACTION_LABELS = {"mailbox.submit": gettext_lazy("来信"), **{a.log_action: a.label for a in ACTIONS.values()}}


def _applies(action, message):
    """Whether the action makes sense for the message in its current state (ignoring who asks)."""
    if message.status not in action.sources:
        return False
    extension_needed = {
        "request_extension": Extension.NONE,
        "approve_extension": Extension.REQUESTED,
        "decline_extension": Extension.REQUESTED,
    }
    if action.name in extension_needed:
        return message.extension == extension_needed[action.name]
    if action.name == "publish":
        return message.consent_to_publish and not message.is_public
    if action.name == "unpublish":
        return message.is_public
    return True


def available_actions(user, message):
    return [a for a in ACTIONS.values() if _applies(a, message) and _ACTORS[a.actor](user, message)]


def perform(message, action_name, user, *, text="", department=None, attachment=None):
    """Apply one action to the message as `user`; raises PermissionDenied or ValidationError, changing nothing."""
    action = ACTIONS[action_name]
    text = (text or "").strip()
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        if not _ACTORS[action.actor](user, message):
            raise PermissionDenied
        if not _applies(action, message):
            raise ValidationError(_("这封来信当前不能“%(action)s”。") % {"action": action.label})
        _check_inputs(action, message, text, department)
        _APPLY[action.name](message, text=text, department=department, attachment=attachment)
        message.save()
        log(instance=message, action=action.log_action, user=user, data=_log_data(message, text))
    notifications.after_action(message, action.name)
    return message


def _check_inputs(action, message, text, department):
    if action.text_label and not text:
        raise ValidationError({"text": _("请填写%(label)s。") % {"label": action.text_label}})
    if action.needs_department and (department is None or department.page_id != message.mailbox_id):
        raise ValidationError({"department": _("请选择本信箱的承办部门。")})


def _log_data(message, text):
    data = {"status": message.status, "extension": message.extension}
    if text:
        data["text"] = mask_text(text)[:500]
    return data


def _accept(message, *, department, **kwargs):
    message.status = Status.ACCEPTED
    message.department = department
    message.department_name = department.name
    message.accepted_at = timezone.now()


def _start(message, **kwargs):
    message.status = Status.PROCESSING


def _close(status):
    def apply(message, *, text, attachment=None, **kwargs):
        message.status = status
        message.reply = text
        message.closed_at = timezone.now()
        if attachment is not None:
            message.reply_attachment_name = attachment.name[:200]
            message.reply_attachment.save(attachment.name, attachment, save=False)

    return apply


def _request_extension(message, *, text, **kwargs):
    message.extension = Extension.REQUESTED
    message.extension_reason = text


def _approve_extension(message, **kwargs):
    message.extension = Extension.APPROVED
    message.due_date = add_working_days(message.received_at, EXTENDED_WORKING_DAYS)


def _decline_extension(message, **kwargs):
    message.extension = Extension.DECLINED


def _set_public(value):
    def apply(message, **kwargs):
        message.is_public = value

    return apply


_APPLY = {
    "accept": _accept,
    "reject": _close(Status.REJECTED),
    "start": _start,
    "answer": _close(Status.ANSWERED),
    "unable": _close(Status.UNABLE),
    "request_extension": _request_extension,
    "approve_extension": _approve_extension,
    "decline_extension": _decline_extension,
    "publish": _set_public(True),
    "unpublish": _set_public(False),
}
