"""Admin integration of the interviews app. Each part registers in its own section below."""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter

from govcms.core.provisioning import PROVISION_SITE_HOOK
from govcms.core.wording import colon
from interviews import admin_views, question_admin, reports
from interviews.access import can_run_console
from interviews.console import LOG_ACTION_LABELS
from interviews.models import InterviewPage
from interviews.provisioning import provision_interviews

# Provisioning: every site's 在线访谈 column and 访谈主持 group (interviews.provisioning).
hooks.register(PROVISION_SITE_HOOK, provision_interviews)


# --- Live console (interviews.admin_views, interviews.console) -----------------------------------
hooks.register("register_admin_urls", admin_views.register_console_urls)


class ConsoleMenuItem(MenuItem):
    """在线访谈: for those who run the broadcasts of a site (its 访谈主持, 编辑 and 管理员)."""

    def is_shown(self, request):
        return admin_views.has_console_rights(request.user)


@hooks.register("register_admin_menu_item")
def register_console_menu_item():
    return ConsoleMenuItem(
        gettext_lazy("在线访谈"), reverse("interviews_console:index"), name="interviews", icon_name="media", order=255
    )


class ConsoleButton(PageMenuItem):
    label = gettext_lazy("直播控制台")
    icon_name = "media"
    url_name = "interviews_console:console"

    def is_shown(self, user):
        # specific_class comes from the content type cache: other pages cost no query.
        return (
            issubclass(self.page.specific_class or object, InterviewPage)
            and self.page.live
            and can_run_console(user, self.page)
        )


@hooks.register("register_page_header_buttons")
def console_header_button(page, user, view_name, next_url=None):
    yield ConsoleButton(page=page, priority=14)


@hooks.register("register_page_listing_more_buttons")
def console_listing_button(page, user, next_url=None):
    yield ConsoleButton(page=page, priority=6)


class ConsoleLogFormatter(LogFormatter):
    """The action, and the entry it concerns (its speaker and the start of its text)."""

    def format_message(self, log_entry):
        data = log_entry.data
        if data.get("speaker_name"):
            return f"{self.label}{colon()}{data['speaker_name']}{colon()}{data.get('text', '')}"
        return str(self.label)


@hooks.register("register_log_actions")
def register_console_log_actions(actions):
    for action, label in LOG_ACTION_LABELS.items():
        actions.register_action(action)(type("ConsoleActionFormatter", (ConsoleLogFormatter,), {"label": label}))


# --- 网友提问 (interviews.questions, interviews.question_admin, interviews.reports) ---------------------
hooks.register("register_admin_urls", question_admin.register_question_urls)
hooks.register("register_log_actions", question_admin.register_log_actions)
# 网友提问逾期未答 in the Reports menu.
hooks.register("register_admin_urls", reports.register_report_urls)
hooks.register("register_reports_menu_item", reports.register_menu_item)
