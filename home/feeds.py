"""RSS for a column: its latest articles, as the column lists them (aggregated and adopted ones included)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.translation import gettext as _

FEED_SIZE = 20


class ColumnFeed(Feed):
    """Links are absolute (full_url); the syndication framework escapes every field."""

    def get_object(self, request, column):
        return column

    def title(self, column):
        home = column.site_home()
        return f"{home.title} {column.title}" if home is not None else column.title

    def link(self, column):
        return column.full_url

    def description(self, column):
        return _("%(column)s：最新发布的信息。") % {"column": column.title}

    def items(self, column):
        return column.listed_articles()[:FEED_SIZE]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_link(self, article):
        # full_url, not the request's: an aggregated sub-site's article links to the sub-site's own hostname.
        return article.full_url

    def item_pubdate(self, article):
        # The date the article shows, at the start of that day where the site is.
        return datetime.datetime.combine(article.date, datetime.time.min, tzinfo=timezone.get_current_timezone())
