"""E-mails: the citizen's acknowledgement and answer, and the handlers' reminders and escalations.

Anyone can type any address into the public form, so the acknowledgement quotes
nothing the visitor wrote: only the tracking code and a link to the lookup page
(otherwise the form would relay a stranger's text from a government address).
Mails to citizens never carry the query password or anyone else's details, and
no header ever holds typed text. A failing mail server, or any other error while
sending, must not undo a stored message: it is logged, not raised.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from citizen_mailbox.forms import single_line

logger = logging.getLogger(__name__)

_CLOSING_ACTIONS = {"answer", "reject", "unable"}


def _send(subject, template, context, recipients, attachment=None, attachment_name=""):
    if not recipients:
        return
    try:
        # Subjects name only site titles and tracking codes; kept on one line all the same.
        email = EmailMessage(
            single_line(subject), render_to_string(template, context), settings.DEFAULT_FROM_EMAIL, recipients
        )
        if attachment:
            with attachment.open("rb") as file:
                email.attach(attachment_name or attachment.name.rsplit("/", 1)[-1], file.read())
        email.send()
    except Exception:
        # Whatever went wrong, the caller's work (a stored letter, a recorded answer) stands.
        # The tracking code identifies the message without exposing the citizen.
        logger.exception("mailbox: mail to %d recipient(s) failed (%s)", len(recipients), context.get("code", ""))


def acknowledge(message, lookup_url):
    """The receipt: the tracking code and where to look it up, nothing the sender typed."""
    _send(
        _("来信已收到（查询码 %(code)s）") % {"code": message.tracking_code},
        "mailbox/email/acknowledgement.txt",
        {"lookup_url": lookup_url, "code": message.tracking_code},
        [message.email] if message.email else [],
    )


def after_action(message, action_name):
    if action_name in _CLOSING_ACTIONS and message.email:
        _send(
            _("您的来信有了答复（查询码 %(code)s）") % {"code": message.tracking_code},
            "mailbox/email/answer.txt",
            {"message": message, "code": message.tracking_code},
            [message.email],
            attachment=message.reply_attachment,
            attachment_name=message.reply_attachment_name,
        )


def remind(recipients, site_title, due_soon, overdue):
    """One mail per recipient group: messages due within two working days, and overdue ones (escalation)."""
    _send(
        _("%(site)s政民互动信箱：%(soon)d件即将到期，%(overdue)d件已超期")
        % {"site": site_title, "soon": len(due_soon), "overdue": len(overdue)},
        "mailbox/email/reminder.txt",
        {"site_title": site_title, "due_soon": due_soon, "overdue": overdue},
        recipients,
    )
