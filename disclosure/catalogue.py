"""The rows of a site's disclosure catalogue (政府信息公开目录) and its filters.

The catalogue lists two page types, policies and articles, in one listing
ordered by date. Rather than merging two querysets in Python, it queries the
base Page table joined to both (a page is at most one of them), so counting,
ordering and paging stay in the database and the number of queries does not
grow with the number of rows.
"""

from collections import defaultdict
from urllib.parse import urlencode

from django import forms
from django.apps import apps
from django.db.models import Count, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from disclosure.metadata import DisclosureCategory, Topic
from govcms.core.tree import paginate, under_any_of
from govcms.core.wording import join_words

# The page types carrying DisclosureFields, by the name of their link to Page, with the field holding their date.
DATE_FIELDS = {"policypage": "publish_date", "articlepage": "date"}
FILTER_PARAMETERS = ("category", "topic")


class CatalogueFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("公开类别"), required=False)
    topic = forms.ModelChoiceField(
        label=_("主题分类"), queryset=Topic.objects.all(), required=False, empty_label=_("全部主题")
    )

    def __init__(self, data):
        super().__init__(data)
        self.fields["category"].choices = [("", _("全部")), *DisclosureCategory.choices]

    def valid_filters(self):
        """The filters that validated; a value that does not apply is ignored rather than refused."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned[name] for name in FILTER_PARAMETERS if name not in self.errors and cleaned.get(name)}


def coalesced(field):
    return Coalesce(*[f"{link}__{field}" for link in DATE_FIELDS])


def catalogue_entries(home):
    """Live, public policies and articles of `home`'s own site (not its sub-sites) that have a 公开类别.

    Each is a plain Page annotated with its index_number, category, published_on and source.
    """
    pages = Page.objects.live().public().descendant_of(home).exclude(under_any_of(home.subsite_paths()))
    has_category = Q(_connector=Q.OR, **{f"{link}__disclosure_category__gt": "" for link in DATE_FIELDS})
    return pages.filter(has_category).annotate(
        index_number=coalesced("index_number"),
        category=coalesced("disclosure_category"),
        published_on=Coalesce(*[f"{link}__{field}" for link, field in DATE_FIELDS.items()]),
        source=Coalesce("articlepage__source", Value("")),
    )


def with_topic(entries, topic):
    return entries.filter(Q(_connector=Q.OR, **{f"{link}__topics": topic for link in DATE_FIELDS}))


def category_counts(entries):
    """{category: number of entries}, in one grouped query."""
    return dict(entries.order_by().values_list("category").annotate(count=Count("pk")))


def label_rows(rows):
    """Give each row of one listing page its category label and issuer: the policy's 发文机关, else the source."""
    policy_bodies = apps.get_model("policy", "PolicyPage").issuing_bodies.through.objects
    bodies = policy_bodies.filter(policypage_id__in=[row.pk for row in rows]).order_by(
        "issuingbody__sort_order", "issuingbody__name"
    )
    names = defaultdict(list)
    for policy_id, name in bodies.values_list("policypage_id", "issuingbody__name"):
        names[policy_id].append(name)
    labels = dict(DisclosureCategory.choices)
    for row in rows:
        row.category_label = labels.get(row.category, "")
        row.issuer = join_words(names[row.pk]) or row.source


def filter_query(filters):
    """The canonical query string of a filter combination: fixed order, empty values dropped."""
    pairs = [(name, getattr(filters[name], "pk", filters[name])) for name in FILTER_PARAMETERS if filters.get(name)]
    return urlencode(pairs)


def category_tabs(counts, filters):
    """(label, count, query string, is current) for 全部 and each 公开类别, keeping the topic filter."""
    current = filters.get("category", "")
    tabs = [(_("全部"), sum(counts.values()), filter_query({**filters, "category": ""}), current == "")]
    for value, label in DisclosureCategory.choices:
        query = filter_query({**filters, "category": value})
        tabs.append((label, counts.get(value, 0), query, current == value))
    return tabs


def catalogue_context(home, request):
    """Everything the catalogue template shows, for `home`'s site and the request's filters."""
    form = CatalogueFilterForm(request.GET)
    filters = form.valid_filters()
    entries = catalogue_entries(home)
    if "topic" in filters:
        entries = with_topic(entries, filters["topic"])
    counts = category_counts(entries)
    if "category" in filters:
        entries = entries.filter(category=filters["category"])
    rows = paginate(request, entries.order_by("-published_on", "-pk"))
    label_rows(rows)
    tabs = category_tabs(counts, filters)
    return {
        "filter_form": form,
        "filters": filters,
        "filter_query": filter_query(filters),
        "category_tabs": tabs,
        "current_label": next(label for label, _count, _query, is_current in tabs if is_current),
        "entries": rows,
    }
