"""Forms of the publishing actions: each asks for the reason that goes into the page's history."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from release.models import REASON_MAX_LENGTH


def reason_field(label, help_text, required=True):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=REASON_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": format_lazy(_("请填写{label}。"), label=label)},
    )


class WithdrawForm(forms.Form):
    reason = reason_field(_("撤稿理由"), _("记入页面历史；勾选下方选项时也向访问原网址的公众显示。"))
    show_notice = forms.BooleanField(
        label=_("在原网址显示撤稿说明"),
        help_text=_("勾选后，原网址显示“该信息已于某日撤稿”及撤稿理由；不勾选则显示“页面不存在”。"),
        required=False,
        initial=True,
    )


class ForcePublishForm(forms.Form):
    reason = reason_field(
        _("强制发布理由"),
        _("说明为何不经审核流程直接发布。发布后页面标记为“未经审核发布”，直至审核人员补审通过。"),
    )


class PostReviewForm(forms.Form):
    comment = reason_field(_("补审意见"), _("可不填。"), required=False)
