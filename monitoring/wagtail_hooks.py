"""Admin integration of the monitoring app. Each part registers in its own section below."""

from wagtail import hooks

from govcms.core.provisioning import PROVISION_SITE_HOOK
from monitoring.provisioning import provision_monitoring

# Provisioning: the site's 管理员 and 编辑 get their monitoring rights.
hooks.register(PROVISION_SITE_HOOK, provision_monitoring)


# --- 失效链接 (issue 16 item 2): the broken-link report under Reports ------------------------------------
from monitoring import link_views  # noqa: E402

hooks.register("register_admin_urls", link_views.register_urls)
hooks.register("register_reports_menu_item", link_views.broken_links_menu_item)
