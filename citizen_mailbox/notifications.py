"""E-mails: the citizen's acknowledgement and answer, and the handlers' reminders and escalations.

Mails to citizens carry the tracking code but never the query password's hash
or anyone else's details; a failing mail server must not undo a stored message,
so sending errors are logged, not raised.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

_CLOSING_ACTIONS = {"answer", "reject", "unable"}


def _send(subject, template, context, recipients, attachment=None, attachment_name=""):
    if not recipients:
        return
    email = EmailMessage(subject, render_to_string(template, context), settings.DEFAULT_FROM_EMAIL, recipients)
    try:
        if attachment:
            with attachment.open("rb") as file:
                email.attach(attachment_name or attachment.name.rsplit("/", 1)[-1], file.read())
        email.send()
    except OSError:
        # The tracking code identifies the message without exposing the citizen.
        logger.exception("mailbox: mail to %d recipient(s) failed (%s)", len(recipients), context.get("code", ""))


def acknowledge(message, password, lookup_url):
    _send(
        _("来信已收到：%(subject)s") % {"subject": message.subject},
        "mailbox/email/acknowledgement.txt",
        {"message": message, "password": password, "lookup_url": lookup_url, "code": message.tracking_code},
        [message.email] if message.email else [],
    )


def after_action(message, action_name):
    if action_name in _CLOSING_ACTIONS and message.email:
        _send(
            _("您的来信有了答复：%(subject)s") % {"subject": message.subject},
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
