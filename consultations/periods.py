"""The legal minimum comment periods of draft policies (意见征集), and whether a consultation keeps them.

规章 at least 30 days; 规范性文件 at least 7 working days, 30 days when it closely affects businesses; 重大行政
决策 at least 30 days, a shorter period only with a published explanation (docs/consultations.md cites the
rules). The kinds and their minimums are a table the platform keeps (ConsultationKind); these are its seeds.
"""

from dataclasses import dataclass

from django.utils import timezone

from workdays.calendar import working_days_between


@dataclass(frozen=True)
class MinimumPeriod:
    days: int
    working_days: bool

    def kept_by(self, opens_at, closes_at):
        """Whether the period from `opens_at` to `closes_at` is at least this long.

        Calendar days count whole days from the opening day (30 days open on 1 March: closes on 31 March
        or later); working days count the working days after the opening day up to the closing day."""
        opens_on, closes_on = timezone.localdate(opens_at), timezone.localdate(closes_at)
        if self.working_days:
            return working_days_between(opens_on, closes_on) >= self.days
        return (closes_on - opens_on).days >= self.days

    def describe(self):
        from django.utils.translation import gettext as _

        if self.working_days:
            return _("%(days)s个工作日") % {"days": self.days}
        return _("%(days)s日") % {"days": self.days}
