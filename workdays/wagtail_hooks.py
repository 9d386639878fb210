from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from workdays.calendar import years_without_official_data
from workdays.models import WorkdayOverride

# Who enters the State Council's schedule: the 平台管理员 group holds it (sitegroup.platform). The menu
# (SnippetViewSet: any of add/change/delete) and the warning below go to the same people.
ENTER_SCHEDULE_PERMISSION = "workdays.add_workdayoverride"


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


@hooks.register("construct_homepage_panels")
def warn_about_missing_schedule(request, panels):
    """Only to those who can act on it: the warning asks them to enter the schedule."""
    if not request.user.has_perm(ENTER_SCHEDULE_PERMISSION):
        return
    years = years_without_official_data()
    if years:
        panels.append(MissingScheduleWarning(years))
