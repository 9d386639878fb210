from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkdayOverride(models.Model):
    """One day whose status differs from the holidays library: the State Council's schedule wins.

    The schedule for a year is published in the November before it, so a
    platform administrator enters it here when the installed `holidays`
    release does not yet know it. Any override in a year also marks that year
    as having official data (see `workdays.calendar.has_official_data`).
    """

    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(_("上班"), help_text=_("勾选：当天上班（调休）；不勾选：当天放假。"))
    note = models.CharField(_("说明"), max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")

    def __str__(self):
        status = _("上班") if self.is_working_day else _("放假")
        return f"{self.date:%Y-%m-%d} {status} {self.note}".strip()
