"""The public comment form of a consultation (意见征集): the platform's public-form pattern
(citizen_mailbox.forms.PublicForm: offline captcha, lengths checked server side, plain Chinese messages).

The section a comment points to is a choice among the draft's own sections, checked here on the server: a
number the draft has not is refused with a message, never stored."""

from django import forms
from django.utils.translation import gettext_lazy as _

from citizen_mailbox.forms import MultiLineField, PublicForm, SingleLineField, refuse_markup
from consultations.models import COMMENT_MAX_LENGTH, CONTACT_MAX_LENGTH, NAME_MAX_LENGTH


def section_label(number, heading):
    label = _("第%(number)d条") % {"number": number}
    return f"{label} {heading}" if heading else str(label)


class CommentForm(PublicForm):
    name = SingleLineField(
        label=_("姓名（选填）"),
        required=False,
        max_length=NAME_MAX_LENGTH,
        validators=[refuse_markup],
        help_text=_("意见公开时只显示姓氏。"),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact = SingleLineField(
        label=_("联系方式（选填）"),
        required=False,
        max_length=CONTACT_MAX_LENGTH,
        validators=[refuse_markup],
        help_text=_("手机号码或电子邮箱，仅供工作人员联系您，不会公开。"),
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    section = forms.TypedChoiceField(
        label=_("针对条款（选填）"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("请从征求意见稿的条款中选择。")},
    )
    content = MultiLineField(
        label=_("意见内容"),
        max_length=COMMENT_MAX_LENGTH,
        validators=[refuse_markup],
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("不超过%(max)d字。意见可能经审核后公开，请勿填写身份证号、电话等个人信息。")
        % {"max": COMMENT_MAX_LENGTH},
    )
    field_order = ["section", "content", "name", "contact"]

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("整体意见（不针对具体条款）"))] + [
            (str(number), section_label(number, heading)) for number, heading in sections
        ]
        for name, label in (("name", _("姓名")), ("contact", _("联系方式")), ("content", _("意见内容"))):
            self.fields[name].error_messages["max_length"] = _("%(label)s不能超过%(limit)d个字。") % {
                "label": label,
                "limit": self.fields[name].max_length,
            }
