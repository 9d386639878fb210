"""Opening a foreign-language version and keeping it in step with the originals (translations.sync)."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import GroupPagePermission, Locale, Page, WorkflowPage
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from home.models import ArticlePage
from sitegroup.models import SiteRole
from sitegroup.provisioning import provision_subsite
from tests.factories import ArticlePageFactory
from translations.models import SiteLanguage
from translations.sync import open_foreign_version, save_translation_draft


@pytest.fixture
def en(db):
    return Locale.objects.get_or_create(language_code="en")[0]


def news_column(provisioned):
    return Page.objects.child_of(provisioned.home).get(slug="zwdt")


def publish_new_article(provisioned, capture, title="县长调研春耕生产"):
    with capture(execute=True):
        article = ArticlePageFactory(parent=news_column(provisioned), title=title)
        article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def translate_everything(translation, text="English text"):
    """Translate every segment of `translation` (as a translator would in the editor)."""
    for segment in StringSegment.objects.filter(source=translation.source):
        StringTranslation.objects.update_or_create(
            translation_of_id=segment.string_id,
            locale=translation.target_locale,
            context_id=segment.context_id,
            defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )


def publish_translation(page, en, capture):
    """Setup shortcut: translate and publish `page`'s English version (the review journey is test_review's)."""
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=en)
    translate_everything(translation, text=f"EN {page.title}")
    with capture(execute=True):
        save_translation_draft(translation)
        english = page.get_translation(en)
        english.get_latest_revision().publish()
    return page.get_translation(en).specific


def test_opening_english_drafts_every_page_of_the_site_and_no_other_sites(english, en):
    portal_pages = Page.objects.descendant_of(english.portal.home, inclusive=True).filter(
        locale__language_code="zh-hans"
    )
    subsite_pages = (
        Page.objects.filter(path__startswith=english.county_a.home.path)
        | Page.objects.filter(path__startswith=english.county_b.home.path)
        | Page.objects.filter(path__startswith=english.department.home.path)
    )
    own = portal_pages.exclude(pk__in=subsite_pages.values("pk"))
    assert all(page.get_translation_or_none(en) is not None for page in own)
    assert english.county_b.home.get_translation_or_none(en) is None
    assert english.department.home.get_translation_or_none(en) is None
    # Nothing goes live untranslated.
    assert not Page.objects.filter(locale=en, live=True).exists()
    county_home_en = english.county_a.home.get_translation(en)
    assert county_home_en.get_parent().pk == english.portal.home.get_translation(en).pk
    assert set(SiteLanguage.objects.values_list("home_id", flat=True)) == {
        english.portal.home.pk,
        english.county_a.home.pk,
    }


def test_a_sub_site_cannot_offer_a_language_its_parent_site_lacks(site_group):
    with pytest.raises(ValidationError, match="上级站点"):
        open_foreign_version(site_group.county_b.home, "en")
    assert not SiteLanguage.objects.exists()
    assert not Page.objects.filter(locale__language_code="en").exists()


def test_unknown_languages_and_translated_homes_are_refused(english, en):
    with pytest.raises(ValidationError):
        open_foreign_version(english.county_b.home, "xx")
    with pytest.raises(ValidationError):
        open_foreign_version(english.portal.home.get_translation(en), "en")


def test_the_translator_group_may_edit_the_translated_tree_only(english, en):
    record = SiteRole.objects.get(home=english.county_a.home, role=SiteRole.Role.TRANSLATOR)
    grants = GroupPagePermission.objects.filter(group=record.group)
    assert {(grant.page_id, grant.permission.codename) for grant in grants} == {
        (english.county_a.home.get_translation(en).pk, "change_page")
    }
    workflow = WorkflowPage.objects.get(page=english.county_a.home.get_translation(en)).workflow
    assert [task.name for task in workflow.tasks.all()] == [
        "内容自动检查",
        "甲县人民政府外文审校",
        "甲县人民政府办公室签发",
    ]
    # The originals keep their own workflow.
    assert WorkflowPage.objects.get(page=english.county_a.home).workflow.name == "甲县人民政府发布流程"


def test_provisioning_with_a_language_opens_it_and_running_again_changes_nothing(english, en):
    result = provision_subsite(
        parent=english.portal.home, name="示例市外事办", slug="fao", kind="department", languages=("en",)
    )
    assert result.home.get_translation(en).get_parent().pk == english.portal.home.get_translation(en).pk
    assert SiteRole.objects.filter(home=result.home, role=SiteRole.Role.TRANSLATOR).exists()
    again = provision_subsite(
        parent=english.portal.home, name="示例市外事办", slug="fao", kind="department", languages=("en",)
    )
    assert again.created == []


def test_provisioning_refuses_an_unknown_language_and_writes_nothing(site_group):
    before = Page.objects.count()
    with pytest.raises(ValidationError):
        provision_subsite(
            parent=site_group.portal.home, name="外事办", slug="wsb", kind="department", languages=("xx",)
        )
    assert Page.objects.count() == before


def test_a_new_original_page_becomes_translation_work_not_a_live_page(english, en, django_capture_on_commit_callbacks):
    article = publish_new_article(english.county_a, django_capture_on_commit_callbacks)
    translated = article.get_translation(en)
    assert not translated.live
    assert Translation.objects.filter(source__object_id=article.translation_key, target_locale=en).exists()


def test_a_site_without_english_gets_no_translations(english, en, django_capture_on_commit_callbacks):
    article = publish_new_article(english.county_b, django_capture_on_commit_callbacks)
    assert article.get_translation_or_none(en) is None


def test_a_changed_original_leaves_the_live_translation_as_published_until_reviewed(
    english, en, django_capture_on_commit_callbacks
):
    article = publish_new_article(english.county_a, django_capture_on_commit_callbacks)
    translated = publish_translation(article, en, django_capture_on_commit_callbacks)
    assert translated.live and translated.title == f"EN {article.title}"

    article.title = "县长调研春耕生产（更新）"
    article.source = "甲县农业农村局"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    translated = ArticlePage.objects.get(pk=translated.pk)
    # The live row still serves the reviewed English title; the change waits as a draft revision.
    assert translated.title == "EN 县长调研春耕生产"
    assert translated.has_unpublished_changes
    draft = translated.get_latest_revision_as_object()
    assert draft.title == "县长调研春耕生产（更新）"  # untranslated: the original's text, never live


def test_withdrawing_an_original_takes_its_translation_offline(english, en, django_capture_on_commit_callbacks):
    article = publish_new_article(english.county_a, django_capture_on_commit_callbacks)
    translated = publish_translation(article, en, django_capture_on_commit_callbacks)
    article.unpublish()
    translated.refresh_from_db()
    assert not translated.live
