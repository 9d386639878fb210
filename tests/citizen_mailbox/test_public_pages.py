"""Public pages: answered list, message page, feed, lookup and statistics; masking on every surface."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from citizen_mailbox.masking import mask_name, mask_text
from tests.citizen_mailbox.conftest import PASSWORD, add_department, make_message, public_url
from workdays.calendar import working_days_between

pytestmark = pytest.mark.django_db

PERSONAL = ["张三丰", "13812345678", "010-87654321", "110101199003071234", "zhang@example.com"]


def published(mailbox, department=None, **fields):
    now = timezone.now()
    values = {
        "name": "张三丰",
        "subject": "路灯不亮 联系13812345678",
        "content": "我是张三丰，身份证110101199003071234，电话010-87654321，邮箱zhang@example.com。",
        "reply": "已修复。如有问题请联系13812345678。",
        "status": "answered",
        "consent_to_publish": True,
        "is_public": True,
        "department": department,
        "department_name": department.name if department else "",
        "received_at": now - datetime.timedelta(days=5),
        "closed_at": now,
    }
    values.update(fields)
    return make_message(mailbox, **values)


def test_masking_rules():
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧*"
    text = "电话13812345678或+86 139-0000-1111，座机0571-88886666，身份证11010119900307123X，邮箱a.b@x.cn"
    masked = mask_text(text)
    for secret in ("13812345678", "139-0000-1111", "0571-88886666", "11010119900307123X", "a.b@x.cn"):
        assert secret not in masked
    assert masked.count("[电话已隐藏]") == 3 and "[身份证号已隐藏]" in masked and "[邮箱已隐藏]" in masked
    assert mask_text("2026年办理了3件") == "2026年办理了3件"


@pytest.mark.search_index
def test_every_public_surface_is_masked(client, mailbox_a):
    message = published(mailbox_a, add_department(mailbox_a, "交通运输局"))
    pages = {
        "list": client.get(public_url(mailbox_a)),
        "message": client.get(public_url(mailbox_a, f"messages/{message.pk}/")),
        "feed": client.get(public_url(mailbox_a, "feed/")),
    }
    for surface, response in pages.items():
        assert response.status_code == 200, surface
        body = response.content.decode()
        for secret in PERSONAL:
            assert secret not in body, (surface, secret)
    assert "张*" in pages["message"].content.decode()
    assert "交通运输局" in pages["list"].content.decode()
    assert "[电话已隐藏]" in pages["feed"].content.decode()
    # Nor is anything personal in the site search.
    search = client.get("/search/", {"q": "张三丰"}).content.decode()
    assert "路灯不亮" not in search


def test_only_consented_and_approved_answers_are_listed(client, mailbox_a):
    shown = published(mailbox_a, subject="公开的答复")
    published(mailbox_a, subject="未同意公开", consent_to_publish=False)
    published(mailbox_a, subject="未批准公开", is_public=False)
    published(mailbox_a, subject="尚在办理", status="processing")
    body = client.get(public_url(mailbox_a)).content.decode()
    assert "公开的答复" in body
    for hidden in ("未同意公开", "未批准公开", "尚在办理"):
        assert hidden not in body
    hidden = published(mailbox_a, subject="未同意公开2", consent_to_publish=False)
    assert client.get(public_url(mailbox_a, f"messages/{hidden.pk}/")).status_code == 404
    assert client.get(public_url(mailbox_a, f"messages/{shown.pk}/")).status_code == 200


def test_the_list_costs_the_same_queries_for_one_or_many_answers(client, mailbox_a):
    published(mailbox_a)
    client.get(public_url(mailbox_a))  # warm caches a running site keeps warm
    with CaptureQueriesContext(connection) as one:
        client.get(public_url(mailbox_a))
    for _ in range(5):
        published(mailbox_a)
    with CaptureQueriesContext(connection) as many:
        response = client.get(public_url(mailbox_a))
    assert response.content.decode().count("article-list__item") == 6
    assert len(many) == len(one)


def lookup(client, mailbox, code, password):
    from tests.citizen_mailbox.conftest import captcha_answer

    page = client.get(public_url(mailbox, "lookup/"))
    hashkey, answer = captcha_answer(page)
    data = {"tracking_code": code, "password": password, "captcha_0": hashkey, "captcha_1": answer}
    return client.post(public_url(mailbox, "lookup/"), data)


def test_lookup_shows_progress_with_the_right_password_only(client, mailbox_a, mailbox_b):
    message = make_message(mailbox_a, subject="私密的来信标题", reply="", status="accepted", department_name="民政局")
    wrong = lookup(client, mailbox_a, message.tracking_code, "wrong-password")
    assert wrong.status_code == 400
    body = wrong.content.decode()
    assert "查询码或查询密码不正确" in body
    assert "私密的来信标题" not in body and "已受理" not in body and "民政局" not in body
    unknown = lookup(client, mailbox_a, "NOSUCHCODE22", PASSWORD)
    assert "查询码或查询密码不正确" in unknown.content.decode()
    # Another site's mailbox does not find it either.
    other = lookup(Client(HTTP_HOST="county-b.localhost"), mailbox_b, message.tracking_code, PASSWORD)
    assert "私密的来信标题" not in other.content.decode()
    right = lookup(client, mailbox_a, message.tracking_code.lower(), PASSWORD)
    assert right.status_code == 200
    body = right.content.decode()
    assert "私密的来信标题" in body and "已受理" in body and "民政局" in body
    assert message.due_date.isoformat() in body


def test_lookup_is_rate_limited(client, mailbox_a):
    for _ in range(20):
        client.post(public_url(mailbox_a, "lookup/"), {"tracking_code": "X", "password": "y"})
    message = make_message(mailbox_a)
    assert lookup(client, mailbox_a, message.tracking_code, PASSWORD).status_code == 429


# Mid-month, so that "five days ago" is this month whatever day the suite runs on.
@time_machine.travel(datetime.datetime(2026, 6, 17, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
def test_monthly_statistics(client, mailbox_a):
    today = timezone.localdate()
    on_time = published(mailbox_a)
    late = published(mailbox_a, received_at=timezone.now() - datetime.timedelta(days=40))
    late.due_date = today - datetime.timedelta(days=20)
    late.save()
    make_message(mailbox_a)  # received, still open
    response = client.get(public_url(mailbox_a, "statistics/"))
    assert response.status_code == 200
    month = response.context["months"][-1]
    assert month.month == today.replace(day=1)
    assert month.answered == 2
    assert month.on_time_rate == 50.0
    assert month.received == 2  # the open one and the on-time one; the late one came in May
    days = [working_days_between(m.received_at, m.closed_at) for m in (on_time, late)]
    assert month.average_working_days == pytest.approx(sum(days) / 2, abs=0.05)
    body = response.content.decode()
    assert "<svg" in body and "<table" in body and "50.0%" in body
