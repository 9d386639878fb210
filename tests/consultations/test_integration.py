"""意见征集 and 网上调查 in the rest of the site: a home-page block listing either column (open ones first, with their
state and next date), the policy adopted after a consultation linking back to it, and the admin's ways in: 意见审核
from a consultation's page, 导出答卷 from a survey's page, for the site's own staff only; on county A."""

import csv
import datetime
import io
from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from tests.consultations.moderation_world import comment_on
from tests.consultations.test_consultation_public import HOST, index_under, make_consultation
from tests.consultations.test_surveys import add_survey, respond, survey_index
from tests.consultations.test_translated_pages import in_english
from tests.policy.utils import add_policy, library_of

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 10, 2, 0, tzinfo=datetime.UTC)  # 10:00 in China


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def days(number):
    return NOW + timedelta(days=number)


def show_on_home(home, column, count=4):
    home.body = [{"type": "latest", "value": {"column": column.pk, "count": count, "title": "征集调查"}}]
    home.save_revision().publish()


def home_block(client):
    """[(title, caption)] of the home page's 征集调查 block."""
    soup = BeautifulSoup(client.get("/", HTTP_HOST=HOST).content, "html.parser")
    block = soup.find("h2", string="征集调查").find_parent("section")
    return [
        (item.a.get_text(strip=True), item.find(class_="home-list__number").get_text(strip=True))
        for item in block.select("li")
    ]


def test_a_home_block_lists_the_open_consultations_first_with_their_closing_date(client, site_group):
    index = index_under(site_group.county_a.home)
    make_consultation(index, title="已截止的征集", opens=days(-60), closes=days(-20))
    make_consultation(index, title="已反馈的征集", opens=days(-90), closes=days(-50), feedback="<p>已采纳。</p>")
    make_consultation(index, title="下周开始的征集", opens=days(7), closes=days(47))
    make_consultation(index, title="晚些截止的征集", opens=days(-1), closes=days(40))
    make_consultation(index, title="早些截止的征集", opens=days(-10), closes=days(32))
    make_consultation(index, title="未发布的征集", live=False)
    show_on_home(site_group.county_a.home, index, count=5)

    assert home_block(client) == [
        ("早些截止的征集", "征集中，2026-07-12截止"),
        ("晚些截止的征集", "征集中，2026-07-20截止"),
        ("下周开始的征集", "未开始，2026-06-17开始"),
        ("已截止的征集", "已截止"),
        ("已反馈的征集", "已反馈"),
    ]


def test_a_home_block_lists_the_open_surveys_first_and_leaves_out_protected_ones(client, site_group):
    index = survey_index(site_group.county_a.home)
    add_survey(index, title="已结束的调查", slug="past", opens=-30, closes=-5)
    add_survey(index, title="进行中的调查", slug="open", opens=-2, closes=8)
    add_survey(index, title="将要开始的调查", slug="soon", opens=3, closes=20)
    hidden = add_survey(index, title="内部调查", slug="hidden", opens=-1, closes=5)
    PageViewRestriction.objects.create(page=Page.objects.get(pk=hidden.pk), restriction_type="login")
    show_on_home(site_group.county_a.home, index)

    assert home_block(client) == [
        ("进行中的调查", "进行中，2026-06-18截止"),
        ("将要开始的调查", "未开始，2026-06-13开始"),
        ("已结束的调查", "已截止"),
    ]


def test_the_consultation_block_costs_the_same_queries_however_many_it_lists(client, site_group):
    index = index_under(site_group.county_a.home)
    make_consultation(index, opens=days(-1), closes=days(40))
    show_on_home(site_group.county_a.home, index)
    client.get("/", HTTP_HOST=HOST)  # caches warmed
    with CaptureQueriesContext(connection) as one:
        client.get("/", HTTP_HOST=HOST)
    for _ in range(3):
        make_consultation(index, opens=days(-1), closes=days(40))
    with CaptureQueriesContext(connection) as four:
        client.get("/", HTTP_HOST=HOST)

    assert len(home_block(client)) == 4
    assert len(four) == len(one)


# --- the policy's back-link ---------------------------------------------------------------------------------


def consulted_on(policy_page, client, host=HOST):
    """[(text, hrefs)] of the policy page's 征求意见 section, one entry per consultation."""
    response = client.get(policy_page.url, HTTP_HOST=host)
    assert response.status_code == 200
    section = BeautifulSoup(response.content, "html.parser").find(
        "section", attrs={"aria-labelledby": "consultations-title"}
    )
    if section is None:
        return []
    return [(" ".join(item.get_text().split()), [a["href"] for a in item("a")]) for item in section("li")]


