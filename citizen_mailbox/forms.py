"""Public forms: the pattern later public forms copy.

Every field is length-limited and validated server side; the captcha is
citizen_mailbox.captchas' offline arithmetic challenge, as an image and as text; the view adds CSRF, a
per-client rate limit and a single transaction, so a failed submission stores
nothing and shows the citizen what they typed with a clear message.
"""

import re

from captcha.fields import CaptchaField, CaptchaTextInput
from captcha.models import CaptchaStore
from django import forms
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from citizen_mailbox import captchas

CONTENT_MAX_LENGTH = 3000
ATTACHMENT_MAX_SIZE = 10 * 1024 * 1024

# Extension → the file signatures that may start such a file (checked, since extensions lie).
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office
_ZIP = b"PK\x03\x04"  # Office Open XML
ATTACHMENT_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "doc": (_OLE,),
    "docx": (_ZIP,),
}

# Characters that have no place in what a citizen types: C0 and C1 controls and DEL, Unicode line and paragraph
# separators, and the bidirectional overrides that make text read differently from what it holds.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")


def single_line(text):
    """The text on one line: every control character a space, runs of spaces one. For names, subjects, headers."""
    return " ".join(_CONTROL.sub(" ", text or "").split())


def multi_line(text):
    """The text with its line breaks as "\n" and no other control character (tabs become spaces)."""
    lines = _LINE_BREAK.sub("\n", text or "").split("\n")
    return "\n".join(_CONTROL.sub(" ", line).rstrip() for line in lines).strip()


class SingleLineField(forms.CharField):
    """A text input kept on one line, so no stored value can break a mail header, a CSV row or a log line."""

    def to_python(self, value):
        return single_line(super().to_python(value))


class MultiLineField(forms.CharField):
    """A text area with plain line breaks and no control characters."""

    def to_python(self, value):
        return multi_line(super().to_python(value))


_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$")


def normalise_phone(value):
    """Spaces dropped; a mobile number also loses its +86 prefix and hyphens."""
    value = re.sub(r"\s", "", value or "")
    digits = value.replace("-", "")
    if _MOBILE.match(digits):
        return digits[-11:]
    return value


def validate_phone(value):
    if not (_MOBILE.match(value) or _LANDLINE.match(value)):
        raise forms.ValidationError(
            _("请填写有效的手机号码（11位，如13812345678）或固定电话（含区号，如010-12345678）。"), code="phone"
        )


def validate_attachment(upload):
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ATTACHMENT_SIGNATURES:
        raise forms.ValidationError(_("附件只能是PDF、JPG、PNG、DOC或DOCX文件。"), code="type")
    if upload.size > ATTACHMENT_MAX_SIZE:
        raise forms.ValidationError(
            _("附件不能超过%(limit)s。") % {"limit": filesizeformat(ATTACHMENT_MAX_SIZE)}, code="size"
        )
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in ATTACHMENT_SIGNATURES[extension]):
        raise forms.ValidationError(_("附件内容与文件类型不符。"), code="content")


class AccessibleCaptchaInput(CaptchaTextInput):
    """The captcha as an image and a text question, a 看不清，换一张 button, and an answer box described by both.

    The template (mailbox/widgets/captcha.html) states the DOM contract the browser tests rely on."""

    template_name = "mailbox/widgets/captcha.html"
    status = ""  # what the live region beside the captcha says when the page is shown (PublicForm.refreshed)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        store = CaptchaStore.objects.get(hashkey=self._key)
        context["captcha"] = captchas.challenge_data(store)
        context["refresh_url"] = reverse("captcha-new")
        question_id = f"{self.id_}_question"
        context["question_id"] = question_id
        context["status"] = self.status
        # Descriptions and required belong to the answer box, not to the hidden key beside it; nor does autocomplete
        # (HTML allows no autocomplete="off" on a hidden input).
        for subwidget in context["widget"]["subwidgets"]:
            if subwidget["type"] == "hidden":
                subwidget["attrs"] = {k: v for k, v in subwidget["attrs"].items() if k == "id"}
            else:
                described_by = " ".join(filter(None, [question_id, subwidget["attrs"].get("aria-describedby")]))
                subwidget["attrs"].update(
                    {"inputmode": "numeric", "size": 6, "maxlength": 6, "aria-describedby": described_by}
                )
        return context


class AccessibleCaptchaField(CaptchaField):
    """The captcha answer read as digits, whether typed full width or as Chinese numerals (十二)."""

    def clean(self, value):
        if value and len(value) > 1:
            value = [value[0], captchas.normalise_answer(value[1]), *value[2:]]
        return super().clean(value)


