"""Government information disclosure (政府信息公开): the per-site catalogue page and the shared metadata.

The metadata (index numbers, 公开类别, topics) is defined in disclosure.metadata
and re-exported here; see that module for why it lives apart.
"""

from django.utils.translation import gettext_lazy as _

from disclosure.catalogue import catalogue_context
from disclosure.metadata import (
    INDEX_NUMBER_FORMAT,
    DisclosureCategory,
    DisclosureFields,
    DisclosureMethod,
    IndexNumberSequence,
    Topic,
    organisation_code_validator,
)
from home.models import AbstractColumnPage

__all__ = [
    "INDEX_NUMBER_FORMAT",
    "DisclosureCatalogPage",
    "DisclosureCategory",
    "DisclosureFields",
    "DisclosureMethod",
    "IndexNumberSequence",
    "Topic",
    "organisation_code_validator",
]


class DisclosureCatalogPage(AbstractColumnPage):
    """政府信息公开目录: the site's policies and articles with a 公开类别, by category and topic, with 索引号.

    A column (home.models.AbstractColumnPage), so it keeps the column's category, update
    monitoring and place in the navigation; it lists its own site's items, not its sub-sites'
    (each sub-site publishes a catalogue of its own).
    """

    subpage_types = []

    class Meta:
        verbose_name = _("政府信息公开目录")
        verbose_name_plural = _("政府信息公开目录")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(self.site_home(), request))
        return context
