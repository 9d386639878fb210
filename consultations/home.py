"""The home page's listing of a 意见征集 or 网上调查 column (home.blocks' `home_listing` protocol): open ones
first, closing soonest first, then upcoming, then past, in one query; each with its state and, while it is
open or upcoming, the date that matters next (its closing or opening date)."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from consultations.listings import ordered
from consultations.models import State, SurveyPage
from govcms.core.page_urls import full_url
from home.blocks import HomeItem


def caption(state, page):
    """The state of `page` with its next date, as one sentence (HomeItem.number, shown beside the title); a survey
    is 进行中 where a consultation is 征集中 (consultations/includes/survey_state.html)."""
    if state == State.OPEN and isinstance(page, SurveyPage):
        return _("进行中，%(date)s截止") % {"date": short_date(page.closes_at)}
    if state == State.OPEN:
        return _("征集中，%(date)s截止") % {"date": short_date(page.closes_at)}
    if state == State.UPCOMING:
        return _("未开始，%(date)s开始") % {"date": short_date(page.opens_at)}
    return State(state).label


def short_date(moment):
    return date_format(timezone.localdate(moment), "SHORT_DATE_FORMAT")


def home_items(pages, count, now, request):
    """HomeItems of the first `count` of `pages` (ConsultationPages or SurveyPages), open ones first."""
    return [
        HomeItem(title=page.title, url=full_url(page, request), number=caption(page.state(now), page))
        for page in ordered(pages, now)[:count]
    ]
