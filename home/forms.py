"""Admin forms of the home app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.word_import import check_docx

APPEND = "append"
REPLACE = "replace"


class WordImportForm(forms.Form):
    """从Word导入: a .docx file and whether it replaces the body or is added after it."""

    file = forms.FileField(
        label=_("Word文件"),
        help_text=_("仅限.docx格式，不超过10MB。标题、段落、列表和表格会被导入；图片请导入后用图片块添加。"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
        ),
        error_messages={"required": _("请选择要导入的Word文件。")},
    )
    mode = forms.ChoiceField(
        label=_("导入方式"),
        choices=[(APPEND, _("添加到现有正文之后")), (REPLACE, _("替换现有正文"))],
        initial=APPEND,
        widget=forms.RadioSelect,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".docx"):
            raise forms.ValidationError(_("这不是Word（.docx）文件。旧版.doc文件请先在Word中另存为.docx。"))
        check_docx(upload)
        return upload
