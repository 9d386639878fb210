"""Forms of 信息报送: choosing the column to submit to, and deciding on a submission."""

from django import forms
from django.utils.translation import gettext_lazy as _

from govcms.core.tree import SiteIndex
from release.publishing.forms import reason_field
from submissions.models import Status, Submission

ADOPT = "adopt"
RETURN = "return"


class SubmitForm(forms.Form):
    """The target column, among those `handling.target_columns` offers (a posted id outside them is refused)."""

    target = forms.ModelChoiceField(
        label=_("报送栏目"),
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("不能向该栏目报送。"), "required": _("请选择报送栏目。")},
    )

    def __init__(self, *args, article, columns, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.fields["target"].queryset = columns
        sites = SiteIndex()
        self.fields["target"].label_from_instance = lambda column: (
            f"{sites.site_for_path(column.path).title} · {column.title}"
        )

    def clean_target(self):
        target = self.cleaned_data["target"]
        if Submission.objects.filter(article=self.article, target=target).exclude(status=Status.RETURNED).exists():
            raise forms.ValidationError(_("本文已报送到该栏目，请勿重复报送。"))
        return target


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("处理结果"),
        choices=[(ADOPT, _("采用")), (RETURN, _("退回"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择采用或退回。")},
    )
    reason = reason_field(_("退回理由"), _("退回时必填，将通知报送人。"), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == RETURN and not cleaned.get("reason"):
            self.add_error("reason", _("退回时请填写退回理由。"))
        return cleaned
