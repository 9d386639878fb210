"""Public forms of monitoring: 我为政府网站找错 and 这条信息对您有帮助吗 (the platform's public-form pattern,
citizen_mailbox.forms.PublicForm: offline captcha, lengths checked server side, plain Chinese messages).

A report's page address must be an address of this platform: a path on the site ("/zwgk/...") or an http(s)
URL on one of the platform's hostnames (wagtail Site records). It is stored trimmed; anything else (another
host, "javascript:", "//host/") is refused with a message, so the admin never links outside the platform.
"""

from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from citizen_mailbox.forms import MultiLineField, PublicForm, SingleLineField, refuse_markup
from monitoring.models import (
    CONTACT_MAX_LENGTH,
    DESCRIPTION_MAX_LENGTH,
    FEEDBACK_COMMENT_MAX_LENGTH,
    PAGE_URL_MAX_LENGTH,
    ProblemType,
)


def platform_hostnames():
    return {hostname.lower() for hostname in Site.objects.values_list("hostname", flat=True)}


def platform_url(value):
    """`value` trimmed when it is an address on this platform, else None."""
    value = (value or "").strip()
    if not value or len(value) > PAGE_URL_MAX_LENGTH or any(ord(char) < 32 or char.isspace() for char in value):
        return None
    if value.startswith("/"):
        return None if value.startswith("//") or value.startswith("/\\") else value
    try:
        parts = urlsplit(value)
        hostname = parts.hostname
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not hostname or parts.username or parts.password:
        return None
    return value if hostname.lower() in platform_hostnames() else None


def _length_messages(form, labels):
    for name, label in labels:
        form.fields[name].error_messages["max_length"] = _("%(label)s不能超过%(limit)d个字。") % {
            "label": label,
            "limit": form.fields[name].max_length,
        }


class ErrorReportForm(PublicForm):
    page_url = forms.CharField(
        label=_("页面地址（选填）"),
        required=False,
        max_length=PAGE_URL_MAX_LENGTH,
        help_text=_("发现问题的页面网址，须为本网站的网址。"),
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url"}),
    )
    problem_type = forms.ChoiceField(
        label=_("问题类型"),
        choices=ProblemType.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("请从列出的问题类型中选择一项。")},
    )
    description = MultiLineField(
        label=_("问题描述"),
        max_length=DESCRIPTION_MAX_LENGTH,
        validators=[refuse_markup],
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("不超过%(max)d字。请说明错误所在的位置和内容。") % {"max": DESCRIPTION_MAX_LENGTH},
    )
    contact = SingleLineField(
        label=_("联系方式（选填）"),
        required=False,
        max_length=CONTACT_MAX_LENGTH,
        validators=[refuse_markup],
        help_text=_("手机号码或电子邮箱，仅供工作人员核实情况，不会公开。"),
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    field_order = ["page_url", "problem_type", "description", "contact"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem_type"].error_messages["required"] = _("请选择问题类型。")
        _length_messages(
            self, (("page_url", _("页面地址")), ("description", _("问题描述")), ("contact", _("联系方式")))
        )

    def clean_page_url(self):
        value = self.cleaned_data["page_url"].strip()
        if not value:
            return ""
        url = platform_url(value)
        if url is None:
            raise forms.ValidationError(
                _("页面地址须为本网站的网址（如 /zwgk/ 或 https://本站域名/...），请检查后重新填写。"), code="foreign"
            )
        return url


class FeedbackForm(PublicForm):
    helpful = forms.TypedChoiceField(
        label=_("这条信息对您有帮助吗？"),
        choices=(("1", _("有帮助")), ("0", _("没帮助"))),
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("请选择“有帮助”或“没帮助”。"),
            "invalid_choice": _("请选择“有帮助”或“没帮助”。"),
        },
    )
    comment = MultiLineField(
        label=_("意见建议（选填）"),
        required=False,
        max_length=FEEDBACK_COMMENT_MAX_LENGTH,
        validators=[refuse_markup],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("不超过%(max)d字。请勿填写身份证号、电话等个人信息。") % {"max": FEEDBACK_COMMENT_MAX_LENGTH},
    )
    field_order = ["helpful", "comment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["helpful"].error_messages["required"] = _("请选择“有帮助”或“没帮助”。")
        _length_messages(self, (("comment", _("意见建议")),))
