"""Admin integration: the 政民互动信箱 menu item and views, and the mailbox's log actions."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from citizen_mailbox import access, admin_views
from citizen_mailbox.handling import LOG_ACTION_LABELS
from citizen_mailbox.provisioning import provision_mailbox
from govcms.core.provisioning import PROVISION_SITE_HOOK
from govcms.core.wording import colon


@hooks.register("register_admin_urls")
def register_mailbox_urls():
    return [
        path("mailbox/", admin_views.LetterIndexView.as_view(), name="mailbox_admin_index"),
        path(
            "mailbox/results/",
            admin_views.LetterIndexView.as_view(results_only=True),
            name="mailbox_admin_index_results",
        ),
        path("mailbox/<int:pk>/", admin_views.detail, name="mailbox_admin_detail"),
        path("mailbox/<int:pk>/act/<str:action_name>/", admin_views.act, name="mailbox_admin_act"),
        path("mailbox/<int:pk>/attachment/<str:which>/", admin_views.attachment, name="mailbox_admin_attachment"),
    ]


class MailboxMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_use_mailbox_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_mailbox_menu_item():
    return MailboxMenuItem(
        _("政民互动信箱"), reverse("mailbox_admin_index"), name="mailbox", icon_name="mail", order=250
    )


class MessageLogFormatter(LogFormatter):
    """The step, and the reason or reply given with it (masked when it was logged)."""

    def format_message(self, log_entry):
        text = log_entry.data.get("text")
        return f"{self.label}{colon()}{text}" if text else str(self.label)


@hooks.register("register_log_actions")
def register_mailbox_log_actions(actions):
    for action, label in LOG_ACTION_LABELS.items():
        actions.register_action(action)(type("MessageActionFormatter", (MessageLogFormatter,), {"label": label}))


# Every site's mailbox under its 互动交流 column.
hooks.register(PROVISION_SITE_HOOK, provision_mailbox)
