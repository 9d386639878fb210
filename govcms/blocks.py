"""StreamField blocks shared by every content page type.

Headings start at level 2 because the page title is the only <h1>.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.telepath import register
from wagtail.contrib.table_block.blocks import TableBlock, TableInput, TableInputAdapter
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link", "hr", "superscript", "subscript"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("标题文字"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("级别"),
        choices=[("h2", _("二级标题")), ("h3", _("三级标题")), ("h4", _("四级标题"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("小标题")
        template = "blocks/heading_block.html"

    def get_searchable_content(self, value):
        # The heading's words only: its level's label (二级标题) is not content and must not reach a search
        # snippet. (search_index=False on the ChoiceBlock would do the same but change every StreamField's
        # migration state.)
        return self.child_blocks["text"].get_searchable_content(value["text"])


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("图片"))
    caption = blocks.CharBlock(label=_("图注"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("图片")
        template = "blocks/figure_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("文件"))
    title = blocks.CharBlock(label=_("显示名称"), required=False, max_length=200, help_text=_("留空则使用文件标题"))

    class Meta:
        icon = "doc-full"
        label = _("文件链接")
        template = "blocks/document_link_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("引文"))
    attribution = blocks.CharBlock(label=_("出处"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("引用")
        template = "blocks/quote_block.html"


# The labels of Handsontable's context menu items. Wagtail's bundled Handsontable 6 knows only
# English, so the table widget names each item itself (see LocalisedTableInputAdapter).
TABLE_MENU_LABELS = {
    "row_above": _("在上方插入行"),
    "row_below": _("在下方插入行"),
    "col_left": _("在左侧插入列"),
    "col_right": _("在右侧插入列"),
    "remove_row": _("删除行"),
    "remove_col": _("删除列"),
    "undo": _("撤销"),
    "redo": _("重做"),
}
MENU_SEPARATOR = "---------"


class LocalisedTableInputAdapter(TableInputAdapter):
    """Wagtail's table widget with its context menu in the editor's language.

    Replacing the adapter rather than passing table_options to TableBlock keeps the blocks'
    definitions, and so the migrations, unchanged.
    """

    def js_args(self, widget):
        table_options, strings = super().js_args(widget)
        # Handsontable's object form, {"items": {key: item}}: a separator needs a key of its own,
        # and an item without a label here keeps Handsontable's own.
        items = {}
        for index, key in enumerate(table_options["contextMenu"]):
            if key == MENU_SEPARATOR:
                items[f"separator{index}"] = MENU_SEPARATOR
            else:
                items[key] = {"name": str(TABLE_MENU_LABELS[key])} if key in TABLE_MENU_LABELS else {}
        return [{**table_options, "contextMenu": {"items": items}}, strings]


register(LocalisedTableInputAdapter(), TableInput)


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("正文段落"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    heading = HeadingBlock()
    image = FigureBlock()
    document = DocumentLinkBlock()
    table = TableBlock(label=_("表格"), template="blocks/table_block.html")
    quote = QuoteBlock()
    embed = EmbedBlock(label=_("嵌入媒体"), help_text=_("视频或其他媒体的网址"), icon="media")
