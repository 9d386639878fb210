"""我为政府网站找错: the public form of each site (/zhaocuo/<site home id>/: the platform's public-form pattern,
a receipt with the number and the answer deadline in working days) and its handling in the admin (网站找错 list,
a report, its answer; 页面评价), each site's staff on their own site's reports only."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from monitoring import public_views
from monitoring.models import (
    CONTACT_MAX_LENGTH,
    DESCRIPTION_MAX_LENGTH,
    ErrorReport,
    ErrorReportStatus,
    PageFeedback,
    ProblemType,
)
from tests.citizen_mailbox.conftest import captcha_answer
from tests.factories import ArticlePageFactory, UserFactory
from tests.home.pages import column
from tests.translations.conftest import english  # noqa: F401
from tests.translations.helpers import english_of
from tests.translations.test_public import english_portal  # noqa: F401

pytestmark = pytest.mark.django_db

HOST = "county-a.localhost"
DESCRIPTION = "“办事指南”页面中的咨询电话少了一位数字。"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def visitor(number=1, **kwargs):
    return Client(HTTP_HOST=HOST, REMOTE_ADDR=f"10.5.0.{number}", **kwargs)


def report_url(home):
    return f"/zhaocuo/{home.pk}/"


def form_data(client, home, **overrides):
    response = client.get(report_url(home))
    assert response.status_code == 200
    hashkey, answer = captcha_answer(response)
    data = {
        "page_url": "/zwgk/bszn/",
        "problem_type": ProblemType.CONTENT,
        "description": DESCRIPTION,
        "contact": "13812345678",
        "captcha_0": hashkey,
        "captcha_1": answer,
    }
    data.update(overrides)
    return data


# --- The public form ---------------------------------------------------------------------------


def test_the_form_prefills_the_page_and_names_the_national_platform(site_group):
    response = visitor().get(report_url(site_group.county_a.home), {"url": "/zwgk/bszn/"})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"].startswith("zh")
    assert soup.h1.get_text() == "我为政府网站找错"
    assert soup.select_one('input[name="page_url"]')["value"] == "/zwgk/bszn/"
    assert soup.select_one('input[name="csrfmiddlewaretoken"]')
    assert [i["value"] for i in soup.select('input[name="problem_type"]')] == list(ProblemType.values)
    assert soup.select_one('label[for="id_description"]')
    assert "也可以向国务院办公厅政府网站找错平台反映" in soup.get_text()
    # A foreign address in the link is not prefilled.
    foreign = visitor().get(report_url(site_group.county_a.home), {"url": "https://evil.example.com/"})
    assert BeautifulSoup(foreign.content, "html.parser").select_one('input[name="page_url"]').get("value") is None


@time_machine.travel(datetime.datetime(2026, 9, 30, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_a_report_is_stored_once_with_a_receipt_and_a_deadline_after_national_day(site_group):
    client = visitor()
    response = client.post(report_url(site_group.county_a.home), form_data(client, site_group.county_a.home))

    assert response.status_code == 200
    report = ErrorReport.objects.get()
    assert report.site_home_id == site_group.county_a.home.pk
    assert (report.page_url, report.problem_type, report.description, report.contact) == (
        "/zwgk/bszn/",
        ProblemType.CONTENT,
        DESCRIPTION,
        "13812345678",
    )
    assert report.status == ErrorReportStatus.OPEN
    # 3 working days: 10-01..07 are National Day, 10-08, 09 and the adjusted Saturday 10-10 are working days.
    assert report.due_date == datetime.date(2026, 10, 10)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".error-report__number").get_text() == str(report.pk)
    assert soup.select_one(".error-report__due").get_text() == "2026-10-10"
    assert "13812345678" not in response.content.decode()  # the contact is not shown back


def test_absolute_urls_of_the_platform_are_kept_trimmed(site_group):
    client = visitor()
    data = form_data(client, site_group.county_a.home, page_url="  http://county-b.localhost/zwgk/  ")
    assert client.post(report_url(site_group.county_a.home), data).status_code == 200
    assert ErrorReport.objects.get().page_url == "http://county-b.localhost/zwgk/"


BAD_INPUT = [
    ("no description", {"description": ""}, "请填写问题描述。"),
    ("over-long description", {"description": "错" * (DESCRIPTION_MAX_LENGTH + 1)}, "问题描述不能超过1000个字。"),
    ("over-long contact", {"contact": "1" * (CONTACT_MAX_LENGTH + 1)}, "联系方式不能超过100个字。"),
    ("no type", {"problem_type": ""}, "请选择问题类型。"),
    ("bad type", {"problem_type": "spam"}, "请从列出的问题类型中选择一项。"),
    ("foreign url", {"page_url": "https://evil.example.com/zwgk/"}, "页面地址须为本网站的网址"),
    ("scheme-relative url", {"page_url": "//evil.example.com/"}, "页面地址须为本网站的网址"),
    ("javascript url", {"page_url": "javascript:alert(1)"}, "页面地址须为本网站的网址"),
    ("over-long url", {"page_url": "/" + "a" * 600}, "页面地址不能超过500个字。"),
    ("markup", {"description": "<script>alert('x')</script>错别字"}, "不要包含网页代码"),
    ("wrong captcha", {"captcha_1": "-999"}, "验证码答案不正确"),
    ("no captcha", {"captcha_1": ""}, "请填写验证码。"),
]


@pytest.mark.parametrize(("case", "overrides", "error"), BAD_INPUT, ids=[case for case, _, _ in BAD_INPUT])
def test_bad_input_is_refused_clearly_and_stores_nothing(site_group, case, overrides, error):
    client = visitor()
    home = site_group.county_a.home
    response = client.post(report_url(home), form_data(client, home, **overrides))

    assert response.status_code == 400
    body = response.content.decode()
    assert error in body and 'class="error-summary"' in body and 'aria-invalid="true"' in body
    assert "<script>alert" not in body
    if "script" in overrides.get("description", ""):
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body
    assert not ErrorReport.objects.exists()


def test_only_live_site_homes_in_the_default_locale_take_reports(site_group):
    article = ArticlePageFactory(parent=column(site_group.county_a.home), title="文章", slug="wz")
    offline = site_group.county_b.home
    offline.unpublish()
    client = visitor()
    for site_id in (article.pk, offline.pk, 999999):
        assert client.get(f"/zhaocuo/{site_id}/").status_code == 404
        posted = client.post(f"/zhaocuo/{site_id}/", {"problem_type": "other", "description": "x"})
        assert posted.status_code == 404
    assert not ErrorReport.objects.exists()


def test_a_flood_is_stopped_with_429_and_stores_nothing(site_group):
    client = visitor()
    home = site_group.county_a.home
    rate = int(public_views.REPORT_RATE.split("/")[0])
    for _ in range(rate):
        assert client.post(report_url(home), {"description": ""}).status_code == 400
    response = client.post(report_url(home), form_data(client, home))
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert not ErrorReport.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(site_group):
    client = visitor(enforce_csrf_checks=True)
    home = site_group.county_a.home
    assert client.post(report_url(home), form_data(client, home)).status_code == 403
    assert not ErrorReport.objects.exists()


def test_the_footer_of_a_county_page_links_the_countys_form_with_the_page(site_group):
    article = ArticlePageFactory(parent=column(site_group.county_a.home), title="文章", slug="wz")
    soup = BeautifulSoup(visitor().get("/zwdt/wz/").content, "html.parser")
    link = next(a for a in soup.select("nav.footer-links a") if a.get_text() == "我为政府网站找错")
    assert link["href"] == f"/zhaocuo/{site_group.county_a.home.pk}/?url=%2Fzwdt%2Fwz%2F"
    form = BeautifulSoup(visitor().get(link["href"]).content, "html.parser")
    assert form.select_one('input[name="page_url"]')["value"] == "/zwdt/wz/"
    assert article.pk


# --- Handling in the admin ---------------------------------------------------------------------


def make_report(home, **kwargs):
    fields = {"problem_type": ProblemType.TYPO, "description": DESCRIPTION, "contact": "13900000000", **kwargs}
    return ErrorReport.objects.create(site_home=home, **fields)


def staff(result, role="编辑", name=None):
    return UserFactory(username=name or f"{result.home.slug}-{role}", groups=[result.groups[role]])


def admin_client(user):
    client = Client()
    client.force_login(user)
    return client


def test_staff_list_their_own_sites_reports_open_first_with_overdue_marked(site_group):
    with time_machine.travel(datetime.datetime(2026, 9, 1, 10, 0, tzinfo=SHANGHAI), tick=False):
        old = make_report(site_group.county_a.home, description="旧的找错")
    answered = make_report(site_group.county_a.home, description="已答复的找错", status=ErrorReportStatus.ANSWERED)
    fresh = make_report(site_group.county_a.home, description="新的找错")
    make_report(site_group.county_b.home, description="乙县的找错")
    client = admin_client(staff(site_group.county_a))

    response = client.get(reverse("monitoring_error_reports"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "乙县的找错" not in body
    assert body.index("旧的找错") < body.index("新的找错") < body.index("已答复的找错")
    assert "已超期" in body
    assert old.is_overdue() and not fresh.is_overdue() and answered.pk


def test_answering_sets_the_status_and_logs_it(site_group):
    report = make_report(site_group.county_a.home)
    user = staff(site_group.county_a)
    client = admin_client(user)
    url = reverse("monitoring_error_report", args=[report.pk])
    detail = client.get(url)
    assert "13900000000" in detail.content.decode()  # the contact, for the site's staff

    assert client.post(url, {"answer": ""}).status_code == 400
    report.refresh_from_db()
    assert report.status == ErrorReportStatus.OPEN

    response = client.post(url, {"answer": "已更正电话号码。"})

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.answer, report.answered_by) == (ErrorReportStatus.ANSWERED, "已更正电话号码。", user)
    assert report.answered_at is not None
    entry = ModelLogEntry.objects.get(action="monitoring.error_report.answer")
    assert entry.object_id == str(report.pk) and entry.user == user


def test_another_sites_staff_get_404_and_change_nothing(site_group):
    report = make_report(site_group.county_b.home)
    url = reverse("monitoring_error_report", args=[report.pk])
    outsider = admin_client(staff(site_group.county_a))

    assert outsider.get(url).status_code == 404
    assert outsider.post(url, {"answer": "越权答复"}).status_code == 404
    report.refresh_from_db()
    assert report.status == ErrorReportStatus.OPEN and report.answer == ""
    # Positive control: county B's own editor may answer.
    assert admin_client(staff(site_group.county_b)).post(url, {"answer": "已处理"}).status_code == 302
    report.refresh_from_db()
    assert report.status == ErrorReportStatus.ANSWERED


def test_a_portal_editor_does_not_handle_a_countys_reports(site_group):
    report = make_report(site_group.county_a.home)
    client = admin_client(staff(site_group.portal))
    assert client.get(reverse("monitoring_error_report", args=[report.pk])).status_code == 404
    assert DESCRIPTION not in client.get(reverse("monitoring_error_reports")).content.decode()


def test_a_user_without_the_permission_is_refused(site_group):
    report = make_report(site_group.county_a.home)
    user = UserFactory(username="no-perm", groups=[site_group.county_a.groups["编辑"]])
    user.groups.clear()
    client = admin_client(user)
    assert client.get(reverse("monitoring_error_reports")).status_code in (302, 403)
    assert client.post(reverse("monitoring_error_report", args=[report.pk]), {"answer": "x"}).status_code in (
        302,
        403,
        404,
    )
    report.refresh_from_db()
    assert report.status == ErrorReportStatus.OPEN


def test_typed_text_is_escaped_in_the_admin(site_group):
    report = make_report(
        site_group.county_a.home, description="<script>alert(1)</script>", contact="<b>x</b>", page_url='/a"><i>'
    )
    client = admin_client(staff(site_group.county_a))
    for url in (reverse("monitoring_error_reports"), reverse("monitoring_error_report", args=[report.pk])):
        body = client.get(url).content.decode()
        assert "<script>alert(1)" not in body and "<b>x</b>" not in body and '"><i>' not in body
        assert "&lt;script&gt;" in body


def test_page_feedback_report_counts_per_page_for_the_sites_staff(site_group):
    article = ArticlePageFactory(parent=column(site_group.county_a.home), title="甲县指南", slug="zn")
    other = ArticlePageFactory(parent=column(site_group.county_b.home), title="乙县指南", slug="zn")
    for helpful, comment in ((True, "很好"), (True, ""), (False, "<b>不清楚</b>")):
        PageFeedback.objects.create(page=article, site_home=site_group.county_a.home, helpful=helpful, comment=comment)
    PageFeedback.objects.create(page=other, site_home=site_group.county_b.home, helpful=True, comment="乙县意见")
    client = admin_client(staff(site_group.county_a, role="管理员"))

    response = client.get(reverse("monitoring_page_feedback"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "甲县指南" in body and "乙县指南" not in body and "乙县意见" not in body
    assert "&lt;b&gt;不清楚&lt;/b&gt;" in body and "很好" in body
    rows = response.context["object_list"]
    assert [(row["page_title"], row["helpful_count"], row["unhelpful_count"]) for row in rows] == [("甲县指南", 2, 1)]
    export = client.get(reverse("monitoring_page_feedback"), {"export": "csv"})
    assert export.status_code == 200 and "甲县指南" in b"".join(export.streaming_content).decode("utf-8-sig")


def test_an_english_page_reports_to_the_chinese_site(english_portal, client):  # noqa: F811
    home = english_portal.portal.home
    english_home = english_of(home)
    soup = BeautifulSoup(client.get("/en/").content, "html.parser")
    link = next(a["href"] for a in soup.select("nav.footer-links a") if "zhaocuo" in a["href"])
    assert link == f"/en/zhaocuo/{english_home.pk}/?url=%2Fen%2F"
    assert "report it here" in client.get(link).content.decode()  # in the reader's language

    response = client.post(link.split("?")[0], form_data(client, english_home, page_url="/en/"))

    assert response.status_code == 200
    assert ErrorReport.objects.get().site_home_id == home.pk


def test_the_english_form_of_a_site_without_english_is_the_notice(site_group):
    home = site_group.county_a.home

    response = visitor().get(f"/en/zhaocuo/{home.pk}/")

    assert response.status_code == 404
    assert f"/zhaocuo/{home.pk}/" in response.content.decode()


def test_text_with_angle_brackets_is_stored_as_typed_and_escaped_in_the_receipt(site_group):
    client = visitor()
    home = site_group.county_a.home
    text = "收入<3000元 & 5>2 的说明有误"
    response = client.post(report_url(home), form_data(client, home, description=text))

    assert response.status_code == 200
    assert ErrorReport.objects.get().description == text
    assert "收入&lt;3000元 &amp; 5&gt;2" in response.content.decode()


def test_a_platform_administrator_reads_every_sites_reports_but_not_contacts_and_answers_none(site_group):
    from django.contrib.auth.models import Group

    from sitegroup.platform import SYSTEM_ADMIN_GROUP

    report = make_report(site_group.county_b.home)
    client = admin_client(UserFactory(username="sysadmin", groups=[Group.objects.get(name=SYSTEM_ADMIN_GROUP)]))
    url = reverse("monitoring_error_report", args=[report.pk])

    assert DESCRIPTION in client.get(reverse("monitoring_error_reports")).content.decode()
    detail = client.get(url)
    assert detail.status_code == 200 and "13900000000" not in detail.content.decode()
    assert 'name="answer"' not in detail.content.decode()
    assert client.post(url, {"answer": "越权"}).status_code in (302, 403)
    report.refresh_from_db()
    assert report.status == ErrorReportStatus.OPEN


def test_a_10_mb_body_is_refused_with_400_and_stores_nothing(site_group):
    client = visitor()
    home = site_group.county_a.home
    response = client.post(report_url(home), form_data(client, home, description="错" * (10 * 1024 * 1024 // 3)))
    assert response.status_code == 400
    assert "提交的内容过大" in response.content.decode()
    assert not ErrorReport.objects.exists()


def test_the_form_states_the_answer_period_of_the_settings(site_group):
    from monitoring.models import MonitoringSettings

    settings = MonitoringSettings.load()
    settings.error_report_working_days = 5
    settings.save()
    body = visitor().get(report_url(site_group.county_a.home)).content.decode()
    assert "收到后5个工作日内" in body


def test_the_site_history_shows_an_answer_to_its_own_sites_staff_only(site_group):
    """The site history (sitegroup.scoped_lists.ScopedSiteHistoryView) keeps entries of rows that belong to one
    site to that site's staff, although Wagtail would show them to every holder of the model's permission."""
    report = make_report(site_group.county_a.home)
    answerer = staff(site_group.county_a, name="jia-answerer")
    admin_client(answerer).post(reverse("monitoring_error_report", args=[report.pk]), {"answer": "已更正电话号码。"})

    own = admin_client(staff(site_group.county_a, name="jia-colleague")).get("/admin/reports/site-history/")
    other = admin_client(staff(site_group.county_b, name="yi-editor")).get("/admin/reports/site-history/")

    assert "jia-answerer" in own.content.decode() and "答复网站找错" in own.content.decode()
    assert other.status_code == 200 and "jia-answerer" not in other.content.decode()
