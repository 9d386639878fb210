"""Disclosure's part of every new site (sitegroup.provisioning): the 政府信息公开目录 column under 政务公开,
after 通知公告."""

from disclosure.models import DisclosureCatalogPage
from govcms.core.provisioning import OPEN_GOVERNMENT_COLUMN, ColumnSpec
from home.models import ColumnFamily, UpdateCategory

CATALOGUE_COLUMN = ColumnSpec(
    "政府信息公开目录",
    "xxgkml",
    ColumnFamily.PUBLISH,
    UpdateCategory.OTHER,
    order=140,
    parent=OPEN_GOVERNMENT_COLUMN,
    page_class=DisclosureCatalogPage,
)


def site_columns():
    return [CATALOGUE_COLUMN]
