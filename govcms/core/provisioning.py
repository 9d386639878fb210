"""The contract of site provisioning: the hooks apps register to add their part to every new site.

sitegroup.provisioning implements it (it opens sites); apps of any layer contribute through these
names and ColumnSpec without importing sitegroup, so the app that owns the 政府信息公开目录 can sit
below sitegroup while still adding its column (docs/architecture.md).
"""

from dataclasses import dataclass

# A function taking no arguments and returning ColumnSpecs: columns every new site opens with.
SITE_COLUMNS_HOOK = "govcms_site_columns"
# A function called with sitegroup.provisioning.ProvisionContext on every provisioning run, creating
# whatever of its app's part the site lacks (a workflow, an index page, a mailbox).
PROVISION_SITE_HOOK = "govcms_provision_site"
# What the operator who opened or repaired a site in the admin should still do: a function called
# with the ProvisionResult, returning messages.
PROVISIONED_SITE_WARNINGS_HOOK = "govcms_provisioned_site_warnings"

# A function taking no arguments and returning (app label, codename) pairs: model permissions the app's
# provisioning gives sites' role groups, which its views confine to the group's own site. Those who staff the
# sites (sitegroup.users) may grant groups holding them, as they may the roles' own.
SITE_ROLE_PERMISSIONS_HOOK = "govcms_site_role_permissions"

# Slugs of skeleton columns that apps place their pages under.
OPEN_GOVERNMENT_COLUMN = "zwgk"
INTERACTION_COLUMN = "hdjl"


@dataclass(frozen=True)
class ColumnSpec:
    """A column of the skeleton a new site is opened with.

    `parent` is the slug of the skeleton column it goes under ("" for a column of the home page, shown in
    the site's menu); `order` places it among its siblings. Slugs are unique within the skeleton.
    `page_class` is the column's page model; None means the plain column page (home.ColumnPage).
    """

    title: str
    slug: str
    family: str
    update_category: str
    order: int
    parent: str = ""
    page_class: type | None = None
