"""The admin in Chinese: Wagtail's zh_Hans gaps filled by govcms/locale_overrides, the platform's name
on the login page, the table block's menu, the workflow e-mails and the editors' guide under 帮助."""

import json
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.release.workflow import act, submit
from tests.sitegroup.utils import article_form_data

OVERRIDES = Path(settings.LOCALE_PATHS[1]) / "zh_Hans" / "LC_MESSAGES"
PLATFORM_NAME = settings.WAGTAIL_SITE_NAME
# Pages name the admin's landmarks; Wagtail's own template leaves this one in English.
ENGLISH_ACTIONS_LANDMARK = 'aria-label="Actions"'


def chinese_user(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "zh-hans"
    profile.save()
    return user


def in_script(text):
    """How a string appears in JSON embedded in a page (telepath data, the JS catalogue): escaped or not."""
    return (text, json.dumps(text)[1:-1])


def contains(html, text):
    return any(form in html for form in in_script(text))


@pytest.fixture
def staff(county_a_staff):
    for user in vars(county_a_staff).values():
        chinese_user(user)
    return county_a_staff


@pytest.mark.django_db
def test_login_page_is_titled_with_the_platform_name(client):
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_login")).content, "html.parser")

    assert soup.title.get_text() == f"登录 - {PLATFORM_NAME}"
    assert soup.h1.get_text() == f"登录{PLATFORM_NAME}"
    # Wagtail's field has no label, so Django showed its name, "Password".
    assert soup.select_one("label[for=id_password]").get_text(strip=True).rstrip("*") == "密码"


@pytest.mark.django_db
def test_dashboard_and_explorer_speak_chinese_and_say_published(client, site_group, staff, draft):
    submit(client, staff.officer, draft)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "您在工作流中的页面和片段" in dashboard
    assert "Your pages and snippets in a workflow" not in dashboard
    assert f"控制面板 - {PLATFORM_NAME}" in dashboard
    # Help leads to the platform's guide, never to Wagtail's English one.
    assert contains(dashboard, reverse("guide_index"))
    assert "guide.wagtail.org" not in dashboard

    explorer = client.get(reverse("wagtailadmin_explore", args=[site_group.county_a.home.pk])).content.decode()
    # Each status reads "当前页面状态：…" (the prefix for screen readers).
    statuses = [tag.get_text(strip=True) for tag in BeautifulSoup(explorer, "html.parser").select(".w-status")]
    assert "当前页面状态：已发布" in statuses
    assert not [status for status in statuses if "在用" in status]
    assert ENGLISH_ACTIONS_LANDMARK not in explorer


@pytest.mark.django_db
def test_editor_banners_and_table_block_speak_chinese(client, site_group, make_user, draft):
    editor = chinese_user(make_user(site_group.county_a.groups["编辑"]))
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])

    invalid = client.post(edit_url, article_form_data("", draft.slug)).content.decode()
    assert "存在校验错误，无法保存页面。" in invalid
    assert "The page could not be saved due to validation errors." not in invalid

    editor_page = client.get(edit_url).content.decode()
    # The table block: Wagtail's header options and Handsontable's context menu.
    for label in ("将第一行显示为表头", "选择表头方式", "在上方插入行", "删除列", "撤销"):
        assert contains(editor_page, label), label


@pytest.mark.django_db
def test_block_chrome_strings_reach_the_javascript_catalogue(client, site_group, make_user):
    client.force_login(chinese_user(make_user(site_group.county_a.groups["编辑"])))

    catalogue = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()

    for text in ("插入内容块", "拆分内容块", "更改已自动保存。"):
        assert contains(catalogue, text), text


@pytest.mark.django_db
def test_history_reports_and_workflow_status_speak_chinese(client, staff, draft):
    submit(client, staff.officer, draft)
    client.force_login(staff.reviewer)

    # The editor's status panel: "Sent to <task> <time>".
    editor_page = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert "送交" in editor_page
    assert "Sent to " not in editor_page

    for url in (
        reverse("wagtailadmin_pages:history", args=[draft.pk]),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:aging_pages"),
    ):
        html = client.get(url).content.decode()
        assert f" - {PLATFORM_NAME}</title>" in html, url
        assert ENGLISH_ACTIONS_LANDMARK not in html, url


@pytest.mark.django_db
def test_workflow_e_mail_to_the_author_is_chinese(client, staff, draft):
    submit(client, staff.officer, draft)
    mail.outbox.clear()

    act(client, staff.reviewer, draft, "reject", comment="请补充会议时间")

    [message] = [message for message in mail.outbox if staff.officer.email in message.to]
    assert "甲县召开防汛工作会议" in message.subject
    assert "被退回" in message.subject
    assert "退回" in message.body
    assert "“请补充会议时间”" in message.body
    assert "has been rejected" not in message.subject + message.body


@pytest.mark.django_db
def test_guide_renders_the_staff_docs_and_only_those(client, site_group, make_user):
    client.force_login(make_user(site_group.county_a.groups["信息员"]))

    soup = BeautifulSoup(client.get(reverse("guide_index")).content, "html.parser")

    assert "编辑与信息员指南" in soup.select_one("article h1").get_text()
    links = {link["href"] for link in soup.select("article a[href]")}
    assert reverse("guide", args=["policy"]) in links
    assert not [href for href in links if href.endswith(".md")]
    assert client.get(reverse("guide", args=["architecture"])).status_code == 404
    client.logout()
    assert client.get(reverse("guide_index")).status_code == 302


def catalogue(domain):
    return polib.pofile(str(OVERRIDES / f"{domain}.po"))


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_override_is_translated_and_compiled(domain):
    po = catalogue(domain)
    mo = polib.mofile(str(OVERRIDES / f"{domain}.mo"))

    assert [entry.msgid for entry in po if entry.fuzzy or not entry.translated()] == []
    assert len(mo) == len(po), "compile with `make messages`"
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"


def catalogue_keys(language, domain, app_configs):
    """(msgctxt, msgid) of the apps' catalogues for `language`: all of them in English, else the translated ones."""
    keys = set()
    for app in app_configs:
        path = Path(app.path) / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            entries = polib.pofile(str(path))
            keys |= {
                (entry.msgctxt, entry.msgid)
                for entry in (entries if language == "en" else entries.translated_entries())
                if not entry.obsolete
            }
    return keys


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_overrides_cover_every_gap_of_wagtails_chinese(domain):
    """Fails after a Wagtail upgrade that brings new untranslated strings: add them to the overrides."""
    wagtail_apps = [app for app in apps.get_app_configs() if app.name.startswith("wagtail")]
    # Django merges the apps' catalogues: a string translated by any installed app is no gap.
    gaps = catalogue_keys("en", domain, wagtail_apps) - catalogue_keys("zh_Hans", domain, apps.get_app_configs())

    overridden = {(entry.msgctxt, entry.msgid) for entry in catalogue(domain)}
    assert sorted(gaps - overridden, key=str) == []
