"""The blocks of an interview page: its free-form introduction, its video and its frozen transcript."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from govcms.blocks import BodyBlock
from policy.blocks import GalleryBlock, VideoBlock


class InterviewBodyBlock(BodyBlock):
    """The introduction: text, pictures, 图解 and documents; nothing embedded from another host."""

    embed = None
    gallery = GalleryBlock()


class VideoStreamBlock(blocks.StreamBlock):
    video = VideoBlock()

    class Meta:
        max_num = 1


class QuotedQuestionBlock(blocks.StructBlock):
    nickname = blocks.CharBlock(label=_("网名"), max_length=20, required=False)
    text = blocks.TextBlock(label=_("问题"), required=False)


class TranscriptEntryBlock(blocks.StructBlock):
    """One entry of the frozen transcript, as the live console recorded it (interviews.models.TranscriptEntry)."""

    entry_id = blocks.IntegerBlock(label=_("直播记录编号"), required=False, help_text=_("用于页面锚点，请勿修改。"))
    speaker = blocks.ChoiceBlock(
        label=_("发言人类别"),
        choices=[("guest", _("嘉宾")), ("host", _("主持人")), ("netizen", _("网友"))],
    )
    speaker_name = blocks.CharBlock(label=_("发言人"), max_length=60)
    time = blocks.DateTimeBlock(label=_("时间"))
    question = QuotedQuestionBlock(label=_("引用的网友提问"), required=False)
    text = blocks.TextBlock(label=_("内容"))
    image = ImageChooserBlock(label=_("图片"), required=False)
    image_alt = blocks.CharBlock(label=_("图片说明"), max_length=120, required=False)

    class Meta:
        icon = "openquote"
        label = _("发言")
        template = "interviews/blocks/transcript_entry.html"


class TranscriptBlock(blocks.StreamBlock):
    entry = TranscriptEntryBlock()
