"""设置 → 征集类型 (consultations.viewsets): the platform's 系统管理员 keeps the kinds and their legal minimum
periods; a site's staff cannot change them; a changed minimum is the one the editor's period is checked against."""

from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from consultations.models import ConsultationKind, ConsultationPage, ConsultationSettings
from sitegroup.platform import SYSTEM_ADMIN_GROUP
from tests.consultations.moderation_world import consultation_index
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST, ADD, EDIT = "consultation_kinds:index", "consultation_kinds:add", "consultation_kinds:edit"


def system_administrator():
    return UserFactory(groups=[Group.objects.get(name=SYSTEM_ADMIN_GROUP)])


def kind_form(kind, **changes):
    data = {"name": kind.name, "minimum_days": kind.minimum_days, "sort_order": kind.sort_order}
    if kind.working_days:
        data["working_days"] = "on"
    data.update(changes)
    return data


def test_the_seeded_kinds_hold_the_legal_minimums(db):
    minimums = {kind.name: (kind.minimum_days, kind.working_days) for kind in ConsultationKind.objects.all()}
    assert minimums["规章"] == (30, False)
    assert minimums["规范性文件"] == (7, True)
    assert minimums["涉企规范性文件"] == (30, False)
    assert minimums["重大行政决策"] == (30, False)


def test_the_system_administrator_finds_the_kinds_in_the_settings_menu_and_changes_a_minimum(client):
    client.force_login(system_administrator())
    kind = ConsultationKind.objects.get(name="规范性文件")

    listing = client.get(reverse(LIST))
    settings_menu = client.get(reverse("wagtailadmin_home")).content.decode()
    changed = client.post(reverse(EDIT, args=[kind.pk]), kind_form(kind, minimum_days=10))

    assert listing.status_code == 200 and "规范性文件" in listing.content.decode()
    assert reverse(LIST) in settings_menu
    assert changed.status_code == 302
    assert ConsultationKind.objects.get(pk=kind.pk).minimum_days == 10


def test_the_system_administrator_adds_a_kind_and_deletes_none(client):
    client.force_login(system_administrator())
    added = client.post(reverse(ADD), {"name": "地方性法规草案", "minimum_days": 30, "sort_order": 9})
    kind = ConsultationKind.objects.get(name="规章")

    assert added.status_code == 302 and ConsultationKind.objects.filter(name="地方性法规草案").exists()
    refused = client.post(reverse("consultation_kinds:delete", args=[kind.pk]))

    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))
    assert ConsultationKind.objects.filter(pk=kind.pk).exists()


@pytest.mark.parametrize("role", ["管理员", "编辑", "信息员"])
def test_a_sites_staff_cannot_change_the_kinds(client, site_group, role):
    client.force_login(UserFactory(groups=[site_group.county_a.groups[role]]))
    kind = ConsultationKind.objects.get(name="规章")

    responses = [
        client.get(reverse(LIST)),
        client.post(reverse(EDIT, args=[kind.pk]), kind_form(kind, minimum_days=1)),
        client.post(reverse(ADD), {"name": "自定义", "minimum_days": 1, "sort_order": 0}),
    ]

    assert [response.status_code for response in responses] == [302, 302, 302]
    assert ConsultationKind.objects.get(pk=kind.pk).minimum_days == 30
    assert not ConsultationKind.objects.filter(name="自定义").exists()


def test_a_changed_minimum_is_the_one_a_period_is_checked_against(db):
    kind = ConsultationKind.objects.get(name="规章")
    opens = timezone.make_aware(datetime(2026, 3, 2, 9))
    consultation = ConsultationPage(kind=kind, opens_at=opens, closes_at=opens.replace(day=22))

    assert not consultation.period_is_legal()
    ConsultationKind.objects.filter(pk=kind.pk).update(minimum_days=20)
    consultation.kind = ConsultationKind.objects.get(pk=kind.pk)
    assert consultation.period_is_legal()


def test_the_list_gives_each_minimum_in_words_and_a_zero_minimum_is_refused(client):
    client.force_login(system_administrator())
    kind = ConsultationKind.objects.get(name="规范性文件")

    listing = client.get(reverse(LIST)).content.decode()
    refused = client.post(reverse(EDIT, args=[kind.pk]), kind_form(kind, minimum_days=0))

    assert "7个工作日" in listing and "30日" in listing
    assert refused.status_code == 200 and ConsultationKind.objects.get(pk=kind.pk).minimum_days == 7


def test_the_editor_chooses_a_kind_seeing_its_minimum(client, site_group):
    client.force_login(UserFactory(groups=[site_group.county_a.groups["编辑"]]))
    index = consultation_index(site_group.county_a.home)

    form = client.get(reverse("wagtailadmin_pages:add", args=["consultations", "consultationpage", index.pk]))

    options = [option.get_text() for option in BeautifulSoup(form.content, "html.parser").select("#id_kind option")]
    assert "规章（不少于30日）" in options and "规范性文件（不少于7个工作日）" in options


@pytest.mark.parametrize("days", [0, 366])
def test_the_feedback_deadline_is_between_1_and_365_days(client, days):
    client.force_login(system_administrator())
    settings_row = ConsultationSettings.load()
    url = reverse("wagtailsettings:edit", args=["consultations", "consultationsettings", settings_row.pk])

    response = client.post(url, {"feedback_due_days": days})

    assert response.status_code == 200
    assert ConsultationSettings.load().feedback_due_days == 30
