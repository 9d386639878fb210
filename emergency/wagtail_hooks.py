"""Admin integration of the emergency app: its part of every site's provisioning."""

from wagtail import hooks

from emergency.provisioning import provision_emergency
from govcms.core.provisioning import PROVISION_SITE_HOOK

hooks.register(PROVISION_SITE_HOOK, provision_emergency)
