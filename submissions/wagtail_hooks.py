"""Admin integration of 信息报送: the 报送 button of articles, the queue in the menu, the log actions."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter

from govcms.core.scope import SiteScope
from home.models import ArticlePage
from release.reports.statistics import STATISTICS_SUBMISSIONS_HOOK
from submissions import handling, views
from submissions.statistics import decided_submissions


@hooks.register("register_admin_urls")
def register_submission_urls():
    return [
        path("submissions/", views.QueueView.as_view(), name="submissions_queue"),
        path("submissions/results/", views.QueueView.as_view(results_only=True), name="submissions_queue_results"),
        path("submissions/<int:submission_id>/", views.DecideView.as_view(), name="submissions_decide"),
        path("submissions/pages/<int:page_id>/submit/", views.SubmitView.as_view(), name="submissions_submit"),
    ]


class QueueMenuItem(MenuItem):
    """For those who work on pages: the queue holds what they decide on or what their own sites sent."""

    def is_shown(self, request):
        return SiteScope.of(request.user).is_site_staff


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return QueueMenuItem(
        gettext_lazy("信息报送"), reverse("submissions_queue"), name="submissions", icon_name="upload", order=260
    )


class SubmitButton(PageMenuItem):
    label = gettext_lazy("报送上级")
    icon_name = "upload"
    url_name = "submissions_submit"

    def is_shown(self, user):
        # specific_class comes from the content type cache: no query per explorer row.
        return (
            self.page.live
            and issubclass(self.page.specific_class or object, ArticlePage)
            and self.page.permissions_for_user(user).can_edit()
        )


@hooks.register("register_page_header_buttons")
def submit_header_button(page, user, view_name, next_url=None):
    yield SubmitButton(page=page, priority=13)


@hooks.register("register_page_listing_more_buttons")
def submit_listing_button(page, user, next_url=None):
    yield SubmitButton(page=page, priority=5)


class SubmissionLogFormatter(LogFormatter):
    def format_message(self, log_entry):
        data = log_entry.data
        message = _("%(label)s：%(column)s") % {"label": self.label, "column": data.get("target_title", "")}
        if data.get("reason"):
            message += _("，理由：%(reason)s") % {"reason": data["reason"]}
        return message


@hooks.register("register_log_actions")
def register_submission_log_actions(actions):
    labels = {
        handling.SUBMIT_ACTION: gettext_lazy("报送上级"),
        handling.ADOPT_ACTION: gettext_lazy("上级采用"),
        handling.RETURN_ACTION: gettext_lazy("上级退回"),
    }
    for action, label in labels.items():
        actions.register_action(action)(type("SubmissionActionFormatter", (SubmissionLogFormatter,), {"label": label}))


# 上级采用 and 上级退回 in the 信息报送统计 report.
hooks.register(STATISTICS_SUBMISSIONS_HOOK, decided_submissions)
