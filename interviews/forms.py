"""The public 我要提问 form: the platform's public-form pattern (citizen_mailbox.forms.PublicForm).

Questions are plain text. Text that looks like markup (a tag such as <script> or <b>) is refused with a
clear message rather than stored: a question is shown on the public page once adopted, and a moderator
should never have to read code. Everything shown is escaped anyway, so a "<" that slips through as text
(收入<3000元) is harmless.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from citizen_mailbox.forms import MultiLineField, PublicForm, SingleLineField, refuse_markup
from interviews.models import CONTACT_MAX_LENGTH, NICKNAME_MAX_LENGTH, QUESTION_MAX_LENGTH

# Shown for a question asked without a nickname.
DEFAULT_NICKNAME = _("网友")


class QuestionForm(PublicForm):
    nickname = SingleLineField(
        label=_("网名（选填）"),
        required=False,
        max_length=NICKNAME_MAX_LENGTH,
        help_text=_("提问被采用后随问题公开；不填写则显示为“网友”。"),
        validators=[refuse_markup],
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    text = MultiLineField(
        label=_("问题"),
        max_length=QUESTION_MAX_LENGTH,
        validators=[refuse_markup],
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("不超过%(max)d字。问题经审核后公开，请勿填写身份证号、电话等个人信息。")
        % {"max": QUESTION_MAX_LENGTH},
    )
    contact = SingleLineField(
        label=_("联系方式（选填）"),
        required=False,
        max_length=CONTACT_MAX_LENGTH,
        validators=[refuse_markup],
        help_text=_("手机号码或电子邮箱，仅供工作人员联系您，不会公开。"),
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    field_order = ["nickname", "text", "contact"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in (("nickname", _("网名")), ("text", _("问题")), ("contact", _("联系方式"))):
            self.fields[name].error_messages["max_length"] = _("%(label)s不能超过%(limit)d个字。") % {
                "label": label,
                "limit": self.fields[name].max_length,
            }

    def clean_nickname(self):
        return self.cleaned_data["nickname"] or str(DEFAULT_NICKNAME)