def test_an_adopted_policy_links_back_to_its_live_public_consultations(client, site_group):
    policy = add_policy(library_of(site_group.county_a), "甲县某某管理办法")
    index = index_under(site_group.county_a.home)
    answered = make_consultation(
        index, title="某某管理办法（征求意见稿）", opens=days(-90), closes=days(-50), feedback="<p>已采纳。</p>"
    )
    answered.adopted_policy = policy
    answered.save_revision().publish()
    make_consultation(index, title="未发布的征集", adopted_policy=policy, live=False)
    protected = make_consultation(index, title="内部征集", adopted_policy=policy)
    PageViewRestriction.objects.create(page=Page.objects.get(pk=protected.pk), restriction_type="login")
    make_consultation(index, title="其他政策的征集")

    assert consulted_on(policy, client) == [
        (
            "本政策曾公开征求意见：某某管理办法（征求意见稿）（查看意见采纳情况）",
            [answered.full_url, answered.full_url + "#consultation-feedback-title"],
        )
    ]


def test_the_link_to_the_feedback_waits_for_the_feedback(client, site_group):
    policy = add_policy(library_of(site_group.county_a), "甲县另一办法")
    consultation = make_consultation(index_under(site_group.county_a.home), title="仍在征集", adopted_policy=policy)

    assert consulted_on(policy, client) == [("本政策曾公开征求意见：仍在征集", [consultation.full_url])]


def test_a_policy_without_a_consultation_shows_no_section(client, site_group):
    assert consulted_on(add_policy(library_of(site_group.county_a), "未征求意见的办法"), client) == []


def test_the_policy_page_costs_the_same_queries_with_one_consultation_or_three(client, site_group):
    policy = add_policy(library_of(site_group.county_a), "甲县某某管理办法")
    index = index_under(site_group.county_a.home)
    make_consultation(index, adopted_policy=policy)
    client.get(policy.url, HTTP_HOST=HOST)  # caches warmed
    with CaptureQueriesContext(connection) as one:
        client.get(policy.url, HTTP_HOST=HOST)
    for _ in range(2):
        make_consultation(index, adopted_policy=policy, opens=days(-90), closes=days(-50), feedback="<p>已反馈。</p>")
    with CaptureQueriesContext(connection) as three:
        client.get(policy.url, HTTP_HOST=HOST)

    assert len(consulted_on(policy, client)) == 3
    extra = [query["sql"] for query in three.captured_queries[len(one.captured_queries) :]]
    assert len(three) == len(one), extra


# --- the admin's ways in ----------------------------------------------------------------------------------


def admin_links(client, url):
    """{label: href} of the links of an admin page; none when the user may not open it (Wagtail redirects)."""
    response = client.get(url)
    if response.status_code == 302:
        return {}
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {link.get_text(strip=True): link["href"] for link in soup.find_all("a", href=True)}


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def explorer_url(page):
    return reverse("wagtailadmin_explore", args=[page.get_parent().pk])


@pytest.fixture
def consultation(site_group):
    return make_consultation(index_under(site_group.county_a.home), title="甲县征求意见稿")


@pytest.fixture
def survey(site_group):
    survey = add_survey(survey_index(site_group.county_a.home), title="甲县公交调查", slug="jxgj")
    respond(survey, "1路", ["准点"], "5", "多开夜班车")
    respond(survey, "3路", [], "2")
    return survey


def test_the_sites_editor_finds_moderation_from_the_consultation(client, site_group, make_user, consultation):
    comment_on(consultation, site_group.county_a.home, content="建议延长过渡期。")
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    moderation = f"{reverse('consultations_comments')}?consultation={consultation.pk}"

    assert admin_links(client, edit_url(consultation))["意见审核"] == moderation
    assert admin_links(client, explorer_url(consultation))["意见审核"] == moderation
    listed = client.get(moderation)
    assert listed.status_code == 200 and "建议延长过渡期。" in listed.content.decode()


def test_the_moderation_list_narrows_to_a_consultation_without_comments_yet(
    client, site_group, make_user, consultation
):
    other = make_consultation(index_under(site_group.county_a.home), title="另一征求意见稿")
    comment_on(other, site_group.county_a.home, content="另一征集的意见")
    client.force_login(make_user(site_group.county_a.groups["编辑"]))

    listed = client.get(admin_links(client, edit_url(consultation))["意见审核"]).content.decode()

    assert "另一征集的意见" not in listed


