"""The translators' admin, polished after a browser walk (issue 15): no hidden slug segment, a status line that
names each fact once, languages named in Chinese (英文版), a readable memory button, and 开设外文版 confirmed."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.translation import override
from wagtail.models import Page, PageLogEntry, Workflow
from wagtail_localize.models import StringSegment

from tests.factories import ArticlePageFactory
from tests.govcms.test_admin_chinese import chinese_user, contains
from tests.sitegroup.utils import message_texts
from tests.translations.helpers import english_of, publish_new_article, translate_every_segment, translator_group
from translations.checks import page_translation
from translations.models import SiteLanguage
from translations.review import translation_state
from translations.sync import OPEN_LOG_ACTION, site_pages


@pytest.fixture
def article(english, django_capture_on_commit_callbacks):
    return publish_new_article(
        english.county_a, "甲县召开防汛工作会议", "甲县部署今年防汛工作。", django_capture_on_commit_callbacks
    )


def test_a_new_articles_translation_has_no_slug_segment_and_keeps_the_original_slug(article, client, admin_user):
    english = english_of(article)
    segments = StringSegment.objects.filter(source=page_translation(english).source)
    assert not segments.filter(context__path="slug").exists()
    assert english.slug == article.slug
    assert english.url_path.endswith(f"/{article.slug}/")

    client.force_login(admin_user)
    translate_every_segment(client, english, lambda text: "Flood prevention")
    state = translation_state(english)
    assert (state.translated, state.total) == (segments.count(), segments.count())


def test_a_chinese_slug_is_kept_in_translation(english, django_capture_on_commit_callbacks):
    column = english.county_a.home.get_children().get(slug="zwdt")
    chinese = ArticlePageFactory(parent=column, title="防汛通知", slug="防汛通知", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        chinese.save_revision().publish()
    assert english_of(chinese).slug == "防汛通知"
    with django_capture_on_commit_callbacks(execute=True):
        chinese.save_revision().publish()
    assert english_of(chinese).slug == "防汛通知"


def test_the_chinese_admin_names_english_as_chinese_sites_do():
    from translations.languages import language_name

    assert language_name("en") == "英文"
    with override("en"):
        assert language_name("en") == "English"


def test_the_memory_buttons_read_in_chinese(english, client, make_user):
    client.force_login(chinese_user(make_user(translator_group(english.county_a))))
    catalogue = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    for text in ("未译段落可一次填入，来源：", "使用"):
        assert contains(catalogue, text), text
    assert not contains(catalogue, "翻译所有缺失的字符串")


@pytest.fixture
def platform_admin(make_user):
    user = make_user()
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="provision_subsite")
    )
    return chinese_user(user)


def test_opening_a_foreign_version_is_confirmed_first(site_group, client, platform_admin, make_user):
    portal = site_group.portal.home
    url = reverse("translations_open_foreign_version", args=[portal.pk, "en"])
    client.force_login(platform_admin)

    listing = client.get(reverse("translations_foreign_versions")).content.decode()
    assert "开设英文版" in listing and "English版" not in listing
    assert f'href="{url}"' in listing

    confirmation = client.get(url)
    assert confirmation.status_code == 200
    text = confirmation.content.decode()
    pages = site_pages(portal).count()
    for expected in (f"确定为“{portal.title}”开设英文版吗", f"{pages} 个待翻译页面", f"“{portal.title}外文发布流程”"):
        assert expected in text, expected
    # Looking is not opening.
    assert not SiteLanguage.objects.filter(home=portal).exists()
    assert not Page.objects.filter(locale__language_code="en").exists()

    response = client.post(url, follow=True)
    assert SiteLanguage.objects.filter(home=portal, language_code="en").exists()
    [message] = message_texts(response)
    assert message.startswith(f"已为“{portal.title}”开设英文版：英文版、{pages} 个待翻译页面")
    assert f"{portal.title}外文发布流程" in message
    assert Workflow.objects.filter(name=f"{portal.title}外文发布流程").exists()
    assert PageLogEntry.objects.get(page=portal, action=OPEN_LOG_ACTION).message == "开设英文版"
    assert "English版" not in message

    # Opened: the confirmation leads back to the list.
    again = client.get(url, follow=True)
    assert message_texts(again) == [f"“{portal.title}”已开设英文版，无需重复开设。"]

    # Site staff see no confirmation either.
    client.force_login(make_user(site_group.county_b.groups["管理员"]))
    assert client.get(
        reverse("translations_open_foreign_version", args=[site_group.county_b.home.pk, "en"])
    ).status_code in (302, 403)
