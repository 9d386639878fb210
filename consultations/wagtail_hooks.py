"""Admin integration of the consultations app: provisioning of rights, 意见审核 (URLs, menu, log actions)."""

from wagtail import hooks

from consultations import admin_views
from consultations.provisioning import (
    provision_consultation_columns,
    provision_consultation_rights,
    site_role_permissions,
)
from govcms.core.provisioning import PROVISION_SITE_HOOK, SITE_ROLE_PERMISSIONS_HOOK

# --- Provisioning: the 意见征集 and 网上调查 columns; the site's 管理员 and 编辑 get their rights, which the
# 安全管理员 may staff ------------------------------------------------------------------------------------

hooks.register(PROVISION_SITE_HOOK, provision_consultation_columns)
hooks.register(PROVISION_SITE_HOOK, provision_consultation_rights)
hooks.register(SITE_ROLE_PERMISSIONS_HOOK, site_role_permissions)

# --- 意见审核 -------------------------------------------------------------------------------------------

hooks.register("register_admin_urls", admin_views.register_urls)
hooks.register("register_admin_menu_item", admin_views.menu_item)
hooks.register("register_log_actions", admin_views.register_log_actions)

# --- 网上调查: export of a survey's responses (consultations.survey_views; staff of the survey's site) ---------

from consultations.survey_views import register_export_urls  # noqa: E402

hooks.register("register_admin_urls", register_export_urls)
