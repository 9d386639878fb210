"""A gap in wagtail-localize 1.14.5's segment extraction: an optional text block left empty.

Its extractor makes a segment of every CharBlock, TextBlock and BlockQuoteBlock value, and an empty optional
block holds None (a TypeError that stopped every page with one from being translated) or "" (an empty
segment that would count as untranslated for ever). Such blocks have nothing to translate: they give no
segment, and ingesting leaves them as they are.
"""

from wagtail import blocks
from wagtail_localize.segments.extract import StreamFieldSegmentExtractor

TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.BlockQuoteBlock)

_handle_block = StreamFieldSegmentExtractor.handle_block


def _handle_block_skipping_empty_text(self, block_type, block_value, raw_value=None):
    if isinstance(block_type, TEXT_BLOCKS) and not (block_value or "").strip():
        return []
    return _handle_block(self, block_type, block_value, raw_value=raw_value)


def install_empty_text_guard():
    StreamFieldSegmentExtractor.handle_block = _handle_block_skipping_empty_text
