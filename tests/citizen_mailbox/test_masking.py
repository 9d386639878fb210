"""Masking holds for the ways people really write contact details (citizen_mailbox.masking).

Each row: how the detail appears in a letter or reply, the part that must disappear, and the notice that
replaces it. The second table is text that looks numeric or address-like but is not personal and must stay.
"""

import pytest

from citizen_mailbox.masking import mask_message_text, mask_text

PHONE, ID_NUMBER, EMAIL = "[电话已隐藏]", "[身份证号已隐藏]", "[邮箱已隐藏]"
ACCOUNT, ADDRESS = "[账号已隐藏]", "[地址已隐藏]"

MASKED = [
    # Mobile numbers.
    ("mobile", "我的手机13812345678，请回电", "13812345678", PHONE),
    ("mobile with hyphens", "手机：138-1234-5678", "138-1234-5678", PHONE),
    ("mobile with spaces", "手机 138 1234 5678 谢谢", "138 1234 5678", PHONE),
    ("mobile with dots", "电话138.1234.5678", "138.1234.5678", PHONE),
    ("mobile with +86", "请拨+86 139-0000-1111", "139-0000-1111", PHONE),
    ("mobile with 0086", "电话0086 13900001111", "13900001111", PHONE),
    ("mobile with (+86)", "电话(+86)13900001111", "13900001111", PHONE),
    ("full-width mobile", "电话１３８１２３４５６７８", "１３８１２３４５６７８", PHONE),
    ("full-width mobile with hyphens", "电话１３８－１２３４－５６７８", "１２３４－５６７８", PHONE),
    ("Chinese-numeral mobile", "手机号一三八一二三四五六七八", "一三八一二三四五六七八", PHONE),
    ("Chinese-numeral mobile with 幺 and spaces", "电话幺三八 幺二三四 五六七八", "五六七八", PHONE),
    ("mixed digits", "电话138一二三四5678", "138一二三四5678", PHONE),
    ("two mobiles in a row", "13812345678 13900001111都可以", "13900001111", PHONE),
    ("mobile between dates", "2024-05-01 13812345678 联系", "13812345678", PHONE),
    # Landlines with area codes.
    ("landline with hyphen", "座机0571-88889999", "0571-88889999", PHONE),
    ("landline without separator", "座机057188889999", "057188889999", PHONE),
    ("landline in parentheses", "电话(0571)88889999", "88889999", PHONE),
    ("landline in full-width parentheses", "电话（0571）88889999", "88889999", PHONE),
    ("landline with spaces", "电话0571 8888 9999", "8888 9999", PHONE),
    ("three-digit area code", "电话010-12345678", "010-12345678", PHONE),
    ("area code in parentheses and a space", "电话(010) 1234 5678", "1234 5678", PHONE),
    ("seven-digit local number", "电话0571-8888999", "0571-8888999", PHONE),
    ("international landline", "电话+86-571-88889999", "88889999", PHONE),
    ("landline with dots", "电话0571.8888.9999", "8888.9999", PHONE),
    # ID card numbers.
    ("ID number", "身份证11010119900307123X", "11010119900307123X", ID_NUMBER),
    ("ID number lower-case x", "身份证11010119900307123x", "11010119900307123x", ID_NUMBER),
    ("ID number with spaces", "身份证号 110101 19900307 123X", "19900307", ID_NUMBER),
    ("ID number with hyphens", "身份证号110101-1990-0307-1234", "0307-1234", ID_NUMBER),
    ("full-width ID number", "身份证１１０１０１１９９００３０７１２３４", "１９９００３０７", ID_NUMBER),
    ("old 15-digit ID number", "身份证110101900307123", "110101900307123", ID_NUMBER),
    # E-mail.
    ("e-mail", "邮箱a.b@x.cn", "a.b@x.cn", EMAIL),
    ("e-mail with a full-width at", "邮箱zhangsan＠163.com", "zhangsan", EMAIL),
    ("e-mail with spaces around the at", "邮箱 zhangsan @ 163.com", "zhangsan", EMAIL),
    ("e-mail with a full-width dot", "邮箱zhangsan@163．com", "zhangsan", EMAIL),
    ("e-mail with a Chinese full stop", "邮箱zhangsan@163。com", "zhangsan", EMAIL),
    ("full-width e-mail", "邮箱ｚｈａｎｇｓａｎ＠１６３．ｃｏｍ", "ｚｈａｎｇｓａｎ", EMAIL),
    # QQ and WeChat.
    ("QQ number", "QQ：123456789", "123456789", ACCOUNT),
    ("QQ number lower case", "加我qq 87654321", "87654321", ACCOUNT),
    ("QQ 号 full-width", "ＱＱ号１２３４５６７", "１２３４５６７", ACCOUNT),
    ("扣扣", "扣扣12345678", "12345678", ACCOUNT),
    ("WeChat id", "微信：zhang_san88", "zhang_san88", ACCOUNT),
    ("WeChat 号", "微信号 wxid_abc12345", "wxid_abc12345", ACCOUNT),
    ("vx", "vx:lisi-2024", "lisi-2024", ACCOUNT),
    ("V信", "V信 wangwu_01", "wangwu_01", ACCOUNT),
    # Street addresses.
    ("road and number", "家住幸福路12号", "12号", ADDRESS),
    ("building and room", "幸福路12号3栋2单元501室", "501室", ADDRESS),
    ("compound, building and room", "阳光小区5栋1202室楼上漏水", "1202室", ADDRESS),
    ("building with 号楼", "阳光花园3号楼302室", "302室", ADDRESS),
    ("幢 and hyphenated number", "建设路88-2号2幢301室", "301室", ADDRESS),
    ("village group", "光明村3组15号", "15号", ADDRESS),
    ("full-width numbers", "人民路１２号３栋", "１２号", ADDRESS),
    ("Chinese-numeral building", "和平里十二号楼三单元", "十二号楼", ADDRESS),
    ("alley", "幸福巷7弄3号", "3号", ADDRESS),
]