@pytest.mark.parametrize("who", ["portal_editor", "county_a_officer"])
def test_others_who_open_the_consultation_are_not_offered_moderation(client, site_group, make_user, consultation, who):
    # The portal's 编辑 edit the counties' pages, but the counties' comments are the counties'; an 信息员 browses
    # the column in the explorer (the editor is closed to them) and moderates nothing.
    group = {
        "portal_editor": site_group.portal.groups["编辑"],
        "county_a_officer": site_group.county_a.groups["信息员"],
    }
    client.force_login(make_user(group[who]))

    assert "意见审核" not in admin_links(client, edit_url(consultation))
    assert "意见审核" not in admin_links(client, explorer_url(consultation))


def test_another_sites_staff_cannot_narrow_the_list_to_a_consultation_of_county_a(
    client, site_group, make_user, consultation
):
    comment_on(consultation, site_group.county_a.home, content="甲县的意见", contact="甲县联系电话")
    client.force_login(make_user(site_group.county_b.groups["编辑"]))

    listed = client.get(f"{reverse('consultations_comments')}?consultation={consultation.pk}").content.decode()

    assert "甲县的意见" not in listed and "甲县征求意见稿" not in listed


def export_links(client, url):
    links = admin_links(client, url)
    return {label: href for label, href in links.items() if label.startswith("导出答卷")}


def test_the_sites_editor_downloads_the_responses_from_the_survey(client, site_group, make_user, survey):
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    links = export_links(client, edit_url(survey))

    assert set(links) == {"导出答卷 CSV", "导出答卷 Excel"}
    assert export_links(client, explorer_url(survey)) == links
    csv_response = client.get(links["导出答卷 CSV"])
    assert csv_response.status_code == 200 and csv_response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8").lstrip("\ufeff"))))
    assert [row[2:] for row in rows[1:]] == [["1路", "准点", "5", "多开夜班车"], ["3路", "", "2", ""]]
    xlsx = client.get(links["导出答卷 Excel"])
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")


@pytest.mark.parametrize("who", ["portal_editor", "county_a_officer"])
def test_others_who_open_the_survey_are_not_offered_the_export(client, site_group, make_user, survey, who):
    group = {
        "portal_editor": site_group.portal.groups["编辑"],
        "county_a_officer": site_group.county_a.groups["信息员"],
    }
    client.force_login(make_user(group[who]))

    assert export_links(client, edit_url(survey)) == {}
    assert export_links(client, explorer_url(survey)) == {}


def test_another_sites_editor_gets_nothing_from_the_export_url(client, site_group, make_user, survey):
    client.force_login(make_user(site_group.county_a.groups["编辑"]))
    url = export_links(client, edit_url(survey))["导出答卷 CSV"]
    client.force_login(make_user(site_group.county_b.groups["编辑"]))

    response = client.get(url)

    assert response.status_code == 404 and "多开夜班车" not in response.content.decode()


# --- translations -------------------------------------------------------------------------------------------


def test_the_english_policy_links_the_english_consultation_once(client, site_group):
    policy = add_policy(library_of(site_group.county_a), "甲县某某管理办法")
    consultation = make_consultation(index_under(site_group.county_a.home), title="征求意见稿", adopted_policy=policy)
    english_policy = in_english(policy, site_group)
    english_consultation = in_english(consultation, site_group)  # names the Chinese policy: a synchronised fact

    assert consulted_on(english_policy, client) == [
        (
            "The draft of this policy was put to public consultation: 征求意见稿 (English)",
            [english_consultation.full_url],
        )
    ]


def test_the_buttons_of_an_english_page_lead_to_the_chinese_originals_comments_and_responses(
    site_group, make_user, consultation, survey
):
    from consultations.admin_views import moderation_url
    from consultations.survey_views import export_urls

    editor = make_user(site_group.county_a.groups["编辑"])

    assert moderation_url(editor, in_english(consultation, site_group)).endswith(f"?consultation={consultation.pk}")
    assert [url for _, url in export_urls(editor, in_english(survey, site_group))] == [
        reverse("consultations_survey_export", args=[survey.pk, export_format]) for export_format in ("csv", "xlsx")
    ]
