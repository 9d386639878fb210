"""信息报送: a county's live article is offered to a portal column; the portal's editors adopt or return it."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from home.models import ColumnPage
from home.wagtail_hooks import word_import_listing_button
from submissions.models import Status, Submission
from submissions.wagtail_hooks import submit_listing_button
from tests.factories import ArticlePageFactory
from tests.sitegroup.utils import assert_refused, message_texts

pytestmark = pytest.mark.django_db


def column(provisioned, slug="zwdt"):
    return ColumnPage.objects.child_of(provisioned.home).get(slug=slug)


@pytest.fixture
def portal_news(site_group):
    """The portal's 政务动态, accepting submissions; county B's own 政务动态 accepts them too (from its towns)."""
    ColumnPage.objects.filter(pk__in=[column(site_group.portal).pk, column(site_group.county_b).pk]).update(
        accepts_submissions=True
    )
    return column(site_group.portal)


@pytest.fixture
def article(site_group, county_a_staff):
    """A live county A article written by the county's officer."""
    article = ArticlePageFactory(
        parent=column(site_group.county_a),
        title="甲县召开秋收工作推进会",
        slug="qiushou",
        owner=county_a_staff.officer,
        date=timezone.localdate(),
    )
    article.save_revision().publish()
    return article


@pytest.fixture
def portal_editor(site_group, make_user):
    return make_user(site_group.portal.groups["编辑"])


def submit_url(page):
    return reverse("submissions_submit", args=[page.pk])


def decide_url(submission):
    return reverse("submissions_decide", args=[submission.pk])


def submit(client, user, article, target):
    client.force_login(user)
    return client.post(submit_url(article), {"target": target.pk})


def decide(client, user, submission, decision, reason=""):
    client.force_login(user)
    return client.post(decide_url(submission), {"decision": decision, "reason": reason})


def actions(page):
    return list(PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", flat=True))


def queued(client, user):
    client.force_login(user)
    return [submission.pk for submission in client.get(reverse("submissions_queue")).context["object_list"]]


def listing_links(client, page, host="localhost"):
    response = client.get(page.url, HTTP_HOST=host)
    assert response.status_code == 200
    return [link["href"] for link in BeautifulSoup(response.content, "html.parser").select(".article-list__title")]


def test_an_officer_submits_to_columns_of_the_sites_above_only(
    client, article, portal_news, site_group, county_a_staff
):
    client.force_login(county_a_staff.officer)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert submit_url(article) in editor.text
    form = client.get(submit_url(article))
    offered = [
        int(choice["value"]) for choice in BeautifulSoup(form.content, "html.parser").select("input[name=target]")
    ]
    assert offered == [portal_news.pk]

    # A sibling county's column is not offered, and posting its id is refused with nothing stored.
    response = submit(client, county_a_staff.officer, article, column(site_group.county_b))
    assert response.status_code == 200
    assert "不能向该栏目报送" in " ".join(response.context["form"].errors["target"])
    assert not Submission.objects.exists()

    response = submit(client, county_a_staff.officer, article, portal_news)
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert (submission.article_id, submission.target_id, submission.submitted_by, submission.status) == (
        article.pk,
        portal_news.pk,
        county_a_staff.officer,
        Status.PENDING,
    )
    assert actions(article)[-1] == "submissions.submit"

    again = submit(client, county_a_staff.officer, article, portal_news)
    assert "请勿重复报送" in " ".join(again.context["form"].errors["target"])
    assert Submission.objects.count() == 1


def test_drafts_and_other_sites_articles_cannot_be_submitted(client, article, portal_news, site_group, make_user):
    draft = ArticlePageFactory(parent=column(site_group.county_a), title="草稿", slug="draft", live=False)
    administrator_a = make_user(site_group.county_a.groups["管理员"])
    assert_refused(submit(client, administrator_a, draft, portal_news))
    administrator_b = make_user(site_group.county_b.groups["管理员"])
    assert_refused(submit(client, administrator_b, article, portal_news))
    assert not Submission.objects.exists()


def test_the_portal_returns_with_a_reason_then_adopts_the_resubmission(
    client,
    article,
    portal_news,
    site_group,
    county_a_staff,
    portal_editor,
    django_capture_on_commit_callbacks,
):
    submit(client, county_a_staff.officer, article, portal_news)
    submission = Submission.objects.get()

    client.force_login(portal_editor)
    queue = client.get(reverse("submissions_queue"))
    assert article.title in queue.text and decide_url(submission) in queue.text

    # A return needs a reason; without one nothing changes.
    response = decide(client, portal_editor, submission, "return")
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    submission.refresh_from_db()
    assert submission.status == Status.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, portal_editor, submission, "return", reason="请补充会议图片")
    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.decided_by, submission.reason) == (
        Status.RETURNED,
        portal_editor,
        "请补充会议图片",
    )
    assert [message.to for message in mail.outbox] == [[county_a_staff.officer.email]]
    assert "已退回" in mail.outbox[0].subject and "请补充会议图片" in mail.outbox[0].body
    assert article.full_url not in listing_links(client, portal_news)

    # Returned: the officer may offer it again, and this time it is adopted.
    submit(client, county_a_staff.officer, article, portal_news)
    resubmission = Submission.objects.get(status=Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, portal_editor, resubmission, "adopt")
    assert any("已采用" in text for text in message_texts(client.get(response.url)))
    resubmission.refresh_from_db()
    assert resubmission.status == Status.ADOPTED
    assert "已采用" in mail.outbox[-1].subject
    assert actions(article)[-4:] == [
        "submissions.submit",
        "submissions.return",
        "submissions.submit",
        "submissions.adopt",
    ]
    history = client.get(reverse("wagtailadmin_pages:history", args=[article.pk]))
    assert "上级退回：政务动态，理由：请补充会议图片" in history.text

    # Listed on the portal, linking the county's own page (no copy); a decided submission is not decided again.
    assert article.full_url == "http://county-a.localhost/zwdt/qiushou/"
    assert article.full_url in listing_links(client, portal_news)
    decide(client, portal_editor, resubmission, "return", reason="改主意了")
    resubmission.refresh_from_db()
    assert resubmission.status == Status.ADOPTED

    # Withdrawn at the county, it leaves the portal's listing too.
    article.unpublish()
    assert article.full_url not in listing_links(client, portal_news)


