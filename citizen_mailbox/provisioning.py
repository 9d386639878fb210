"""Every site gets a mailbox under its 互动交流 column when it is provisioned (see sitegroup.provisioning)."""

from django.utils.translation import gettext as _

from citizen_mailbox.models import MailboxChannel, MailboxPage
from home.models import ColumnPage

INTERACT_COLUMN_SLUG = "hdjl"
MAILBOX_TITLE = "政民互动信箱"
MAILBOX_SLUG = "zmhdxx"
DEFAULT_CHANNELS = ("领导信箱", "咨询", "投诉", "建议")


def ensure_mailbox(home):
    """Create the site's mailbox once; returns a description of what was created, or None.

    A site whose 互动交流 column was removed, or that already has a mailbox in it, is left alone.
    """
    column = ColumnPage.objects.child_of(home).filter(slug=INTERACT_COLUMN_SLUG).first()
    if column is None or MailboxPage.objects.child_of(column).exists():
        return None
    if column.get_children().filter(slug=MAILBOX_SLUG).exists():
        return None
    mailbox = MailboxPage(
        title=MAILBOX_TITLE,
        slug=MAILBOX_SLUG,
        channels=[MailboxChannel(name=name, sort_order=order) for order, name in enumerate(DEFAULT_CHANNELS)],
    )
    column.add_child(instance=mailbox)
    mailbox.save_revision().publish()
    return _("政民互动信箱")
