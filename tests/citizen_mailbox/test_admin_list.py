"""The staff list of letters (admin → 政民互动信箱): pagination, filters, search, export, and who sees what."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from citizen_mailbox.models import HANDLERS_GROUP, Message
from govcms.core.tree import site_home_of
from tests.citizen_mailbox.conftest import add_department, days_ago, make_message
from tests.factories import ArticlePageFactory
from tests.search.conftest import news_column

pytestmark = pytest.mark.django_db

URL = "/admin/mailbox/"


def bulk_letters(mailbox, count, **fields):
    """`count` open letters in one query (bulk_create calls no save(), so the due date is given)."""
    defaults = {
        "mailbox": mailbox,
        "site_home": site_home_of(mailbox),
        "channel_name": "咨询",
        "password_hash": make_password("unused"),
        "name": "李四",
        "phone": "13900001111",
        "content": "内容",
        "due_date": timezone.localdate() + datetime.timedelta(days=10),
    }
    letters = [Message(subject=f"批量来信{number:03d}", **{**defaults, **fields}) for number in range(count)]
    return Message.objects.bulk_create(letters)


def codes(response):
    return [message.tracking_code for message in response.context["object_list"]]


def filter_form(response):
    return response.context["filters"].form


@pytest.fixture
def letters(site_group, mailbox_a, mailbox_b):
    today = timezone.localdate()
    roads = add_department(mailbox_a, "交通运输局")
    add_department(mailbox_a, "教育局")
    police_b = add_department(mailbox_b, "乙县公安局")
    return {
        "pending": make_message(mailbox_a, subject="井盖缺失", due_date=today + datetime.timedelta(days=5)),
        "due_soon": make_message(
            mailbox_a,
            subject="即将到期",
            status="accepted",
            department=roads,
            department_name="交通运输局",
            due_date=today,
        ),
        "overdue": make_message(
            mailbox_a, subject="已经超期", due_date=today - datetime.timedelta(days=3), received_at=days_ago(14)
        ),
        "red": make_message(
            mailbox_a, subject="三个月未办", received_at=days_ago(95), due_date=today - datetime.timedelta(days=80)
        ),
        "extended": make_message(
            mailbox_a,
            subject="延期办理",
            status="processing",
            extension="approved",
            department=roads,
            department_name="交通运输局",
            due_date=today + datetime.timedelta(days=20),
        ),
        "answered": make_message(
            mailbox_a,
            subject="早已答复",
            content="答复过的信，写有特别的词：青石板",
            status="answered",
            due_date=today - datetime.timedelta(days=9),
            closed_at=days_ago(10),
        ),
        "county_b": make_message(
            mailbox_b,
            subject="乙县来信",
            department=police_b,
            department_name="乙县公安局",
            due_date=today - datetime.timedelta(days=3),
        ),
    }


@pytest.fixture
def county_a_staff(site_group, make_user):
    return make_user(site_group.county_a.groups["编辑"])


def test_every_letter_is_reachable_page_by_page_beyond_200(client, mailbox_a, county_a_staff):
    created = bulk_letters(mailbox_a, 250)
    client.force_login(county_a_staff)
    seen = []
    for page in range(1, 6):
        response = client.get(URL, {"p": page})
        assert response.context["items_count"] == 250
        seen += codes(response)
    assert sorted(seen) == sorted(letter.tracking_code for letter in created)


def test_the_list_shows_open_letters_unless_a_state_is_chosen(client, letters, county_a_staff):
    client.force_login(county_a_staff)
    open_letters = ["red", "overdue", "due_soon", "pending", "extended"]  # by deadline
    assert codes(client.get(URL)) == [letters[name].tracking_code for name in open_letters]
    assert set(codes(client.get(URL, {"status": "all"}))) == {
        letters[name].tracking_code for name in [*open_letters, "answered"]
    }
    assert codes(client.get(URL, {"status": "closed"})) == [letters["answered"].tracking_code]
    assert codes(client.get(URL, {"status": "processing"})) == [letters["extended"].tracking_code]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"deadline": "overdue"}, ["red", "overdue"]),
        ({"deadline": "due_soon"}, ["due_soon"]),
        ({"deadline": "red_alert"}, ["red"]),
        ({"extension": "approved"}, ["extended"]),
        ({"extension": "requested"}, []),
        ({"department": "交通运输局"}, ["due_soon", "extended"]),
        ({"department": "交通运输局", "status": "accepted"}, ["due_soon"]),
    ],
)
def test_each_filter(client, letters, county_a_staff, params, expected):
    client.force_login(county_a_staff)
    assert codes(client.get(URL, params)) == [letters[name].tracking_code for name in expected]


@pytest.mark.parametrize(
    ("legacy", "expected"),
    [("all", ["red", "overdue", "due_soon", "pending", "extended", "answered"]), ("closed", ["answered"])],
)
def test_links_with_the_earlier_filter_open_the_same_letters(client, letters, county_a_staff, legacy, expected):
    client.force_login(county_a_staff)
    response = client.get(URL, {"filter": legacy}, follow=True)
    assert set(codes(response)) == {letters[name].tracking_code for name in expected}


def test_the_site_filter_offers_the_users_sites(client, site_group, letters, make_user):
    client.force_login(make_user(is_superuser=True))
    response = client.get(URL, {"site": site_group.county_b.home.pk})
    assert codes(response) == [letters["county_b"].tracking_code]
    assert list(filter_form(response).fields["site"].queryset) == [site_group.county_a.home, site_group.county_b.home]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("井盖", ["pending"]), ("青石板", ["answered"]), (None, ["overdue"])],
)
def test_search_looks_in_subject_tracking_code_and_text_of_all_letters(
    client, letters, county_a_staff, query, expected
):
    client.force_login(county_a_staff)
    query = query or letters["overdue"].tracking_code.lower()
    assert codes(client.get(URL, {"q": query})) == [letters[name].tracking_code for name in expected]
    # The list refreshed in place while typing (Wagtail's results view) finds the same.
    results = client.get(f"{URL}results/", {"q": query}).content.decode()
    assert all(letters[name].tracking_code in results for name in expected)


def test_county_a_staff_see_nothing_of_county_b(client, site_group, letters, county_a_staff):
    client.force_login(county_a_staff)
    code_b = letters["county_b"].tracking_code
    response = client.get(URL, {"status": "all"})
    assert code_b not in response.content.decode() and "乙县" not in response.content.decode()
    form = filter_form(response)
    assert "site" not in form.fields  # one site: nothing to choose
    assert [name for name, _label in form.fields["department"].choices if name] == ["交通运输局"]
    # County B's site or department asked for by address is no way in.
    assert code_b not in codes(client.get(URL, {"site": site_group.county_b.home.pk, "status": "all"}))
    assert codes(client.get(URL, {"department": "乙县公安局"})) == codes(client.get(URL))
    assert codes(client.get(URL, {"q": code_b})) == []
    export = client.get(URL, {"status": "all", "export": "csv"})
    assert code_b not in b"".join(export.streaming_content).decode("utf-8")


def test_department_handlers_see_their_departments_letters_and_its_name_only(client, mailbox_a, letters, make_user):
    handler = make_user(Group.objects.get(name=HANDLERS_GROUP))
    add_department(mailbox_a, "民政局", handler)
    mine = make_message(
        mailbox_a, subject="低保", department_name="民政局", department=handler.mailbox_departments.get()
    )
    client.force_login(handler)
    response = client.get(URL, {"status": "all"})
    assert codes(response) == [mine.tracking_code]
    assert [name for name, _label in filter_form(response).fields["department"].choices if name] == ["民政局"]


def test_the_export_has_the_lists_columns_and_no_private_details(client, mailbox_a, letters, county_a_staff):
    make_message(mailbox_a, subject="张三反映：手机13812345678停机", email="zhangsan@example.com")
    client.force_login(county_a_staff)
    response = client.get(URL, {"export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 6  # the open letters, as listed
    by_code = {row["查询码"]: row for row in rows}
    overdue = by_code[letters["overdue"].tracking_code]
    assert overdue["标题（已隐去个人信息）"] == "已经超期"
    assert overdue["站点"] == "甲县人民政府" and overdue["状态"] == "待受理" and overdue["已超期"] == "是"
    assert overdue["来信时间"] == timezone.localtime(letters["overdue"].received_at).strftime("%Y-%m-%d %H:%M:%S")
    extended = by_code[letters["extended"].tracking_code]
    assert extended["延期"] == "已延期" and extended["承办部门"] == "交通运输局" and extended["已超期"] == "否"
    assert "张*反映：手机[电话已隐藏]停机" in text
    for private in ("张三", "13812345678", "zhangsan@example.com", "citizen@example.com", "幸福路"):
        assert private not in text

    response = client.get(URL, {"export": "xlsx", "status": "closed"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    heading, *cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert heading[:3] == ["查询码", "标题（已隐去个人信息）", "站点"]
    assert [row[0] for row in cells] == [letters["answered"].tracking_code]
    row = dict(zip(heading, cells[0], strict=True))
    assert row["状态"] == "已答复" and row["办结时间"].replace(microsecond=0) == timezone.make_naive(
        letters["answered"].closed_at
    ).replace(microsecond=0)


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_dashboards_query_count_does_not_grow_with_letters_or_pages(
    client, site_group, mailbox_a, letters, make_user
):
    client.force_login(make_user(site_group.county_a.groups["管理员"]))
    for url in (URL, "/admin/"):
        client.get(url)  # caches filled
    before = {url: query_count(client, url) for url in (URL, "/admin/")}

    bulk_letters(mailbox_a, 60)
    bulk_letters(mailbox_a, 30, received_at=days_ago(100), due_date=timezone.localdate() - datetime.timedelta(days=1))
    for number in range(5):
        ArticlePageFactory(parent=news_column(site_group.county_a.home), title=f"新文章{number}")

    after = {url: query_count(client, url) for url in (URL, "/admin/")}
    assert after == before