def test_other_sites_cannot_see_or_decide_a_submission(
    client, article, portal_news, site_group, county_a_staff, make_user
):
    submit(client, county_a_staff.officer, article, portal_news)
    submission = Submission.objects.get()
    for outsider in (
        make_user(site_group.county_b.groups["管理员"]),
        make_user(site_group.department.groups["签发"]),
    ):
        assert queued(client, outsider) == []
        assert decide(client, outsider, submission, "adopt").status_code == 404
    # County A follows its own submission but does not decide on it.
    assert queued(client, county_a_staff.administrator) == [submission.pk]
    assert decide_url(submission) not in client.get(reverse("submissions_queue")).text
    assert decide(client, county_a_staff.administrator, submission, "adopt").status_code == 404
    submission.refresh_from_db()
    assert submission.status == Status.PENDING


def test_the_column_listing_costs_the_same_queries_for_one_or_many_adopted_articles(
    client, portal_news, site_group, make_user, portal_editor
):
    officer = make_user(site_group.county_a.groups["编辑"])

    def adopt_new_article(slug):
        page = ArticlePageFactory(parent=column(site_group.county_a), title=f"采用{slug}", slug=slug)
        page.save_revision().publish()
        submit(client, officer, page, portal_news)
        decide(client, portal_editor, Submission.objects.get(article=page), "adopt")

    adopt_new_article("one")
    client.logout()
    listing_links(client, portal_news)  # warm the site root cache
    with CaptureQueriesContext(connection) as few:
        assert len(listing_links(client, portal_news)) == 1
    for slug in ("two", "three", "four", "five"):
        adopt_new_article(slug)
    client.logout()
    with CaptureQueriesContext(connection) as many:
        assert len(listing_links(client, portal_news)) == 5
    assert len(many) == len(few)


def test_the_statistics_count_adoptions_and_returns(
    client, article, portal_news, site_group, county_a_staff, portal_editor
):
    second = ArticlePageFactory(parent=column(site_group.county_a), title="甲县第二篇", slug="second")
    second.save_revision().publish()
    submit(client, county_a_staff.officer, article, portal_news)
    submit(client, county_a_staff.administrator, second, portal_news)
    first_submission, second_submission = Submission.objects.order_by("pk")
    decide(client, portal_editor, first_submission, "adopt")
    decide(client, portal_editor, second_submission, "return", reason="重复报送")

    client.force_login(county_a_staff.administrator)
    today = timezone.localdate()
    response = client.get(reverse("release_statistics_report"), {"year": today.year, "dimension": "site"})
    rows = list(response.context["object_list"])
    assert [(row.site, row.adopted, row.returned) for row in rows] == [("甲县人民政府", 1, 1), ("", 1, 1)]
    assert "上级采用" in response.text


def test_the_article_buttons_cost_no_query_per_explorer_row(article, site_group, county_a_staff):
    """报送上级 and 从Word导入 are offered in every explorer row: deciding to show them reads nothing more."""
    officer = county_a_staff.officer
    rows = list(Page.objects.filter(pk__in=[article.pk, column(site_group.county_a).pk]))
    rows[0].permissions_for_user(officer).can_edit()  # Wagtail caches the user's permissions once per request
    with CaptureQueriesContext(connection) as queries:
        shown = {
            (row.pk, button.label)
            for row in rows
            for hook in (word_import_listing_button, submit_listing_button)
            for button in hook(row, officer)
            if button.is_shown(officer)
        }
    assert len(queries) == 0
    assert shown == {(article.pk, "从Word导入"), (article.pk, "报送上级")}


def test_an_article_taken_offline_at_the_county_cannot_be_adopted(
    client, article, portal_news, county_a_staff, portal_editor
):
    submit(client, county_a_staff.officer, article, portal_news)
    article.unpublish()
    submission = Submission.objects.get()

    response = decide(client, portal_editor, submission, "adopt")

    assert any("已在报送单位下线" in text for text in message_texts(client.get(response.url)))
    submission.refresh_from_db()
    assert submission.status == Status.PENDING


def test_a_column_aggregating_the_sub_sites_does_not_also_accept_submissions(portal_news):
    portal_news.aggregate_subsites = True
    with pytest.raises(ValidationError) as error:
        portal_news.full_clean()
    assert "accepts_submissions" in error.value.message_dict
