"""文号 (document numbers) such as 国办发〔2014〕57号 or 国务院令第722号.

GB/T 9704-2012 writes the year in 六角括号 〔〕. People type [], (), 【】 or
full-width variants instead, and search queries do too, so every number is
normalised to the standard form before it is validated, stored or looked up.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 60
_YEAR_BRACKETS = re.compile(r"[\[［(（【〔]\s*(\d{4})\s*[\]］)）】〕]")
_NUMBERED = re.compile(r"^[\u4e00-\u9fffA-Za-z]{1,20}〔(?P<year>\d{4})〕(?:第)?\d{1,5}号$")
_ORDER = re.compile(r"^[\u4e00-\u9fffA-Za-z]{1,20}第\d{1,5}号$")
FIRST_YEAR = 1949


def normalise_document_number(value):
    """The standard form: half-width digits and letters, no spaces, 〔year〕."""
    text = unicodedata.normalize("NFKC", value or "")
    text = re.sub(r"\s+", "", text)
    return _YEAR_BRACKETS.sub(r"〔\1〕", text)


def is_document_number(value):
    text = normalise_document_number(value)
    return bool(_NUMBERED.match(text) or _ORDER.match(text))


def validate_document_number(value):
    """Accepts 机关代字〔年份〕序号号 (国办发〔2014〕57号) and 机关代字第序号号 (国务院令第722号)."""
    text = normalise_document_number(value)
    numbered = _NUMBERED.match(text)
    if numbered is None and not _ORDER.match(text):
        raise ValidationError(
            _("文号格式应为“机关代字〔年份〕序号号”，例如 国办发〔2014〕57号，或“国务院令第722号”。"),
            code="invalid_document_number",
        )
    if numbered and not FIRST_YEAR <= int(numbered["year"]) <= 2100:
        raise ValidationError(_("文号中的年份不正确。"), code="invalid_document_number_year")
