"""设置 → 征集类型: the kinds of draft put to the public and their legal minimum comment periods.

The platform keeps the table (the 系统管理员 holds its model permissions, sitegroup.platform): the law
changes rarely and for every site at once. Nobody is given the right to delete a kind: a consultation keeps
its kind (PROTECT) and the minimum it was held to; a kind no longer used is left unused.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.viewsets.model import ModelViewSet

from consultations.models import ConsultationKind


class ConsultationKindViewSet(ModelViewSet):
    model = ConsultationKind
    icon = "date"
    menu_label = _("征集类型")
    menu_order = 312
    add_to_settings_menu = True
    list_display = ["name", "minimum_text", "sort_order"]
    ordering = ["sort_order", "pk"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("minimum_days"), FieldPanel("working_days")]),
        FieldPanel("sort_order"),
    ]
