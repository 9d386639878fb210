"""The 意见征集 list (ConsultationIndexPage) and its RSS: open ones first, closing soonest first, then the
upcoming ones, opening soonest first, then the closed and answered ones, newest first — ordered in SQL, so
the list is paginated and costs the same number of queries whatever it lists."""

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from govcms.core.tree import SiteIndex, paginate
from home.feeds import FEED_SIZE, ColumnFeed

OPEN, UPCOMING, PAST = 0, 1, 2


def ordered(consultations, now):
    """`consultations` open first (by closes_at), then upcoming (by opens_at), then the rest, newest first."""
    group = Case(
        When(Q(opens_at__lte=now, closes_at__gt=now), then=Value(OPEN)),
        When(opens_at__gt=now, then=Value(UPCOMING)),
        default=Value(PAST),
        output_field=IntegerField(),
    )
    soonest = Case(
        When(listed_group=OPEN, then=F("closes_at")),
        When(listed_group=UPCOMING, then=F("opens_at")),
    )
    newest = Case(When(listed_group=PAST, then=F("closes_at")))
    return consultations.annotate(listed_group=group).order_by(
        "listed_group", soonest.asc(nulls_last=True), newest.desc(nulls_last=True), "-pk"
    )


def marked(request, consultations, now, sites, own_site):
    """The rows with their state (computed from their own fields: no query), their address and, for one of a
    site below `own_site`, that site's name (and its own host's address: the portal's tree holds it too)."""
    rows = list(consultations)
    for consultation in rows:
        site = sites.site_for_path(consultation.path)
        other_site = site is not None and site != own_site
        consultation.listed_state = consultation.state(now)
        consultation.other_site_title = site.title if other_site else ""
        consultation.listed_url = consultation.full_url if other_site else consultation.get_url(request)
    return rows


def listing_context(request, index, now):
    consultations = index.listed_consultations().select_related("kind")
    listed = paginate(request, ordered(consultations, now))
    sites = SiteIndex()
    listed.object_list = marked(request, listed.object_list, now, sites, sites.site_for_path(index.path))
    return {"consultations": listed}


class ConsultationFeed(ColumnFeed):
    """The list's latest consultations, newest opening first (a column's feed, home.feeds, of consultations)."""

    def description(self, column):
        return _("%(column)s：最新发布的意见征集。") % {"column": column.title}

    def items(self, column):
        return column.listed_consultations().select_related("kind").order_by("-opens_at", "-pk")[:FEED_SIZE]

    def item_description(self, consultation):
        opens = timezone.localtime(consultation.opens_at)
        closes = timezone.localtime(consultation.closes_at)
        period = _("征集期：%(opens)s 至 %(closes)s") % {
            "opens": opens.strftime("%Y-%m-%d %H:%M"),
            "closes": closes.strftime("%Y-%m-%d %H:%M"),
        }
        return f"{consultation.summary}\n{period}"

    def item_pubdate(self, consultation):
        return consultation.opens_at
