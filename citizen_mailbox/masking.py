"""Personal information masking for every public surface (pages, feeds, logs).

Citizens' names become their first character and an asterisk (张三 → 张*);
contact details inside free text are replaced by a notice, so a reply or message
can be published as written. People write numbers in many ways, so numbers are
read as a run of digit groups — ASCII, full-width or Chinese-numeral digits
(一三八…, 幺 for one) split by spaces, hyphens, dots, slashes or parentheses —
and a number is any run of whole groups that reads as a mobile number (with or
without +86), a landline with its area code, or an ID card number with a valid
date of birth. Alongside: e-mail addresses (also with a full-width ＠ or dot),
QQ and WeChat ids after their label, and street addresses (a number with 号 after
a road, village or compound name, or building and room numbers with 栋/幢/单元/室).
tests/citizen_mailbox/test_masking.py holds the formats this must catch and the
ordinary text (dates, amounts, document numbers, 两室一厅) it must leave alone.
"""

import re

MASK = "*"
PHONE, ID_NUMBER, EMAIL = "[电话已隐藏]", "[身份证号已隐藏]", "[邮箱已隐藏]"
ACCOUNT, ADDRESS = "[账号已隐藏]", "[地址已隐藏]"

_DIGIT_VALUES = str.maketrans("０１２３４５６７８９〇零一幺二三四五六七八九xｘ", "0123456789001123456789XX")
_DIGIT = "0-9０-９〇零一幺二三四五六七八九"
# A run of digit groups: an optional +/( before it, separators of up to three characters between groups,
# and an ID number's check character X at the end of a group.
_SEPARATOR = r"[\s\-.·・/()（）－—–_]"
_RUN = re.compile(rf"[+＋(（]{{0,2}}[{_DIGIT}](?:[{_DIGIT}]|{_SEPARATOR}{{1,3}}(?=[{_DIGIT}])|[Xxｘ](?![A-Za-z]))*")
_GROUP = re.compile(rf"[{_DIGIT}]+[Xxｘ]?")
_DATE = r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
# What a run of whole groups must read as, digits normalised; the longest reading from each group wins.
_NUMBERS = (
    (re.compile(rf"\d{{6}}(?:18|19|20)\d{{2}}{_DATE}\d{{3}}[\dX]"), ID_NUMBER),
    (re.compile(rf"\d{{8}}{_DATE}\d{{3}}"), ID_NUMBER),  # the old 15-digit number
    (re.compile(r"(?:00)?86[1-9]\d{8,10}"), PHONE),  # international: +86, then mobile or area code without 0
    (re.compile(r"1[3-9]\d{9}"), PHONE),
    (re.compile(r"0[1-9]\d{1,2}\d{7,8}"), PHONE),
)
_LONGEST_NUMBER = 20

_ALNUM = "A-Za-z0-9Ａ-Ｚａ-ｚ０-９"
_EMAIL = re.compile(
    rf"(?<![{_ALNUM}._%+\-])[{_ALNUM}][{_ALNUM}._%+\-．＿－]*\s*[@＠]\s*[{_ALNUM}\-－]+(?:\s*[.．。]\s*[A-Za-zＡ-Ｚａ-ｚ]{{2,}})+"
)
# A QQ or WeChat id after its label: the label stays, the id goes.
_ACCOUNTS = re.compile(
    r"((?<![A-Za-z])(?:(?i:qq|vx|wx|v信|weixin|wechat)|ＱＱ|扣扣|微信|威信|薇信)(?:号码|号|群)?"
    r"\s*[:：]?\s*)"
    r"([1-9１-９][0-9０-９]{4,11}|[A-Za-z][A-Za-z0-9_\-]{5,19})(?![A-Za-z0-9_\-])"
)
_HOUSE_NUMBER = rf"[{_DIGIT}十百]++(?:[-－—之][{_DIGIT}]++)?"
_HOUSE_UNIT = "(?:号楼|号院|号|栋|幢|座|单元|层|楼|室|户|弄|组)"
# Numbered parts of an address (12号3栋2单元501室), whole, and not a flat's layout (2室1厅, 三室两厅). They are
# an address right after a road, village or compound name, or on their own when a building or room is numbered
# in digits; otherwise (本月12号, 〔2024〕12号, 第3号) they stay.
_HOUSE_PARTS = re.compile(rf"(?<![{_DIGIT}十百])(?:{_HOUSE_NUMBER}{_HOUSE_UNIT})++(?![{_DIGIT}十两]*[厅卫])")
_PLACE_ENDINGS = set("路街道巷弄村组里区苑园厦城院寓同庄屯")
_BUILDING_OR_ROOM = re.compile(r"[0-9０-９](?:栋|幢|单元|室|号楼)")


def mask_name(name):
    """张三 → 张*; 欧阳娜娜 → 欧*: the surname's first character and one asterisk, whatever the length."""
    name = (name or "").strip()
    return f"{name[0]}{MASK}" if name else ""


def mask_text(text):
    """The text with phone, ID card, e-mail, QQ/WeChat and street address details replaced by a notice."""
    text = _EMAIL.sub(EMAIL, text or "")
    text = _ACCOUNTS.sub(lambda match: match.group(1) + ACCOUNT, text)
    text = _RUN.sub(_mask_numbers, text)
    return _HOUSE_PARTS.sub(_mask_address, text)


def mask_message_text(text, name):
    """Free text of a message or reply for the public: the citizen's own name masked too."""
    name = (name or "").strip()
    if len(name) > 1:
        text = (text or "").replace(name, mask_name(name))
    return mask_text(text)


def _mask_address(match):
    after_place = match.start() > 0 and match.string[match.start() - 1] in _PLACE_ENDINGS
    return ADDRESS if after_place or _BUILDING_OR_ROOM.search(match.group()) else match.group()


def _mask_numbers(run_match):
    """The run with each stretch of whole groups that reads as a phone or ID number replaced."""
    run = run_match.group()
    groups = list(_GROUP.finditer(run))
    pieces, kept_until, index = [], 0, 0
    while index < len(groups):
        found = _longest_number(groups, index)
        if found is None:
            index += 1
            continue
        end_index, notice = found
        start = 0 if index == 0 else groups[index].start()  # a leading "+86 (" goes with the number
        pieces += [run[kept_until:start], notice]
        kept_until, index = groups[end_index].end(), end_index + 1
    return "".join(pieces) + run[kept_until:]


def _longest_number(groups, first):
    """(index of the last group, notice) of the longest number starting at group `first`, or None."""
    digits, found = "", None
    for index in range(first, len(groups)):
        digits += groups[index].group().translate(_DIGIT_VALUES)
        if len(digits) > _LONGEST_NUMBER:
            break
        notice = next((notice for pattern, notice in _NUMBERS if pattern.fullmatch(digits)), None)
        if notice:
            found = (index, notice)
    return found
