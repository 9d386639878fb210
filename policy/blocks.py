"""Blocks for interpretations: 图解 (image galleries) and 视频解读 (videos), on top of the shared body blocks."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from govcms.blocks import BodyBlock, FigureBlock

VIDEO_EXTENSIONS = ("mp4", "webm")


class GalleryBlock(blocks.StructBlock):
    """A 图解: a sequence of images read in order, each with its own caption and alt text."""

    title = blocks.CharBlock(label=_("图解标题"), required=False, max_length=120)
    images = blocks.ListBlock(FigureBlock(), label=_("图片"), min_num=1)

    class Meta:
        icon = "image"
        label = _("图解")
        template = "policy/blocks/gallery_block.html"


class VideoBlock(blocks.StructBlock):
    """A video stored in the platform's documents (no third-party player, nothing loaded from elsewhere)."""

    video = DocumentChooserBlock(label=_("视频文件"), help_text=_("MP4 或 WebM 格式的文件。"))
    poster = ImageChooserBlock(label=_("封面图"), required=False)
    caption = blocks.CharBlock(label=_("说明"), required=False, max_length=200)
    transcript = blocks.TextBlock(
        label=_("文字稿"), required=False, help_text=_("供听障人士和无法播放视频的读者阅读。")
    )

    class Meta:
        icon = "media"
        label = _("视频")
        template = "policy/blocks/video_block.html"

    def clean(self, value):
        value = super().clean(value)
        extension = value["video"].file_extension.lower() if value.get("video") else ""
        if extension and extension not in VIDEO_EXTENSIONS:
            raise blocks.StructBlockValidationError(
                block_errors={"video": ValidationError(_("请选择 MP4 或 WebM 格式的视频文件。"))}
            )
        return value


class InterpretationBodyBlock(BodyBlock):
    gallery = GalleryBlock()
    video = VideoBlock()
