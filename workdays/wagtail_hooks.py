from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from workdays.calendar import years_without_official_data
from workdays.models import WorkdayOverride


class WorkdayOverrideViewSet(SnippetViewSet):
    """Platform administrators enter the State Council's schedule here; model permissions keep others out."""

    model = WorkdayOverride
    icon = "date"
    menu_label = _("节假日调整")
    add_to_settings_menu = True
    list_display = ["date", "is_working_day", "note"]
    list_filter = ["is_working_day"]
    ordering = ["-date"]


register_snippet(WorkdayOverrideViewSet)


class MissingScheduleWarning(Component):
    """Tells administrators that deadlines in a coming year are computed without the official schedule."""

    name = "missing_workday_schedule"
    order = 50
    template_name = "workdays/missing_schedule_warning.html"

    def __init__(self, years):
        self.years = years

    def get_context_data(self, parent_context=None):
        return {"years": self.years}


def is_site_administrator(user):
    """Superusers, the 平台管理员 and every site's 管理员 (provisioning names the groups so)."""
    return user.is_superuser or user.groups.filter(name__endswith="管理员").exists()


@hooks.register("construct_homepage_panels")
def warn_about_missing_schedule(request, panels):
    if not is_site_administrator(request.user):
        return
    years = years_without_official_data()
    if years:
        panels.append(MissingScheduleWarning(years))
