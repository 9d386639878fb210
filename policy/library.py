"""The policy library's filters (发文机关, 主题分类, 年份, 有效性, 公开类别, 文号).

Each filter is a plain GET parameter, so every combination has a stable URL
that can be bookmarked, linked from another site or subscribed to as RSS.
A value that does not apply (a deleted topic, a year typed by hand) is
reported on the form and ignored rather than answered with an error page.
"""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from disclosure.models import DisclosureCategory, Topic
from policy.document_numbers import MAX_LENGTH, normalise_document_number
from policy.models import Validity

FILTER_PARAMETERS = ("body", "topic", "year", "validity", "category", "number")


class PolicyFilterForm(forms.Form):
    body = forms.ModelChoiceField(label=_("发文机关"), queryset=None, required=False, empty_label=_("全部"))
    topic = forms.ModelChoiceField(
        label=_("主题分类"), queryset=Topic.objects.all(), required=False, empty_label=_("全部")
    )
    year = forms.TypedChoiceField(label=_("发布年份"), coerce=int, required=False, empty_value=None)
    validity = forms.ChoiceField(label=_("有效性"), required=False)
    category = forms.ChoiceField(label=_("公开类别"), required=False)
    number = forms.CharField(label=_("文号"), max_length=MAX_LENGTH, required=False)

    def __init__(self, data, *, bodies, years):
        super().__init__(data)
        self.fields["body"].queryset = bodies
        all_option = [("", _("全部"))]
        self.fields["year"].choices = all_option + [(year, str(year)) for year in years]
        self.fields["validity"].choices = all_option + list(Validity.choices)
        self.fields["category"].choices = all_option + list(DisclosureCategory.choices)

    def clean_number(self):
        return normalise_document_number(self.cleaned_data["number"])

    def valid_filters(self):
        """The filters that validated, by parameter name; invalid ones are left out."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned[name] for name in FILTER_PARAMETERS if name not in self.errors and cleaned.get(name)}


def apply_filters(policies, filters):
    if "body" in filters:
        policies = policies.filter(issuing_bodies=filters["body"])
    if "topic" in filters:
        policies = policies.filter(topics=filters["topic"])
    if "year" in filters:
        policies = policies.filter(publish_date__year=filters["year"])
    if "validity" in filters:
        policies = policies.filter(validity=filters["validity"])
    if "category" in filters:
        policies = policies.filter(disclosure_category=filters["category"])
    if "number" in filters:
        policies = policies.filter(document_number__contains=filters["number"])
    return policies.distinct()


def filter_query_string(filters):
    """The canonical query string of a filter combination: fixed order, empty values dropped."""
    pairs = [(name, getattr(filters[name], "pk", filters[name])) for name in FILTER_PARAMETERS if name in filters]
    return urlencode(pairs)
