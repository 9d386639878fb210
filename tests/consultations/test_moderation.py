"""意见审核 (consultations.admin_views): who moderates which site's comments, the contact's visibility, the
feedback counts, the overdue flag and its monitoring item, and the rights provisioning gives."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from consultations.admin_views import feedback_counts, feedback_overdue
from consultations.models import Comment, CommentStatus, ConsultationSettings, Outcome
from monitoring.audit import audit_site
from monitoring.items import ITEMS, ITEMS_BY_KEY
from sitegroup.platform import SYSTEM_ADMIN_GROUP
from tests.consultations.moderation_world import comment_on, consultation_on
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = "consultations_comments"
DETAIL = "consultations_comment"


def staff(site, role):
    return UserFactory(groups=[site.groups[role]])


@pytest.fixture
def county_a_comment(site_group):
    consultation = consultation_on(site_group.county_a.home, title="甲县征求意见稿")
    return comment_on(consultation, site_group.county_a.home, content="甲县的意见", contact="甲县联系电话")


@pytest.fixture
def county_b_comment(site_group):
    consultation = consultation_on(site_group.county_b.home, title="乙县征求意见稿")
    return comment_on(consultation, site_group.county_b.home, content="乙县的意见", contact="乙县联系电话")


def approve(client, comment, **data):
    return client.post(
        reverse(DETAIL, args=[comment.pk]),
        {"status": "approved", "outcome": "adopted", "theme": "办理时限", **data},
    )


# --- rights ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["管理员", "编辑"])
def test_the_sites_administrators_and_editors_moderate_and_export(site_group, role):
    user = staff(site_group.county_a, role)
    assert user.has_perm("consultations.moderate_comment")
    assert user.has_perm("consultations.export_surveyresponse")


@pytest.mark.parametrize("role", ["信息员", "审核", "签发"])
def test_other_roles_get_no_consultation_rights(site_group, role):
    user = staff(site_group.county_a, role)
    assert not user.has_perm("consultations.moderate_comment")
    assert not user.has_perm("consultations.export_surveyresponse")


def test_the_system_administrator_keeps_the_consultation_settings(db):
    group = Group.objects.get(name=SYSTEM_ADMIN_GROUP)
    assert group.permissions.filter(content_type__app_label="consultations", codename="change_consultationsettings")
    assert not group.permissions.filter(codename="moderate_comment").exists()


# --- moderation across sites -------------------------------------------------------------------------------


def test_a_county_editor_moderates_their_own_sites_comment(client, site_group, county_a_comment):
    user = staff(site_group.county_a, "编辑")
    client.force_login(user)
    response = approve(client, county_a_comment)
    assert response.status_code == 302
    county_a_comment.refresh_from_db()
    assert (county_a_comment.status, county_a_comment.outcome, county_a_comment.theme) == (
        CommentStatus.APPROVED,
        Outcome.ADOPTED,
        "办理时限",
    )
    assert county_a_comment.moderated_by == user and county_a_comment.moderated_at is not None
    entry = ModelLogEntry.objects.get(action="consultations.comment.moderate")
    assert entry.object_id == str(county_a_comment.pk) and entry.user == user


def test_another_countys_editor_gets_a_404_and_nothing_changes(client, site_group, county_a_comment):
    client.force_login(staff(site_group.county_b, "编辑"))
    assert client.get(reverse(DETAIL, args=[county_a_comment.pk])).status_code == 404
    assert approve(client, county_a_comment).status_code == 404
    county_a_comment.refresh_from_db()
    assert county_a_comment.status == CommentStatus.PENDING and not county_a_comment.outcome
    assert county_a_comment.moderated_by is None
    assert not ModelLogEntry.objects.filter(action="consultations.comment.moderate").exists()


def test_the_list_shows_only_the_users_sites_comments(client, site_group, county_a_comment, county_b_comment):
    client.force_login(staff(site_group.county_a, "编辑"))
    text = client.get(reverse(LIST)).content.decode()
    assert "甲县的意见" in text and "乙县的意见" not in text
    # Another site's consultation is not a valid filter: the list does not show its comments.
    text = client.get(reverse(LIST), {"consultation": county_b_comment.consultation_id}).content.decode()
    assert "乙县的意见" not in text


def test_an_information_officer_is_refused(client, site_group, county_a_comment):
    client.force_login(staff(site_group.county_a, "信息员"))
    assert client.get(reverse(LIST)).status_code in (302, 403)  # Wagtail turns the refusal into a redirect
    assert client.get(reverse(DETAIL, args=[county_a_comment.pk])).status_code == 404
    assert approve(client, county_a_comment).status_code == 404
    county_a_comment.refresh_from_db()
    assert county_a_comment.status == CommentStatus.PENDING
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(LIST) not in menu


def test_a_platform_administrator_reads_without_the_contact_and_changes_nothing(client, county_a_comment):
    Comment.objects.filter(pk=county_a_comment.pk).update(name="张小明", content="甲县的意见，请打13812345678联系我")
    client.force_login(UserFactory(groups=[Group.objects.get(name=SYSTEM_ADMIN_GROUP)]))
    response = client.get(reverse(DETAIL, args=[county_a_comment.pk]))
    listing = client.get(reverse(LIST)).content.decode()
    assert response.status_code == 200
    text = response.content.decode()
    assert "甲县的意见" in text and "甲县联系电话" not in text
    # Masked as on the public page: the surname, no telephone number, in the detail and in the list.
    assert "张小明" not in text and "<dd>张*</dd>" in text
    assert "13812345678" not in text and "13812345678" not in listing and "甲县的意见" in listing
    response = approve(client, county_a_comment)
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")  # refused
    county_a_comment.refresh_from_db()
    assert county_a_comment.status == CommentStatus.PENDING


def test_the_contact_is_shown_to_the_sites_moderators_only(client, site_group, county_a_comment):
    client.force_login(staff(site_group.county_a, "管理员"))
    assert "甲县联系电话" in client.get(reverse(DETAIL, args=[county_a_comment.pk])).content.decode()
    assert "甲县联系电话" not in client.get(reverse(LIST)).content.decode()


def test_bad_input_changes_nothing(client, site_group, county_a_comment):
    client.force_login(staff(site_group.county_a, "编辑"))
    for data in ({"status": "pending"}, {"status": "maybe"}, {"outcome": "all"}, {"theme": "长" * 61}):
        assert approve(client, county_a_comment, **data).status_code == 400
    county_a_comment.refresh_from_db()
    assert county_a_comment.status == CommentStatus.PENDING and county_a_comment.theme == ""


def test_pending_comments_come_first(client, site_group, county_a_comment):
    approved = comment_on(
        county_a_comment.consultation, site_group.county_a.home, content="已审核的意见", status=CommentStatus.APPROVED
    )
    approved.submitted_at = county_a_comment.submitted_at + timedelta(hours=1)
    approved.save()
    client.force_login(staff(site_group.county_a, "编辑"))
    text = client.get(reverse(LIST)).content.decode()
    assert text.index("甲县的意见") < text.index("已审核的意见")


# --- feedback counts ---------------------------------------------------------------------------------------


def test_the_counts_equal_the_comments(client, site_group, county_a_comment):
    consultation, home = county_a_comment.consultation, site_group.county_a.home
    rows = [
        (CommentStatus.APPROVED, Outcome.ADOPTED, "办理时限"),
        (CommentStatus.APPROVED, Outcome.ADOPTED, "办理时限"),
        (CommentStatus.APPROVED, Outcome.PARTLY, "办理时限"),
        (CommentStatus.APPROVED, Outcome.NOT_ADOPTED, "收费标准"),
        (CommentStatus.REJECTED, "", ""),
    ]
    for status, outcome, theme in rows:
        comment_on(consultation, home, status=status, outcome=outcome, theme=theme)
    counts = feedback_counts(consultation)
    comments = Comment.objects.filter(consultation=consultation)
    assert counts["totals"] == {
        "received": comments.count(),
        "approved": comments.filter(status=CommentStatus.APPROVED).count(),
        "rejected": comments.filter(status=CommentStatus.REJECTED).count(),
        "pending": comments.filter(status=CommentStatus.PENDING).count(),
        "adopted": comments.filter(outcome=Outcome.ADOPTED).count(),
        "partly": comments.filter(outcome=Outcome.PARTLY).count(),
        "not_adopted": comments.filter(outcome=Outcome.NOT_ADOPTED).count(),
    }
    assert counts["totals"]["received"] == 6
    themes = {row["theme"]: row for row in counts["themes"]}
    assert (themes["办理时限"]["received"], themes["办理时限"]["adopted"], themes["办理时限"]["partly"]) == (3, 2, 1)
    assert themes["收费标准"]["not_adopted"] == 1
    assert themes[""]["received"] == 2  # the pending one and the rejected one
    client.force_login(staff(site_group.county_a, "编辑"))
    text = client.get(reverse(LIST), {"consultation": consultation.pk}).content.decode()
    assert "意见统计" in text and "收费标准" in text


# --- overdue feedback --------------------------------------------------------------------------------------


def closed_on(site_group, day, **fields):
    closes = timezone.make_aware(datetime.combine(day, time(17, 0)))
    return consultation_on(site_group.county_a.home, closes=closes, **fields)


@pytest.mark.parametrize(("today", "overdue"), [(date(2026, 3, 31), False), (date(2026, 4, 1), True)])
def test_feedback_is_overdue_from_the_day_after_the_nth_day(site_group, today, overdue):
    # Closed on 1 March: with 30 days, due on 31 March, overdue from 1 April.
    consultation = closed_on(site_group, date(2026, 3, 1))
    assert feedback_overdue(consultation, today, 30) is overdue
    with time_machine.travel(timezone.make_aware(datetime.combine(today, time(9, 0))), tick=False):
        audit = audit_site(site_group.county_a.home, today)
    item = next(item for item in audit.items if item["key"] == "consultation_feedback")
    assert item["value"] == (1 if overdue else 0)
    assert item["deduction"] == (2 if overdue else 0)
    assert item["status"] == ("warning" if overdue else "pass")


def test_written_feedback_is_never_overdue_and_the_setting_moves_the_line(site_group):
    closed_on(site_group, date(2026, 3, 1), feedback="<p>采纳情况如下。</p>")
    open_one = closed_on(site_group, date(2026, 3, 1))
    settings = ConsultationSettings.load()
    settings.feedback_due_days = 45
    settings.save()
    assert not feedback_overdue(open_one, date(2026, 4, 15))
    assert feedback_overdue(open_one, date(2026, 4, 16))
    audit = audit_site(site_group.county_a.home, date(2026, 4, 16))
    item = next(item for item in audit.items if item["key"] == "consultation_feedback")
    assert item["value"] == 1  # the one with feedback is not counted
    assert reverse("wagtailadmin_pages:edit", args=[open_one.pk]) == item["evidence"][0]["url"]


def test_the_item_is_a_capped_deduction_after_the_other_items(site_group):
    item = ITEMS_BY_KEY["consultation_feedback"]
    assert ITEMS[-1] is item and not item.veto
    assert (item.deduction(1), item.deduction(5), item.deduction(9)) == (2, 10, 10)


def test_another_sites_overdue_consultation_is_not_counted(site_group):
    consultation_on(site_group.county_b.home, closes=timezone.make_aware(datetime(2026, 1, 5, 17)))
    audit = audit_site(site_group.county_a.home, date(2026, 4, 16))
    item = next(item for item in audit.items if item["key"] == "consultation_feedback")
    assert item["value"] == 0


def test_the_list_flags_an_overdue_consultation(client, site_group):
    consultation = closed_on(site_group, timezone.localdate() - timedelta(days=31), title="逾期的征求意见稿")
    comment_on(consultation, site_group.county_a.home)
    client.force_login(staff(site_group.county_a, "编辑"))
    assert "逾期的征求意见稿（反馈已超期）" in client.get(reverse(LIST)).content.decode()
    text = client.get(reverse(LIST), {"consultation": consultation.pk}).content.decode()
    assert "仍未发布采纳情况反馈" in text