# A tag opening or closing (<b>, </p>, <script, <!-- , <?php): what a browser would read as markup. What the
# public types is always shown as text; a tag in it is refused so that nobody is told their text was kept as typed.
MARKUP = re.compile(r"<[a-zA-Z!/?]")


def refuse_markup(value):
    if MARKUP.search(value or ""):
        raise forms.ValidationError(_("请只填写文字，不要包含网页代码（如 <script>、<b> 等标签）。"), code="markup")


class PublicForm(forms.Form):
    """Shared behaviour of public forms: an arithmetic captcha and error messages in plain Chinese.

    REFRESH is the name of the captcha's 看不清，换一张 submit button: a form posted with it is not submitted
    but shown again with what the citizen typed and a new captcha (refreshed)."""

    REFRESH = "captcha_refresh"

    captcha = AccessibleCaptchaField(
        label=_("验证码"),
        help_text=_("请算出下面题目（图片中是同一道算式）的得数，用数字填写，如 9。"),
        widget=AccessibleCaptchaInput,
        error_messages={
            "invalid": _("验证码答案不正确，请按新的题目重新填写。"),
            "required": _("请填写验证码。"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.required and name != "captcha":
                field.error_messages["required"] = _("请填写%(label)s。") % {"label": field.label}

    @classmethod
    def refreshed(cls, data, files=None, **kwargs):
        """An unbound form showing what was posted (files aside, which a page cannot send back), so it has a
        new captcha and no error messages."""
        posted = cls(data, files, **kwargs)
        initial = {
            field.name: field.data
            for field in posted
            if field.name != "captcha" and not isinstance(field.field, forms.FileField)
        }
        form = cls(initial=initial, **kwargs)
        status = _("已换一道新题，您填写的内容已保留。")
        if files:
            status = _("已换一道新题，您填写的内容已保留，附件请重新选择。")
        form.fields["captcha"].widget.status = status
        return form


class MessageForm(PublicForm):
    channel = forms.ModelChoiceField(label=_("信件类别"), queryset=None, empty_label=None, widget=forms.RadioSelect)
    name = SingleLineField(label=_("姓名"), max_length=30, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("手机号码或带区号的固定电话，仅用于工作人员联系您，不会公开。"),
    )
    email = forms.EmailField(
        label=_("电子邮箱（选填）"),
        required=False,
        max_length=254,
        help_text=_("填写后，回执和答复会发送到该邮箱。"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("请填写有效的电子邮箱地址，如 name@example.com。")},
    )
    subject = SingleLineField(label=_("标题"), max_length=100)
    content = MultiLineField(
        label=_("内容"),
        max_length=CONTENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("不超过%(max)d字。请勿在内容中填写身份证号等个人信息。") % {"max": CONTENT_MAX_LENGTH},
    )
    attachment = forms.FileField(
        label=_("附件（选填）"),
        required=False,
        help_text=_("PDF、JPG、PNG、DOC或DOCX文件，不超过10MB。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.doc,.docx"}),
    )
    consent_to_publish = forms.BooleanField(
        label=_("同意公开"),
        required=False,
        help_text=_("同意后，来信和答复可能在网站公开，姓名和联系方式不会公开。"),
    )
    field_order = ["channel", "name", "phone", "email", "subject", "content", "attachment", "consent_to_publish"]

    def __init__(self, *args, mailbox, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = mailbox.channels.all()
        self.fields["channel"].error_messages["invalid_choice"] = _("请选择信件类别。")
        self.fields["channel"].error_messages["required"] = _("请选择信件类别。")
        for name, limit in (("name", 30), ("subject", 100), ("content", CONTENT_MAX_LENGTH)):
            self.fields[name].error_messages["max_length"] = _("%(label)s不能超过%(limit)d个字。") % {
                "label": self.fields[name].label,
                "limit": limit,
            }

    def clean_phone(self):
        phone = normalise_phone(self.cleaned_data["phone"])
        validate_phone(phone)
        return phone

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            validate_attachment(upload)
            upload.name = single_line(upload.name)  # shown in the admin and sent as a download's file name
        return upload

    def clean_content(self):
        content = self.cleaned_data["content"].strip()
        if len(content) < 5:
            raise forms.ValidationError(_("内容太短，请把事情说清楚。"))
        return content


class LookupForm(PublicForm):
    tracking_code = SingleLineField(
        label=_("查询码"),
        max_length=20,
        help_text=_("提交来信后页面上显示的12位字母和数字。"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
    # Shown again after a wrong captcha or a new one, so the citizen need not retype it; the page is never cached.
    password = forms.CharField(
        label=_("查询密码"),
        max_length=30,
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    field_order = ["tracking_code", "password"]

    def clean_tracking_code(self):
        return self.cleaned_data["tracking_code"].strip().upper()
