"""Every site gets a mailbox under its 互动交流 column when it is provisioned (govcms_provision_site, see
sitegroup.provisioning)."""

from django.utils.translation import gettext as _

from citizen_mailbox.models import MailboxChannel, MailboxPage
from govcms.core.provisioning import INTERACTION_COLUMN
from home.models import ColumnPage

MAILBOX_TITLE = "政民互动信箱"
MAILBOX_SLUG = "zmhdxx"
# Its line in the 互动交流 column's list and its search snippet, until the site writes its own.
MAILBOX_DESCRIPTION = "我要写信：咨询、投诉、建议，查询办理进度，阅读公开答复。"
DEFAULT_CHANNELS = ("领导信箱", "咨询", "投诉", "建议")


def provision_mailbox(context):
    """Create the site's mailbox once.

    A site whose 互动交流 column was removed, or that already has a mailbox in it, is left alone.
    """
    column = ColumnPage.objects.child_of(context.home).filter(slug=INTERACTION_COLUMN).first()
    if column is None or MailboxPage.objects.child_of(column).exists():
        return
    if column.get_children().filter(slug=MAILBOX_SLUG).exists():
        return
    mailbox = MailboxPage(
        title=MAILBOX_TITLE,
        slug=MAILBOX_SLUG,
        search_description=MAILBOX_DESCRIPTION,
        channels=[MailboxChannel(name=name, sort_order=order) for order, name in enumerate(DEFAULT_CHANNELS)],
    )
    column.add_child(instance=mailbox)
    mailbox.save_revision().publish()
    context.created.append(_("政民互动信箱"))
