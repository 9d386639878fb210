"""The public search form. Anything invalid is ignored rather than refused: a search always answers."""

from django import forms
from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from govcms.core.widgets import OptionsInPythonSelect
from govcms.core.wording import stays_chinese
from home.templatetags.navigation_tags import bcp47
from search.engine import max_result_pages
from search.registry import type_keys, type_label

MAX_QUERY_LENGTH = 100


class Scope:
    SITE = "site"
    GROUP = "group"


class NameSelect(OptionsInPythonSelect):
    """A select of synchronised names (发文机关), which stay Chinese on a translated page: such an option is marked
    lang="zh-Hans", as the mark_chinese filter marks them in text, so a screen reader reads it as Chinese."""

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        if stays_chinese(option["label"]):
            option["attrs"]["lang"] = bcp47(settings.LANGUAGE_CODE)
        return option


class SearchForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False)
    scope = forms.ChoiceField(
        label=_("范围"),
        required=False,
        choices=[(Scope.SITE, _("本站")), (Scope.GROUP, _("全站群"))],
        widget=forms.RadioSelect,
    )
    type = forms.ChoiceField(label=_("类型"), required=False, widget=OptionsInPythonSelect)
    site = forms.TypedChoiceField(
        label=_("站点"), required=False, coerce=int, empty_value=None, widget=OptionsInPythonSelect
    )
    date_from = forms.DateField(label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    issuing_body = forms.ChoiceField(label=_("发文机关"), required=False, widget=NameSelect)
    validity = forms.ChoiceField(label=_("有效性"), required=False, widget=OptionsInPythonSelect)
    sort = forms.ChoiceField(
        label=_("排序"),
        required=False,
        choices=[("relevance", _("按相关度")), ("date", _("按日期"))],
        widget=OptionsInPythonSelect,
    )

    def __init__(self, data, sites, issuing_bodies):
        super().__init__(data)
        # The pages the paginator may link (search.views caps it the same way): the bound is a setting.
        self.fields["page"] = forms.IntegerField(required=False, min_value=1, max_value=max_result_pages())
        everything = [("", _("全部"))]
        self.fields["type"].choices = everything + [(key, type_label(key)) for key in type_keys()]
        self.fields["site"].choices = everything + [(site.pk, site.title) for site in sites]
        self.fields["issuing_body"].choices = everything + [(name, name) for name in issuing_bodies]
        self.fields["validity"].choices = everything + validity_choices()

    def clean_q(self):
        # Long pastes are cut, not refused: the first words are what the reader is after.
        return " ".join(self.cleaned_data["q"].split())[:MAX_QUERY_LENGTH]

    def value(self, name, default=None):
        """The cleaned value of one field, or `default` when it was missing or invalid."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        value = self.cleaned_data.get(name)
        return default if value in (None, "") else value


def validity_choices():
    try:
        field = apps.get_model("policy", "PolicyPage")._meta.get_field("validity")
    except LookupError:
        return []
    return list(field.choices or [])


def issuing_body_names():
    try:
        model = apps.get_model("policy", "IssuingBody")
    except LookupError:
        return []
    return list(model.objects.order_by("name").values_list("name", flat=True).distinct())
