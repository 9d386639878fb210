"""撤稿: a live page is withdrawn with a reason that stays in its history and can be shown on its old URL."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from release.models import Withdrawal
from tests.factories import ArticlePageFactory
from tests.sitegroup.utils import assert_refused, counts, message_texts

pytestmark = pytest.mark.django_db

REASON = "数据有误，待核实后重新发布。"


@pytest.fixture
def article(site_group):
    """A live county A article at county-a.localhost/zwdt/fangxun/."""
    column = site_group.county_a.home.get_children().get(slug="zwdt").specific
    article = ArticlePageFactory(parent=column, title="甲县召开防汛工作会议", slug="fangxun")
    article.save_revision().publish()
    return article


def withdraw_url(page):
    return reverse("release_withdraw", args=[page.pk])


def withdraw(client, user, page, reason=REASON, show_notice=True):
    client.force_login(user)
    data = {"reason": reason}
    if show_notice:
        data["show_notice"] = "on"
    return client.post(withdraw_url(page), data)


def actions(page):
    return list(PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", flat=True))


def test_an_approver_withdraws_a_live_page_with_a_reason_that_stays_in_its_history(client, article, county_a_staff):
    approver = county_a_staff.approver
    response = withdraw(client, approver, article)

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[article.pk])
    article.refresh_from_db()
    assert not article.live
    assert actions(article)[-2:] == ["wagtail.unpublish", "release.withdraw"]
    entry = PageLogEntry.objects.get(page=article, action="release.withdraw")
    assert (entry.user, entry.data["reason"], entry.data["show_notice"]) == (approver, REASON, True)
    withdrawal = Withdrawal.objects.get()
    assert (withdrawal.page, withdrawal.title, withdrawal.withdrawn_by) == (article.page_ptr, article.title, approver)
    assert withdrawal.url_path == "/portal/county-a/zwdt/fangxun/"
    assert withdrawal.full_url == "http://county-a.localhost/zwdt/fangxun/"

    history = client.get(reverse("wagtailadmin_pages:history", args=[article.pk]))
    assert "撤稿" in history.text
    assert f"撤稿，理由：{REASON}" in history.text


def test_the_withdraw_form_and_buttons_are_offered_to_those_who_may_unpublish(
    client, article, county_a_staff, site_group, make_user
):
    client.force_login(county_a_staff.approver)
    form = client.get(withdraw_url(article))
    assert form.status_code == 200
    soup = BeautifulSoup(form.content, "html.parser")
    assert soup.select_one("textarea[name=reason]") is not None
    assert soup.select_one("input[name=show_notice]").has_attr("checked")
    assert soup.select_one("input[name=csrfmiddlewaretoken]") is not None
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert withdraw_url(article) in editor.text

    # 编辑 may change the page but not publish or unpublish it.
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert editor.status_code == 200
    assert withdraw_url(article) not in editor.text


def test_the_old_url_answers_410_with_the_date_and_reason(client, article, county_a_staff):
    withdraw(client, county_a_staff.approver, article, reason="<b>数据有误</b>")
    client.logout()

    response = client.get("/zwdt/fangxun/", headers={"host": "county-a.localhost"})

    assert response.status_code == 410
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "该信息已撤稿"
    today = timezone.localdate().isoformat()
    assert soup.select_one(".withdrawal-date").get_text() == f"该信息已于 {today} 撤稿。"
    # Escaped like anything typed in the admin.
    assert soup.select_one(".withdrawal-reason").get_text() == "撤稿说明：<b>数据有误</b>"
    assert soup.select_one(".site-brand").get_text() == "甲县人民政府"
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"


def test_the_notice_shows_under_every_hostname_serving_the_page(client, article, county_a_staff):
    withdraw(client, county_a_staff.approver, article)
    client.logout()

    response = client.get("/county-a/zwdt/fangxun/", headers={"host": "localhost"})

    assert response.status_code == 410
    assert REASON in response.text


def test_without_the_notice_the_old_url_is_a_plain_404(client, article, county_a_staff):
    withdraw(client, county_a_staff.approver, article, show_notice=False)
    client.logout()

    response = client.get("/zwdt/fangxun/", headers={"host": "county-a.localhost"})

    assert response.status_code == 404
    assert REASON not in response.text
    assert not article.__class__.objects.get(pk=article.pk).live


def test_other_missing_urls_stay_404(client, article, county_a_staff):
    withdraw(client, county_a_staff.approver, article)
    client.logout()

    assert client.get("/zwdt/other/", headers={"host": "county-a.localhost"}).status_code == 404
    # The same slug in another site is another page.
    assert client.get("/zwdt/fangxun/", headers={"host": "county-b.localhost"}).status_code == 404


def test_a_page_republished_after_withdrawal_is_served_again(client, article, county_a_staff):
    withdraw(client, county_a_staff.approver, article)
    article.get_latest_revision().publish()
    client.logout()

    assert client.get("/zwdt/fangxun/", headers={"host": "county-a.localhost"}).status_code == 200


def test_after_republishing_only_a_later_withdrawal_speaks_for_the_url(client, article, county_a_staff):
    withdraw(client, county_a_staff.approver, article)
    article.get_latest_revision().publish()
    article.refresh_from_db()
    article.unpublish()
    client.logout()
    assert client.get("/zwdt/fangxun/", headers={"host": "county-a.localhost"}).status_code == 404

    article.get_latest_revision().publish()
    article.refresh_from_db()
    withdraw(client, county_a_staff.approver, article, show_notice=False)
    client.logout()
    assert client.get("/zwdt/fangxun/", headers={"host": "county-a.localhost"}).status_code == 404


def test_a_user_of_another_site_is_refused_and_nothing_changes(client, article, site_group, make_user):
    county_b_approver = make_user(site_group.county_b.groups["签发"])
    before = counts()

    client.force_login(county_b_approver)
    assert_refused(client.get(withdraw_url(article)))
    assert_refused(withdraw(client, county_b_approver, article))

    article.refresh_from_db()
    assert article.live
    assert counts() == before
    assert not Withdrawal.objects.exists()


def test_an_information_officer_may_not_withdraw(client, article, county_a_staff):
    assert_refused(withdraw(client, county_a_staff.officer, article))
    article.refresh_from_db()
    assert article.live


@pytest.mark.parametrize(
    ("reason", "error"),
    [("   ", "请填写撤稿理由。"), ("长" * 501, "确保该变量包含不超过 500 字符 (目前字符数 501)。")],
)
def test_a_reason_is_required_and_limited(client, article, county_a_staff, reason, error):
    before = counts()

    response = withdraw(client, county_a_staff.approver, article, reason=reason)

    assert response.status_code == 200
    assert error in response.context["form"].errors["reason"]
    assert "未执行，请修改以下错误。" in message_texts(response)
    article.refresh_from_db()
    assert article.live
    assert counts() == before
    assert not Withdrawal.objects.exists()


def test_a_post_without_the_csrf_token_is_rejected(article, county_a_staff):
    client = Client(enforce_csrf_checks=True)

    response = withdraw(client, county_a_staff.approver, article)

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.live
    assert not Withdrawal.objects.exists()


def test_withdrawing_a_column_withdraws_the_live_pages_below_it(client, article, county_a_staff, site_group):
    column = article.get_parent()
    draft = ArticlePageFactory(parent=column, title="甲县防汛草稿", slug="caogao", live=False)
    column_url = "/zwdt/"
    client.logout()
    # Before the fix: a live page below an unpublished column was still served at its URL.
    assert client.get("/zwdt/fangxun/", headers={"host": "county-a.localhost"}).status_code == 200
    approver = county_a_staff.approver
    client.force_login(approver)
    assert "其下 1 个已发布页面将一并撤稿" in client.get(withdraw_url(column)).text

    response = withdraw(client, approver, column)

    assert response.status_code == 302
    assert "“政务动态”及其下 1 个已发布页面已撤稿。" in message_texts(client.get(response.url))
    column.refresh_from_db()
    article.refresh_from_db()
    draft.refresh_from_db()
    assert not column.live
    assert not article.live
    assert not draft.live
    assert actions(article)[-2:] == ["wagtail.unpublish", "release.withdraw"]
    entry = PageLogEntry.objects.get(page=article, action="release.withdraw")
    assert (entry.user, entry.data["reason"], entry.data["with_page"]) == (approver, REASON, column.pk)
    assert not PageLogEntry.objects.filter(page=draft, action__in=["wagtail.unpublish", "release.withdraw"]).exists()
    assert set(Withdrawal.objects.values_list("page", flat=True)) == {column.pk, article.pk}
    history = client.get(reverse("wagtailadmin_pages:history", args=[article.pk]))
    assert f"随上级页面“政务动态”撤稿，理由：{REASON}" in history.text
    client.logout()
    for url in (column_url, "/zwdt/fangxun/"):
        response = client.get(url, headers={"host": "county-a.localhost"})
        assert response.status_code == 410
        assert REASON in response.text


def test_withdrawing_a_site_home_takes_the_whole_site_down(client, article, county_a_staff, site_group):
    home = site_group.county_a.home
    live_before = home.get_descendants(inclusive=True).live().count()
    assert live_before > 2

    withdraw(client, county_a_staff.administrator, home)

    assert not home.get_descendants(inclusive=True).live().exists()
    assert Withdrawal.objects.count() == live_before
    # Sibling sites stay up.
    assert site_group.county_b.home.get_descendants(inclusive=True).live().count() > 0
