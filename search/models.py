"""The public search index (one row per live page) and the record of what the public searched for.

SearchDocument holds a page's text already segmented by jieba, next to the facts search filters on
(language, site, type, date, 发文机关, 有效性), so a search is one query on one table. The full text
index over it is created by the migrations per database: a generated tsvector column with a GIN index
on PostgreSQL, an FTS5 table kept in step by triggers on SQLite. With Elasticsearch the rows are
indexed there too (see search.backends).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelsearch import index
from wagtail.models import Locale, Page, Site

from search.segment import index_tokens

MAX_STORED_TEXT = 20_000


# The text is segmented already: the analyzer only needs to split on spaces (see search.backends).
ELASTICSEARCH_FIELDS = [
    index.SearchField("title_tokens", boost=4, es_extra={"analyzer": "govcms_segmented"}),
    index.SearchField("tokens", es_extra={"analyzer": "govcms_segmented"}),
    index.FilterField("locale_id"),
    index.FilterField("path"),
    index.FilterField("site_path"),
    index.FilterField("kind"),
    index.FilterField("date"),
    index.FilterField("validity"),
    index.FilterField("document_number_key"),
    index.FilterField("page_id"),
]


class SearchDocument(index.Indexed, models.Model):
    page = models.OneToOneField(Page, primary_key=True, on_delete=models.CASCADE, related_name="+")
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=255)
    site_path = models.CharField(max_length=255, db_index=True, help_text="Tree path of the page's own site home")
    kind = models.CharField(max_length=30)
    date = models.DateField(null=True, blank=True)
    title = models.CharField(max_length=255)
    text = models.TextField(blank=True, help_text="Plain text for snippets, truncated")
    title_tokens = models.TextField(blank=True)
    tokens = models.TextField(blank=True, help_text="Segmented words of everything but the title")
    document_number = models.CharField(max_length=100, blank=True)
    document_number_key = models.CharField(max_length=100, blank=True, db_index=True)
    issuing_bodies = models.CharField(max_length=500, blank=True, help_text="|name|name| for exact-name filtering")
    validity = models.CharField(max_length=20, blank=True)

    # Only Elasticsearch indexes these rows; the database engines query the table directly.
    search_fields = ELASTICSEARCH_FIELDS if getattr(settings, "ELASTICSEARCH_URL", "") else []

    class Meta:
        indexes = [models.Index(fields=["locale", "kind", "date"], name="search_doc_locale_kind_date")]

    def __str__(self):
        return self.title

    def set_text(self, title, body, keywords="", language=None):
        """`keywords` are searched like the body but not stored for snippets; `language` chooses the analysis
        (search.segment: jieba for the original language, words and stems for a foreign one)."""
        self.title = title[:255]
        self.text = body[:MAX_STORED_TEXT]
        self.title_tokens = index_tokens(title, language)
        self.tokens = index_tokens(f"{body} {keywords}" if keywords else body, language)


class QueryLog(models.Model):
    """How often a query was searched on a site on a day, and how often it found nothing (热词、零结果)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    query_string = models.CharField(max_length=100)
    date = models.DateField()
    hits = models.PositiveIntegerField(default=0)
    zero_result_hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "query_string", "date"], name="search_querylog_unique_day")
        ]
        verbose_name = _("搜索词记录")
        verbose_name_plural = _("搜索词记录")

    def __str__(self):
        return self.query_string
