"""Personal information masking for every public surface (pages, feeds, logs).

Citizens' names become their first character and an asterisk (张三 → 张*);
mobile and landline numbers, ID card numbers and e-mail addresses inside free
text are replaced, so a reply or message can be published as written.
"""

import re

MASK = "*"

# Order matters: an 18-digit ID number contains digit runs that look like phone numbers.
_PATTERNS = (
    (re.compile(r"(?<!\d)\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx](?!\d)"), "[身份证号已隐藏]"),
    (re.compile(r"(?<!\d)\d{15}(?!\d)"), "[身份证号已隐藏]"),
    (re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)"), "[电话已隐藏]"),
    (re.compile(r"(?<!\d)0\d{2,3}[- ]?\d{7,8}(?!\d)"), "[电话已隐藏]"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[邮箱已隐藏]"),
)


def mask_name(name):
    """张三 → 张*; 欧阳娜娜 → 欧*: the surname's first character and one asterisk, whatever the length."""
    name = (name or "").strip()
    return f"{name[0]}{MASK}" if name else ""


def mask_text(text):
    """The text with phone, ID card and e-mail details replaced by a notice."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text or "")
    return text


def mask_message_text(text, name):
    """Free text of a message or reply for the public: the citizen's own name masked too."""
    name = (name or "").strip()
    if len(name) > 1:
        text = (text or "").replace(name, mask_name(name))
    return mask_text(text)
