"""Admin integration: per-site issuing bodies, the platform topic list, the policy chooser and 待解读政策."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from disclosure.models import Topic
from govcms.core.provisioning import SITE_COLUMNS_HOOK
from policy.chooser import released_or_in_moderation
from policy.models import IssuingBody, PolicyPage
from policy.provisioning import release_workflow_steps, site_columns
from policy.reports import PendingInterpretationReportView
from release.reports.views import ReleaseReportMenuItem
from release.workflow.provisioning import RELEASE_WORKFLOW_TASKS_HOOK
from sitegroup.viewsets import SiteScopedModelViewSet, SiteScopedPermissionPolicy
from sitegroup.wagtail_hooks import requested_page_types

register_permission_policy(IssuingBody, SiteScopedPermissionPolicy(IssuingBody))


class IssuingBodyViewSet(SiteScopedModelViewSet):
    model = IssuingBody
    icon = "group"
    menu_label = _("发文机关")
    menu_order = 310
    add_to_settings_menu = True
    list_display = ["name", "site_home", "sort_order"]
    list_filter = ["site_home"]
    search_fields = ["name"]
    form_fields = ["site_home", "name", "sort_order"]


class TopicViewSet(ModelViewSet):
    """The platform-wide 主题分类; only platform administrators hold its permissions."""

    model = Topic
    icon = "tag"
    menu_label = _("主题分类")
    menu_order = 311
    add_to_settings_menu = True
    list_display = ["name", "sort_order"]
    form_fields = ["name", "sort_order"]


@hooks.register("register_admin_viewset")
def register_policy_viewsets():
    return [IssuingBodyViewSet("issuing_bodies"), TopicViewSet("topics")]


@hooks.register("construct_page_chooser_queryset")
def offer_only_released_policies(pages, request):
    """A policy chooser offers live policies and those in a release workflow, never untouched drafts."""
    if PolicyPage not in requested_page_types(request):
        return pages
    policy_type = ContentType.objects.get_for_model(PolicyPage)
    return pages.exclude(Q(content_type=policy_type) & ~released_or_in_moderation())


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/pending-interpretation/",
            PendingInterpretationReportView.as_view(),
            name="policy_pending_interpretation_report",
        ),
        path(
            "reports/pending-interpretation/results/",
            PendingInterpretationReportView.as_view(results_only=True),
            name="policy_pending_interpretation_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_pending_interpretation_menu_item():
    return ReleaseReportMenuItem(
        _("待解读政策"),
        reverse("policy_pending_interpretation_report"),
        name="pending-interpretation",
        icon_name="doc-full",
        order=1030,
    )


# Every new site's 政策文件 and 政策解读 columns, and the 三同步检查 step of its release workflow.
hooks.register(SITE_COLUMNS_HOOK, site_columns)
hooks.register(RELEASE_WORKFLOW_TASKS_HOOK, release_workflow_steps)
