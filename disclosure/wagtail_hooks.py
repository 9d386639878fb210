"""Admin integration of the disclosure app: its column in every new site's skeleton."""

from wagtail import hooks

from disclosure.provisioning import site_columns
from govcms.core.provisioning import SITE_COLUMNS_HOOK

hooks.register(SITE_COLUMNS_HOOK, site_columns)
