"""The glossary (规范译名): who keeps which terms, the editor's panel, and the content check."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail_localize.models import StringSegment, StringTranslation

from release.workflow.checks import check_page
from sitegroup.platform import SYSTEM_ADMIN_GROUP
from tests.translations.helpers import english_of, publish_new_article, translator_group
from translations.checks import page_translation
from translations.glossary import GLOSSARY
from translations.models import GlossaryTerm

pytestmark = pytest.mark.django_db

TITLE = "国务院办公厅关于推进政府信息公开的意见"


@pytest.fixture
def translator(english, make_user):
    return make_user(translator_group(english.county_a))


@pytest.fixture
def county_b_term(site_group):
    return GlossaryTerm.objects.create(home=site_group.county_b.home, source="乙县", translation="Yi County")


def glossary_problems(page):
    return [problem.message for problem in check_page(page).problems if problem.kind == GLOSSARY]


def translate_title(english_page, text):
    translation = page_translation(english_page)
    segment = StringSegment.objects.get(source=translation.source, context__path="title")
    StringTranslation.objects.update_or_create(
        translation_of_id=segment.string_id,
        locale_id=english_page.locale_id,
        context_id=segment.context_id,
        defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
    )


@pytest.fixture
def english_article(english, django_capture_on_commit_callbacks):
    article = publish_new_article(english.county_a, TITLE, "正文", django_capture_on_commit_callbacks)
    return english_of(article)


def test_the_platform_list_is_seeded_with_standard_terms(db):
    platform = GlossaryTerm.objects.filter(home=None, language_code="en")
    assert platform.get(source="国务院办公厅").translation == "General Office of the State Council"
    assert platform.get(source="政府信息公开").translation == "Government Information Disclosure"
    assert platform.count() >= 15


def test_a_translator_lists_the_platform_terms_read_only_and_their_sites_terms_only(
    client, english, translator, county_b_term
):
    own = GlossaryTerm.objects.create(home=english.county_a.home, source="甲县", translation="Jia County")
    platform = GlossaryTerm.objects.get(home=None, source="国务院办公厅")
    client.force_login(translator)
    listing = client.get(reverse("glossary:index")).content.decode()
    assert "Jia County" in listing and "General Office of the State Council" in listing
    assert "Yi County" not in listing
    assert reverse("glossary:edit", args=[own.pk]) in listing
    assert reverse("glossary:edit", args=[platform.pk]) not in listing
    assert client.get(reverse("glossary:edit", args=[own.pk])).status_code == 200
    for other in (platform, county_b_term):
        assert client.get(reverse("glossary:edit", args=[other.pk])).status_code == 404
        response = client.post(
            reverse("glossary:edit", args=[other.pk]),
            {"home": english.county_a.home.pk, "language_code": "en", "source": other.source, "translation": "X"},
        )
        assert response.status_code == 404
        other.refresh_from_db()
        assert other.translation != "X"


def add_term(client, home_id, source="甲县政务服务中心"):
    return client.post(
        reverse("glossary:add"),
        {"home": home_id, "language_code": "en", "source": source, "translation": "Jia County Service Center"},
    )


@pytest.mark.parametrize("role", ["翻译", "管理员"])
def test_a_sites_translators_and_administrators_add_terms_to_their_own_site_only(client, english, make_user, role):
    group = translator_group(english.county_a) if role == "翻译" else english.county_a.groups["管理员"]
    client.force_login(make_user(group))
    for refused in (english.county_b.home.pk, english.portal.home.pk, ""):
        response = add_term(client, refused)
        assert response.status_code == 200  # the form again, with its error
        assert not GlossaryTerm.objects.filter(source="甲县政务服务中心").exists()
    assert add_term(client, english.county_a.home.pk).status_code == 302
    assert GlossaryTerm.objects.get(source="甲县政务服务中心").home_id == english.county_a.home.pk


def test_only_keepers_of_the_platform_list_add_platform_terms(client, english, make_user, translator):
    client.force_login(translator)
    add_term(client, "", source="平台术语")
    assert not GlossaryTerm.objects.filter(source="平台术语").exists()
    keeper = make_user()
    keeper.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="translations", codename__in=["add_glossaryterm", "manage_platform_glossary"]
        ),
    )
    client.force_login(keeper)
    assert add_term(client, "", source="平台术语").status_code == 302
    assert GlossaryTerm.objects.get(source="平台术语").home is None


def test_the_content_check_reports_a_term_translated_otherwise_with_its_expected_form(english_article):
    translate_title(english_article, "Opinions of the State Council Office on advancing government openness")
    problems = glossary_problems(english_article)
    assert any("“国务院办公厅”应译为“General Office of the State Council”" in problem for problem in problems)
    assert any("“政府信息公开”应译为“Government Information Disclosure”" in problem for problem in problems)


def test_the_content_check_accepts_the_standard_forms_in_any_case(english_article):
    translate_title(
        english_article,
        "Opinions of the General Office of the State Council on Advancing government information disclosure",
    )
    assert glossary_problems(english_article) == []


def test_a_sites_term_overrides_the_platforms(english, english_article):
    GlossaryTerm.objects.create(
        home=english.county_a.home, source="国务院办公厅", translation="State Council General Office"
    )
    translate_title(
        english_article,
        "Opinions of the General Office of the State Council on Advancing Government Information Disclosure",
    )
    expected = f"“国务院办公厅”应译为“State Council General Office”（原文：{TITLE}）"
    assert glossary_problems(english_article) == [expected]


def test_another_sites_terms_are_not_checked(english, english_article, county_b_term):
    GlossaryTerm.objects.create(home=english.county_b.home, source="推进", translation="Pushing")
    translate_title(
        english_article,
        "Opinions of the General Office of the State Council on Advancing Government Information Disclosure",
    )
    assert glossary_problems(english_article) == []


def test_the_translation_editor_shows_the_segments_with_terms_and_their_expected_forms(
    client, english_article, translator
):
    client.force_login(translator)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[english_article.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "govcms-glossary-panel" in html
    assert "General Office of the State Council" in html and "Government Information Disclosure" in html
    assert "People&#x27;s Congress" not in html  # a term the page does not contain


def test_the_system_administrators_keep_the_platform_list(client, english, make_user):
    """系统管理员 holds the platform list's rights (sitegroup.platform), like the other platform lists."""
    client.force_login(make_user(Group.objects.get(name=SYSTEM_ADMIN_GROUP)))
    assert add_term(client, "", source="平台术语").status_code == 302
    assert GlossaryTerm.objects.get(source="平台术语").home is None


def test_the_editor_folds_the_glossary_panel_unless_a_term_is_translated_otherwise(client, translator, english_article):
    url = reverse("wagtailadmin_pages:edit", args=[english_article.pk])
    client.force_login(translator)
    assert '<details class="govcms-glossary-panel">' in client.get(url).content.decode()
    translate_title(english_article, "Opinions of the Office of the State Council on disclosure")
    assert '<details class="govcms-glossary-panel" open>' in client.get(url).content.decode()
