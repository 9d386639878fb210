"""发布审核记录: every page action is in Wagtail's log, and the report shows each site its own entries."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import Page, PageLogEntry

from home.models import ArticlePage
from release.reports.views import ReleaseReportMenuItem
from tests.release.workflow import act, submit
from tests.sitegroup.utils import article_form_data, assert_refused, audit_log_rewritable

pytestmark = pytest.mark.django_db

REPORT_URL_NAME = "release_audit_report"
REJECTION_COMMENT = "请补充会议时间和参会单位"
# Text of county A's entries: its name, its article titles and the reviewer's comment.
COUNTY_A_MARKERS = ("甲县人民政府", "防汛", "临时通知", REJECTION_COMMENT)


def column(provisioned, slug):
    return provisioned.home.get_descendants().get(slug=slug)


def create_article(client, user, parent, title, slug):
    client.force_login(user)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["home", "articlepage", parent.pk]), article_form_data(title, slug)
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    return ArticlePage.objects.child_of(parent).get(slug=slug)


def save_draft(client, user, page, title):
    client.force_login(user)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), article_form_data(title, page.slug))
    assert response.status_code == 302


def post_as(client, user, url_name, *args):
    client.force_login(user)
    response = client.post(reverse(url_name, args=args))
    assert response.status_code == 302
    return response


@pytest.fixture
def county_b_staff(site_group, make_user):
    groups = site_group.county_b.groups
    return {role: make_user(groups[role]) for role in ("信息员", "审核", "管理员")}


@pytest.fixture
def story(client, site_group, county_a_staff, django_capture_on_commit_callbacks):
    """Two county A articles taken through every action of the audit requirement, by the admin views.

    The first is created, edited, submitted, rejected with a comment,
    resubmitted, approved twice (and so published), unpublished and moved;
    the second is created and deleted.
    """
    staff = county_a_staff
    news, notices = column(site_group.county_a, "zwdt"), column(site_group.county_a, "tzgg")
    with django_capture_on_commit_callbacks(execute=True):
        article = create_article(client, staff.officer, news, "甲县召开防汛工作会议", "fangxun")
        save_draft(client, staff.officer, article, "甲县召开防汛工作会议（初稿）")
        submit(client, staff.officer, article)
        act(client, staff.reviewer, article, "reject", comment=REJECTION_COMMENT)
        submit(client, staff.officer, article, title="甲县召开防汛工作会议（6月3日）")
        act(client, staff.reviewer, article, "approve")
        act(client, staff.approver, article, "approve")
        article.refresh_from_db()
        assert article.live
        post_as(client, staff.approver, "wagtailadmin_pages:unpublish", article.pk)
        post_as(client, staff.administrator, "wagtailadmin_pages:move_confirm", article.pk, notices.pk)
        doomed = create_article(client, staff.officer, news, "甲县临时通知", "linshi")
        post_as(client, staff.administrator, "wagtailadmin_pages:delete", doomed.pk)
    client.logout()
    assert not Page.objects.filter(pk=doomed.pk).exists()
    return {"article": article, "deleted_id": doomed.pk, "staff": staff, "notices": notices}


def report(client, viewer, **params):
    client.force_login(viewer)
    response = client.get(reverse(REPORT_URL_NAME), params)
    assert response.status_code == 200
    return response


def listed(response):
    """(page id, action, user id) of each entry the report lists."""
    return {(entry.page_id, entry.action, entry.user_id) for entry in response.context["object_list"]}


def csv_rows(response):
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff"), "Excel needs the byte order mark to read UTF-8"
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))


def expected_actions(story):
    """Every action the audit requirement names, with the person who did it."""
    staff, article_id = story["staff"], story["article"].pk
    return {
        (article_id, "wagtail.create", staff.officer.pk),
        (article_id, "wagtail.edit", staff.officer.pk),
        (article_id, "wagtail.workflow.start", staff.officer.pk),
        (article_id, "wagtail.workflow.reject", staff.reviewer.pk),
        (article_id, "wagtail.workflow.resume", staff.officer.pk),
        (article_id, "wagtail.workflow.approve", staff.reviewer.pk),
        (article_id, "wagtail.workflow.approve", staff.approver.pk),
        (article_id, "wagtail.publish", staff.approver.pk),
        (article_id, "wagtail.unpublish", staff.approver.pk),
        (article_id, "wagtail.move", staff.administrator.pk),
        (story["deleted_id"], "wagtail.create", staff.officer.pk),
        (story["deleted_id"], "wagtail.delete", staff.administrator.pk),
    }


def test_every_action_is_in_wagtails_log_with_user_and_time(story):
    logged = set(PageLogEntry.objects.values_list("page_id", "action", "user_id"))
    assert expected_actions(story) <= logged
    assert not PageLogEntry.objects.filter(page_id__in=[story["article"].pk, story["deleted_id"]], timestamp=None)
    rejection = PageLogEntry.objects.get(page=story["article"], action="wagtail.workflow.reject")
    assert rejection.data["comment"] == REJECTION_COMMENT


def test_the_deletion_entry_keeps_where_the_page_was(story, site_group):
    deletion = PageLogEntry.objects.get(page_id=story["deleted_id"], action="wagtail.delete")
    assert deletion.data["path"].startswith(column(site_group.county_a, "zwdt").path)
    assert deletion.label == "甲县临时通知"


def test_site_staff_see_every_action_on_their_site_with_its_comment(client, story):
    response = report(client, story["staff"].reviewer)
    assert expected_actions(story) <= listed(response)
    html = response.content.decode()
    assert REJECTION_COMMENT in html
    assert "甲县人民政府" in html  # the site column
    assert "甲县临时通知" in html  # a deleted page, by the title the log kept
    assert reverse("wagtailadmin_pages:edit", args=[story["article"].pk]) in html


def test_actions_are_named_from_wagtails_registry_including_those_of_other_apps(client, story, site_group):
    """Provisioning logs `sitegroup.provision` on the site home; the report names it like Wagtail's own."""
    response = report(client, story["staff"].administrator)
    entries = {entry.action: entry for entry in response.context["object_list"]}
    assert entries["sitegroup.provision"].page_id == site_group.county_a.home.pk
    for action, entry in entries.items():
        assert entry.action_label == log_action_registry.get_action_label(action)
        assert str(entry.action_label) in response.content.decode()


