"""Admin integration of the monitoring app. Each part registers in its own section below."""

from wagtail import hooks

from govcms.core.provisioning import PROVISION_SITE_HOOK
from monitoring.provisioning import provision_monitoring

# Provisioning: the site's 管理员 and 编辑 get their monitoring rights.
hooks.register(PROVISION_SITE_HOOK, provision_monitoring)
