"""待解读政策: major policies that are live without a live interpretation the public sees.

A site with a grace period (PolicySettings.interpretation_grace_days) lets a
major policy go live first; the policy stays here until an interpretation
goes live, and is marked overdue after the grace period, counted in working
days from the day the policy went live. Policies published by 强制发布 past
the 三同步 check show up here too.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from govcms.core.scope import SiteScope
from govcms.core.spreadsheets import ChineseSpreadsheetMixin
from govcms.core.tree import SiteIndex
from policy.models import PolicyPage, PolicySettings, interpreting_models, public_policy_links
from release.reports.views import SiteStaffOnlyMixin
from workdays.calendar import add_working_days


def uninterpreted_major_policies():
    """Live major policies of every site that no live, public interpretation (of any kind) accompanies."""
    policies = PolicyPage.objects.live().filter(is_major=True)
    # Interpreted by a live page of any interpreting type that the public sees (an interpretation, an online
    # interview), as 三同步 counts them. From the link rows: a live page without links would put a NULL in the
    # list, and NOT IN (…, NULL) excludes all.
    for model in interpreting_models():
        links = public_policy_links(model).filter(page__live=True)
        policies = policies.exclude(pk__in=links.values("policy_id"))
    return policies.order_by("first_published_at", "pk")


def policies_awaiting_interpretation(user):
    """Live major policies of the user's sites that no live, public interpretation (of any kind) accompanies."""
    return uninterpreted_major_policies().filter(SiteScope.of(user).pages_q())


def serving_site_id(page):
    """The id of the Site serving `page`, from Wagtail's cached site root paths (no query per page)."""
    url_parts = page.get_url_parts()
    return url_parts[0] if url_parts else None


def annotate_deadlines(policies, today):
    """Set site, published_on, due_on and overdue on each policy, for the report's columns."""
    sites = SiteIndex()
    # Sites without a saved setting have the default: no grace period.
    grace_days = dict(PolicySettings.objects.values_list("site_id", "interpretation_grace_days"))
    for policy in policies:
        site = sites.site_for_path(policy.path)
        policy.site_title = site.title if site else ""
        policy.published_on = timezone.localdate(policy.first_published_at)
        grace = grace_days.get(serving_site_id(policy), 0)
        # Without a grace period (a policy force-published past 三同步) the interpretation was due with it.
        policy.due_on = add_working_days(policy.published_on, grace) if grace else policy.published_on
        policy.overdue = today > policy.due_on
        policy.status_label = _("已超期") if policy.overdue else _("宽限期内")
    return policies


class PendingInterpretationReportView(SiteStaffOnlyMixin, ChineseSpreadsheetMixin, ReportView):
    page_title = _("待解读政策")
    header_icon = "doc-full"
    index_url_name = "policy_pending_interpretation_report"
    index_results_url_name = "policy_pending_interpretation_report_results"
    verbose_name_plural = _("文件")
    columns = [
        TitleColumn("title", label=_("标题"), url_name="wagtailadmin_pages:edit"),
        Column("document_number", label=_("文号")),
        Column("site_title", label=_("站点")),
        DateColumn("published_on", label=_("发布日期")),
        DateColumn("due_on", label=_("解读截止日期")),
        StatusTagColumn("status_label", label=_("状态"), primary=lambda policy: policy.overdue),
    ]
    list_export = ["title", "document_number", "site_title", "published_on", "due_on", "status_label"]
    export_headings = {
        "title": _("标题"),
        "document_number": _("文号"),
        "site_title": _("站点"),
        "published_on": _("发布日期"),
        "due_on": _("解读截止日期"),
        "status_label": _("状态"),
    }

    def get_filename(self):
        return f"policies-awaiting-interpretation-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        return policies_awaiting_interpretation(self.request.user)

    def decorate_paginated_queryset(self, object_list):
        return annotate_deadlines(list(object_list), timezone.localdate())
