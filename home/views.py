"""Admin views of the home app: 从Word导入 (importing a Word file into an article's body)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govcms.core.admin_views import PageActionFormView
from home.forms import REPLACE, WordImportForm
from home.models import ArticlePage
from home.word_import import read_docx

IMPORT_ACTION = "home.import_word"


def can_import_word(user, page):
    """Whoever may edit the article (see `import_refusal` for when the import still cannot be saved)."""
    return isinstance(page, ArticlePage) and page.permissions_for_user(user).can_edit()


def import_refusal(user, page):
    """Why the import cannot be saved now, or None."""
    if page.workflow_in_progress:
        # A new revision would be approved by reviewers who never saw it; withdraw the submission first.
        return _("页面正在审核中，不能导入。请先撤回审核，导入并修改后重新提交。")
    lock = page.get_lock()
    if lock is not None and lock.for_user(user):
        return _("页面已被锁定，不能导入。")
    return None


class WordImportView(PageActionFormView):
    """Saves the imported body as a new draft revision: never published, the page then goes through review."""

    form_class = WordImportForm
    template_name = "home/admin/word_import.html"
    page_title = gettext_lazy("从Word导入")
    header_icon = "doc-full"
    submit_button_label = gettext_lazy("导入为草稿")

    def is_allowed(self, user, page):
        return can_import_word(user, page)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "refusal": import_refusal(self.request.user, self.page)}

    def form_valid(self, form):
        refusal = import_refusal(self.request.user, self.page)
        if refusal is not None:
            form.add_error(None, refusal)
            return self.form_invalid(form)
        try:
            imported = read_docx(form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        if not imported.blocks:
            form.add_error("file", _("文件中没有可导入的文字或表格。"))
            return self.form_invalid(form)
        draft = self.page.get_latest_revision_as_object()
        kept = [] if form.cleaned_data["mode"] == REPLACE else list(draft.body.raw_data)
        draft.body = kept + imported.blocks
        draft.save_revision(user=self.request.user, log_action=IMPORT_ACTION)
        message = _("已从Word导入%(count)d个内容块，保存为草稿，请检查后提交审核。") % {"count": len(imported.blocks)}
        if imported.skipped_images:
            message += _("文件中的%(images)d张图片未导入，请用图片块上传并填写图片说明。") % {
                "images": imported.skipped_images
            }
        return self.done(message)
