"""The audit items of a site's scorecard, in display order, and how each turns into points.

Veto items (单项否决, 国办秘函〔2019〕19号) fail the site whatever its score. The others cost points
from 100 (each occurrence `points` up to `cap`); a score under 60 fails too. docs/monitoring.md says
where each line and figure comes from.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

PASSING_SCORE = 60


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    veto: bool = False
    points: int = 0
    cap: int = 0

    def deduction(self, count):
        return min(count * self.points, self.cap)


HOME_UPDATE = Item("home_update", _("首页更新"), veto=True)
STALE_COLUMNS = Item("stale_columns", _("栏目更新（动态要闻、通知公告、政策文件）"), veto=True, points=2, cap=20)
UNUPDATED_COLUMNS = Item("unupdated_columns", _("应更未更栏目"), veto=True, points=1, cap=10)
BLANK_COLUMNS = Item("blank_columns", _("空白栏目"), veto=True, points=2, cap=10)
LETTERS_OVER_THREE_MONTHS = Item("letters_over_three_months", _("政务咨询超过三个月未答复"), veto=True)
CHANNELS = Item("channels", _("互动交流渠道与办事服务"), veto=True)
OVERDUE_LETTERS = Item("overdue_letters", _("来信超期未答复"), points=2, cap=20)
PENDING_INTERPRETATIONS = Item("pending_interpretations", _("重大政策超期未解读"), points=2, cap=10)
OVERDUE_INTERVIEW_ANSWERS = Item("overdue_interview_answers", _("访谈提问超期未答复"), points=1, cap=5)
ERROR_REPORTS = Item("error_reports", _("网站找错超期未答复"), points=3, cap=30)
BROKEN_LINKS = Item("broken_links", _("失效链接"), points=1, cap=10)
CONSULTATION_FEEDBACK = Item("consultation_feedback", _("意见征集超期未反馈"), points=2, cap=10)

ITEMS = (
    HOME_UPDATE,
    STALE_COLUMNS,
    UNUPDATED_COLUMNS,
    BLANK_COLUMNS,
    LETTERS_OVER_THREE_MONTHS,
    CHANNELS,
    OVERDUE_LETTERS,
    PENDING_INTERPRETATIONS,
    OVERDUE_INTERVIEW_ANSWERS,
    ERROR_REPORTS,
    BROKEN_LINKS,
    CONSULTATION_FEEDBACK,
)
ITEMS_BY_KEY = {item.key: item for item in ITEMS}