def test_filters_by_action_user_title_and_date(client, story):
    staff, article = story["staff"], story["article"]
    rejection = PageLogEntry.objects.get(page=article, action="wagtail.workflow.reject")
    with audit_log_rewritable():
        PageLogEntry.objects.filter(pk=rejection.pk).update(
            timestamp=timezone.make_aware(datetime.datetime(2024, 6, 3, 23, 30))
        )
    by_action = report(client, staff.reviewer, action="wagtail.workflow.approve")
    assert by_action.context["filters"].form.fields["action"].label == "操作"
    assert {action for _page, action, _user in listed(by_action)} == {"wagtail.workflow.approve"}
    assert len(by_action.context["object_list"]) == 2

    by_user = report(client, staff.reviewer, user=staff.administrator.pk)
    assert {action for _page, action, _user in listed(by_user)} == {"wagtail.move", "wagtail.delete"}

    by_title = report(client, staff.reviewer, label="临时通知")
    assert {page_id for page_id, _action, _user in listed(by_title)} == {story["deleted_id"]}

    # A day in local time: 23:30 in Beijing is still 3 June, though it is 15:30 UTC.
    by_date = report(client, staff.reviewer, timestamp_from="2024-06-03", timestamp_to="2024-06-03")
    assert [entry.pk for entry in by_date.context["object_list"]] == [rejection.pk]


def test_the_site_filter_separates_sites(client, story, site_group, make_user, county_b_staff):
    b_article = create_article(
        client, county_b_staff["信息员"], column(site_group.county_b, "zwdt"), "乙县文章", "yixian"
    )
    platform_admin = make_user(is_superuser=True)
    county_a = report(client, platform_admin, site=site_group.county_a.home.pk)
    assert expected_actions(story) <= listed(county_a)
    assert b_article.pk not in {page_id for page_id, _action, _user in listed(county_a)}

    county_b = report(client, platform_admin, site=site_group.county_b.home.pk)
    b_ids = {page_id for page_id, _a, _u in listed(county_b)}
    assert b_article.pk in b_ids
    assert b_ids <= set(
        Page.objects.descendant_of(site_group.county_b.home, inclusive=True).values_list("pk", flat=True)
    )

    # The portal's own pages, not those of the sites below it.
    portal = report(client, platform_admin, site=site_group.portal.home.pk)
    portal_ids = {page_id for page_id, _a, _u in listed(portal)}
    assert site_group.portal.home.pk in portal_ids
    assert not portal_ids & {story["article"].pk, story["deleted_id"], b_article.pk, site_group.county_a.home.pk}


