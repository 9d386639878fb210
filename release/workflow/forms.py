from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm


class RequestChangesForm(TaskStateCommentForm):
    """Sending a page back needs a comment: the author must know what to change."""

    comment = forms.CharField(
        label=_("修改意见"),
        max_length=1000,
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("请填写修改意见，说明需要修改的内容。")},
    )