UNCHANGED = [
    "2026年办理了3件",
    "依据国发〔2024〕12号文件，第3号公告",
    "本月12号前答复",
    "2024-05-01至2024-12-31",
    "8:30-17:30",
    "补贴1,000,000元，人均3000.50元",
    "邮编310000",
    "拨打12345热线",
    "建筑不超过3层，户型为两室一厅或2室1厅",
    "微信公众号“青山发布”",
    "请关注@青山发布",
    "一、二、三项已办结",
    "第十二条第三款",
    "会议室和办公室",
    "2019 2020 2021 年度",
    "新建三栋教学楼，三室两厅",
    "请到政务服务中心三楼",
]


@pytest.mark.parametrize(("case", "text", "secret", "notice"), MASKED, ids=[row[0] for row in MASKED])
def test_contact_details_are_masked_however_they_are_written(case, text, secret, notice):
    masked = mask_text(text)

    assert secret not in masked, masked
    assert notice in masked, masked


@pytest.mark.parametrize("text", UNCHANGED)
def test_ordinary_numbers_and_words_stay(text):
    assert mask_text(text) == text


def test_the_table_is_broad():
    assert len(MASKED) >= 30
    assert {notice for *_rest, notice in MASKED} == {PHONE, ID_NUMBER, EMAIL, ACCOUNT, ADDRESS}


def test_text_around_a_detail_is_kept():
    assert mask_text("您好，我的电话(0571) 8888 9999，谢谢。") == f"您好，我的电话{PHONE}，谢谢。"
    assert mask_text("邮箱 zhangsan＠163.com。谢谢") == f"邮箱 {EMAIL}。谢谢"
    assert mask_text("QQ：123456789，微信：zhang_san88") == f"QQ：{ACCOUNT}，微信：{ACCOUNT}"


def test_the_citizens_name_is_masked_with_the_rest():
    assert mask_message_text("张三反映：手机138 1234 5678", "张三") == f"张*反映：手机{PHONE}"