def test_another_county_sees_none_of_it_whatever_it_asks_for(client, story, site_group, county_b_staff):
    staff, outsider = story["staff"], county_b_staff["审核"]
    create_article(client, county_b_staff["信息员"], column(site_group.county_b, "zwdt"), "乙县文章", "yixian")
    a_pages = set(Page.objects.descendant_of(site_group.county_a.home, inclusive=True).values_list("pk", flat=True))
    a_pages.add(story["deleted_id"])
    for params in (
        {},
        {"site": site_group.county_a.home.pk},
        {"user": staff.officer.pk},
        {"action": "wagtail.workflow.reject"},
        {"label": "甲县"},
    ):
        response = report(client, outsider, **params)
        assert not {page_id for page_id, _a, _u in listed(response)} & a_pages, params
        assert not any(marker in response.content.decode() for marker in COUNTY_A_MARKERS), params
        export = report(client, outsider, export="csv", **params)
        assert not any(marker in cell for row in csv_rows(export) for cell in row for marker in COUNTY_A_MARKERS)
    # The choices offered name nothing of county A either.
    filters = report(client, outsider).context["filters"]
    assert list(filters.form.fields["site"].queryset) == [site_group.county_b.home]
    assert list(filters.form.fields["user"].queryset) == [county_b_staff["信息员"]]


def test_exports_have_chinese_headings_local_times_and_every_entry(client, story):
    staff = story["staff"]
    rejection = PageLogEntry.objects.get(page=story["article"], action="wagtail.workflow.reject")
    with audit_log_rewritable():
        PageLogEntry.objects.filter(pk=rejection.pk).update(
            timestamp=timezone.make_aware(datetime.datetime(2024, 6, 3, 9, 15, 0))
        )
    response = report(client, staff.reviewer, export="csv", action="wagtail.workflow.reject")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert rows[0] == ["时间", "站点", "标题", "页面ID", "操作", "说明", "意见", "用户"]
    assert rows[1:] == [
        [
            "2024-06-03 09:15:00",
            "甲县人民政府",
            rejection.label,
            str(story["article"].pk),
            str(log_action_registry.get_action_label("wagtail.workflow.reject")),
            str(rejection.message),
            REJECTION_COMMENT,
            staff.reviewer.get_username(),
        ]
    ]
    workbook = openpyxl.load_workbook(
        io.BytesIO(b"".join(report(client, staff.reviewer, export="xlsx", action="wagtail.workflow.reject")))
    )
    assert next(workbook.active.iter_rows(min_row=2, values_only=True))[:2] == (
        datetime.datetime(2024, 6, 3, 9, 15),  # local time too
        "甲县人民政府",
    )
    everything = csv_rows(report(client, staff.reviewer, export="csv"))
    # Every entry, not one page of the list (the list pages by 50; the story writes more).
    assert len(everything) - 1 == report(client, staff.reviewer).context["paginator"].count > 50


def test_csv_export_quotes_text_a_spreadsheet_would_run(client, site_group, county_a_staff):
    create_article(client, county_a_staff.officer, column(site_group.county_a, "zwdt"), "=HYPERLINK(1)", "formula")
    rows = csv_rows(report(client, county_a_staff.reviewer, export="csv", action="wagtail.create"))
    assert rows[1][2] == "'=HYPERLINK(1)"


def test_the_report_is_for_site_staff_only(client, site_group, make_user, county_a_staff, rf):
    admin_only = Group.objects.create(name="仅能登录后台")
    admin_only.permissions.add(Permission.objects.get(codename="access_admin"))
    outsider = make_user(admin_only)
    client.force_login(outsider)
    assert_refused(client.get(reverse(REPORT_URL_NAME)))
    menu_item = ReleaseReportMenuItem("发布审核记录", reverse(REPORT_URL_NAME))
    request = rf.get("/")
    request.user = outsider
    assert not menu_item.is_shown(request)
    request.user = county_a_staff.officer
    assert menu_item.is_shown(request)
