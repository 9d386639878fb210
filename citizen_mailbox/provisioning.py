"""Every site gets a mailbox under its 互动交流 column when it is provisioned (govcms_provision_site, see
sitegroup.provisioning)."""

from django.utils.translation import gettext as _

from citizen_mailbox.models import MailboxChannel, MailboxPage
from home.provisioning import provision_interaction_page

MAILBOX_TITLE = "政民互动信箱"
MAILBOX_SLUG = "zmhdxx"
# Its line in the 互动交流 column's list and its search snippet, until the site writes its own.
MAILBOX_DESCRIPTION = "我要写信：咨询、投诉、建议，查询办理进度，阅读公开答复。"
DEFAULT_CHANNELS = ("领导信箱", "咨询", "投诉", "建议")


def provision_mailbox(context):
    """The site's mailbox, once (home.provisioning.provision_interaction_page)."""
    mailbox = MailboxPage(
        title=MAILBOX_TITLE,
        slug=MAILBOX_SLUG,
        search_description=MAILBOX_DESCRIPTION,
        channels=[MailboxChannel(name=name, sort_order=order) for order, name in enumerate(DEFAULT_CHANNELS)],
    )
    provision_interaction_page(context, mailbox, _("政民互动信箱"))
