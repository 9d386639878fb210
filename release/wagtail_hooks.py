"""Admin integration of the release app: every hook of its parts is registered here.

Wagtail imports only this module. The parts (release.publishing, release.workflow, release.reports)
define the hook functions; the order below is the order Wagtail calls those of the same hook.
"""

from wagtail import hooks

from govcms.core.provisioning import PROVISION_SITE_HOOK, PROVISIONED_SITE_WARNINGS_HOOK
from release.publishing import hooks as publishing
from release.reports import hooks as reports
from release.workflow import hooks as workflow
from release.workflow.provisioning import provision_release_workflow, understaffed_warnings

# --- Publishing outside the workflow: 撤稿, 强制发布, 补审, and the guards (release.publishing) ---------

hooks.register("register_admin_urls", publishing.register_publishing_urls)
hooks.register("register_log_actions", publishing.register_publishing_log_actions)
hooks.register("register_page_header_buttons", publishing.publishing_header_buttons)
hooks.register("register_page_listing_more_buttons", publishing.publishing_listing_buttons)
hooks.register("construct_page_action_menu", publishing.replace_publish_under_workflow)
hooks.register("before_edit_page", publishing.guard_publish_on_edit)
hooks.register("before_create_page", publishing.guard_publish_on_create)
hooks.register("after_edit_page", publishing.continue_to_force_publish)
hooks.register("before_bulk_action", publishing.guard_bulk_publish)
hooks.register("before_bulk_action", publishing.guard_bulk_move)
hooks.register("before_move_page", publishing.guard_move)
hooks.register("construct_admin_api", publishing.guard_admin_api_page_actions)
hooks.register("construct_explorer_page_queryset", publishing.annotate_unreviewed_publications)
hooks.register("register_reports_menu_item", publishing.register_unreviewed_publications_report)

# --- Where a submission stands in the 三审 workflow (release.workflow) -------------------------------

hooks.register("after_create_page", workflow.report_failed_check_on_submit)
hooks.register("after_edit_page", workflow.report_failed_check_on_submit)
hooks.register("construct_page_action_menu", workflow.resubmit_to_the_first_step)
hooks.register("before_edit_page", workflow.explain_workflow_position)
hooks.register("construct_explorer_page_queryset", workflow.annotate_failed_checks)
hooks.register("construct_homepage_panels", workflow.warn_about_understaffed_review_steps)

# --- Reports: 发布审核记录 and 信息报送统计 (release.reports) ---------------------------------

hooks.register("register_admin_urls", reports.register_report_urls)
hooks.register("register_reports_menu_item", reports.register_audit_report_menu_item)
hooks.register("register_reports_menu_item", reports.register_statistics_report_menu_item)

# --- Provisioning: every site's 三审 workflow (release.workflow.provisioning) --------------------------------

hooks.register(PROVISION_SITE_HOOK, provision_release_workflow)
hooks.register(PROVISIONED_SITE_WARNINGS_HOOK, understaffed_warnings)
