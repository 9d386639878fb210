"""这条信息对您有帮助吗: the plain GET widget on content pages (no CSRF token, so they stay cacheable) and the
feedback form it leads to (/pingjia/<page id>/): the platform's public-form pattern, one row on success, nothing
on any error; only live, public, non-home pages take feedback, and the site is taken from the tree."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import PageViewRestriction

from monitoring import public_views
from monitoring.models import FEEDBACK_COMMENT_MAX_LENGTH, PageFeedback
from tests.citizen_mailbox.conftest import captcha_answer
from tests.factories import ArticlePageFactory
from tests.home.pages import column

pytestmark = pytest.mark.django_db

HOST = "county-a.localhost"
COMMENT = "内容很清楚，建议补充办理地址。"


def visitor(number=1, **kwargs):
    return Client(HTTP_HOST=HOST, REMOTE_ADDR=f"10.4.0.{number}", **kwargs)


@pytest.fixture
def article(site_group):
    return ArticlePageFactory(parent=column(site_group.county_a.home), title="社保办理指南", slug="sbbl")


def feedback_url(page):
    return f"/pingjia/{page.pk}/"


def form_data(client, page, **overrides):
    response = client.get(feedback_url(page), {"helpful": "1"})
    assert response.status_code == 200
    hashkey, answer = captcha_answer(response)
    data = {"helpful": "1", "comment": COMMENT, "captcha_0": hashkey, "captcha_1": answer}
    data.update(overrides)
    return data


def test_a_content_page_has_a_plain_get_widget_and_no_csrf_token(article):
    response = visitor().get(article.url)
    soup = BeautifulSoup(response.content, "html.parser")
    widget = soup.select_one("form.page-feedback")

    assert widget["method"] == "get" and widget["action"] == feedback_url(article)
    assert widget.legend.get_text() == "这条信息对您有帮助吗？"
    assert [(b["name"], b["value"], b.get_text()) for b in widget.select("button")] == [
        ("helpful", "1", "有帮助"),
        ("helpful", "0", "没帮助"),
    ]
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_home_and_column_pages_have_no_widget(site_group, client):
    for url in ("/", "/zwdt/"):
        soup = BeautifulSoup(client.get(url, HTTP_HOST=HOST).content, "html.parser")
        assert soup.select_one("form.page-feedback") is None, url


def test_the_feedback_form_preselects_the_answer_and_stores_one_row(article, site_group):
    client = visitor()
    form = client.get(feedback_url(article), {"helpful": "0"})
    assert "no-store" in form["Cache-Control"]
    soup = BeautifulSoup(form.content, "html.parser")
    assert soup.select_one('input[name="helpful"][value="0"]').has_attr("checked")
    assert soup.select_one('input[name="csrfmiddlewaretoken"]')
    assert soup.html["lang"] == "zh-Hans" or soup.html["lang"].startswith("zh")
    assert soup.h1.get_text() == "信息评价"
    assert not PageFeedback.objects.exists()

    response = client.post(feedback_url(article), form_data(client, article, helpful="0"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "感谢您的评价" in body and 'href="/zwdt/sbbl/"' in body
    row = PageFeedback.objects.get()
    assert (row.page_id, row.site_home_id, row.helpful, row.comment) == (
        article.pk,
        site_group.county_a.home.pk,
        False,
        COMMENT,
    )


def test_the_site_comes_from_the_tree_not_the_form(article, site_group):
    client = visitor()
    data = form_data(client, article, site_home=site_group.county_b.home.pk, site_home_id=site_group.county_b.home.pk)
    assert client.post(feedback_url(article), data).status_code == 200
    assert PageFeedback.objects.get().site_home_id == site_group.county_a.home.pk


BAD_INPUT = [
    ("no answer", {"helpful": ""}, "请选择“有帮助”或“没帮助”。"),
    ("bad answer", {"helpful": "2"}, "请选择“有帮助”或“没帮助”。"),
    ("over-long comment", {"comment": "评" * (FEEDBACK_COMMENT_MAX_LENGTH + 1)}, "意见建议不能超过300个字。"),
    ("markup", {"comment": "<script>alert(1)</script>"}, "不要包含网页代码"),
    ("wrong captcha", {"captcha_1": "-999"}, "验证码答案不正确"),
    ("no captcha", {"captcha_1": ""}, "请填写验证码。"),
]


@pytest.mark.parametrize(("case", "overrides", "error"), BAD_INPUT, ids=[case for case, _, _ in BAD_INPUT])
def test_bad_input_is_refused_clearly_and_stores_nothing(article, case, overrides, error):
    client = visitor()
    response = client.post(feedback_url(article), form_data(client, article, **overrides))

    assert response.status_code == 400
    body = response.content.decode()
    assert error in body and 'class="error-summary"' in body
    assert "<script>alert" not in body
    assert not PageFeedback.objects.exists()


def test_only_live_public_non_home_pages_take_feedback(article, site_group):
    draft = ArticlePageFactory(parent=column(site_group.county_a.home), title="草稿", slug="draft")
    draft.unpublish()
    private = ArticlePageFactory(parent=column(site_group.county_a.home), title="内部", slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    client = visitor()
    for page_id in (draft.pk, private.pk, site_group.county_a.home.pk, 999999):
        assert client.get(f"/pingjia/{page_id}/", {"helpful": "1"}).status_code == 404, page_id
        posted = client.post(f"/pingjia/{page_id}/", {"helpful": "1", "captcha_0": "x", "captcha_1": "1"})
        assert posted.status_code == 404
    assert not PageFeedback.objects.exists()


def test_a_flood_is_stopped_with_429_and_stores_nothing(article):
    client = visitor()
    rate = int(public_views.FEEDBACK_RATE.split("/")[0])
    for _ in range(rate):
        assert client.post(feedback_url(article), {"helpful": ""}).status_code == 400
    response = client.post(feedback_url(article), form_data(client, article))
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert not PageFeedback.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(article):
    client = visitor(enforce_csrf_checks=True)
    assert client.post(feedback_url(article), form_data(client, article)).status_code == 403
    assert not PageFeedback.objects.exists()


def test_the_public_pages_follow_the_structure_conventions(article, site_group):
    """The checks every public page passes (tests/home/test_templates_structure.py), on these forms, their error
    states, receipts and the rate-limited page."""
    from tests.home import test_templates_structure as structure

    home = site_group.county_a.home
    client = visitor()
    pages = {}

    def keep(name, response):
        pages[name] = BeautifulSoup(response.content, "html.parser")

    keep("feedback", client.get(feedback_url(article), {"helpful": "1"}))
    keep("feedback-errors", client.post(feedback_url(article), {"helpful": "", "comment": "x" * 400}))
    keep("feedback-thanks", client.post(feedback_url(article), form_data(client, article)))
    keep("report", client.get(f"/zhaocuo/{home.pk}/", {"url": "/zwdt/"}))
    keep("report-errors", client.post(f"/zhaocuo/{home.pk}/", {"description": ""}))
    response = client.get(f"/zhaocuo/{home.pk}/")
    key, value = captcha_answer(response)
    data = {"problem_type": "typo", "description": "错字", "captcha_0": key, "captcha_1": value}
    keep("report-receipt", client.post(f"/zhaocuo/{home.pk}/", data))
    flooded = visitor(9)
    for _ in range(int(public_views.FEEDBACK_RATE.split("/")[0]) + 1):
        last = flooded.post(feedback_url(article), {"helpful": ""})
    assert last.status_code == 429
    keep("rate-limited", last)

    for check in (
        structure.test_every_page_has_one_h1_first_and_no_skipped_heading_level,
        structure.test_every_page_has_the_landmarks_and_a_working_skip_link,
        structure.test_every_page_declares_its_language_title_description_and_icon,
        structure.test_images_have_alt_text_and_links_have_text,
        structure.test_pages_load_nothing_from_other_hosts,
    ):
        check(pages)
    # Every visible field has its label; the error summary comes first and links to the fields.
    for name in ("feedback", "report"):
        soup = pages[name]
        for control in soup.select("form.public-form textarea, form.public-form input[type=text]"):
            assert soup.select_one(f'label[for="{control["id"]}"]'), (name, control["id"])
    assert pages["report-errors"].select_one(".error-summary a")["href"] == "#id_problem_type_0"
