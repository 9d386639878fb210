"""A county A translator on county B's translations: refused by every wagtail-localize view and ours, with nothing
created, changed or published; the same user succeeds on county A (the positive control). Translators cannot edit
or publish the Chinese originals, nor grant themselves anything.

County B opens English here too, so that it has translations to be refused on.
"""

import io
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Locale, Page, Revision, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from tests.sitegroup.utils import assert_refused
from tests.translations.helpers import english_of, publish_new_article, translator_group
from translations.checks import page_translation
from translations.models import SiteLanguage
from translations.sync import open_foreign_version

NEXT = "/admin/pages/"


@pytest.fixture
def sites(english, django_capture_on_commit_callbacks):
    open_foreign_version(english.county_b.home, "en")

    class Sites:
        own = english_of(
            publish_new_article(english.county_a, "甲县新闻", "甲县正文。", django_capture_on_commit_callbacks)
        )
        other = english_of(
            publish_new_article(english.county_b, "乙县新闻", "乙县正文。", django_capture_on_commit_callbacks)
        )
        group = english

    return Sites


@pytest.fixture
def translator(client, sites, make_user):
    client.force_login(make_user(translator_group(sites.group.county_a)))
    return client


def refused(response):
    """Wagtail's admin answer to PermissionDenied (back to the dashboard), or a 403/404 from the API views."""
    if response.status_code == 302:
        assert_refused(response)
    else:
        assert response.status_code in (403, 404), response.status_code
    return True


def footprint():
    """What a refused request must leave as it was: strings, translations, pages, revisions and workflows."""
    return (
        StringTranslation.objects.count(),
        list(Translation.objects.order_by("pk").values_list("pk", "enabled")),
        list(Page.objects.order_by("pk").values_list("pk", "live", "alias_of_id", "title")),
        Revision.objects.count(),
        WorkflowState.objects.count(),
        SiteLanguage.objects.count(),
    )


def first_segment(page):
    translation = page_translation(page)
    return translation, StringSegment.objects.filter(source=translation.source).order_by("order").first()


def put_string(client, page, value):
    translation, segment = first_segment(page)
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    return client.put(url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded")


def po_upload(client, page, content):
    translation = page_translation(page)
    upload = SimpleUploadedFile("page.po", content, content_type="text/x-gettext-translation")
    return client.post(reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload, "next": NEXT})


def test_the_translator_edits_their_own_sites_translation(translator, sites):
    """Positive controls for the refusals below, through the same views."""
    page = sites.own
    translation = page_translation(page)
    assert translator.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    assert put_string(translator, page, "County A news").status_code == 201
    po = translator.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert po.status_code == 200
    assert po_upload(translator, page, po.content).status_code == 302
    assert translator.get(reverse("wagtail_localize:preview_translation", args=[translation.pk])).status_code == 200
    # Stopping the synchronisation is refused to everyone (translations/guards.py): back, still in step.
    stop = translator.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]), {"next": NEXT})
    assert stop.url == NEXT
    translation.refresh_from_db()
    assert translation.enabled
    machine = translator.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": NEXT})
    assert machine.url == NEXT
    report = translator.get(reverse("wagtail_localize:translations_report")).content.decode()
    assert "甲县新闻" in report
    work = translator.get(reverse("translations_work")).content.decode()
    assert "甲县新闻" in work or "County A news" in work


def test_every_translation_view_refuses_another_sites_translation(translator, sites):
    page = sites.other
    translation = page_translation(page)
    source = translation.source
    original = source.get_source_instance()
    _translation, segment = first_segment(page)
    overridable = source.overridablesegment_set.first()
    before = footprint()

    attempts = {
        "edit (the translation editor)": translator.get(reverse("wagtailadmin_pages:edit", args=[page.pk])),
        "edit_string_translation": put_string(translator, page, "County B news"),
        "edit_string_translation (delete)": translator.delete(
            reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        ),
        "download_pofile": translator.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])),
        "upload_pofile": po_upload(translator, page, str(translation.export_po()).encode()),
        "machine_translate": translator.post(
            reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": NEXT}
        ),
        "preview_translation": translator.get(reverse("wagtail_localize:preview_translation", args=[translation.pk])),
        "stop_translation": translator.post(
            reverse("wagtail_localize:stop_translation", args=[translation.pk]), {"next": NEXT}
        ),
        "restart translation": translator.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), {"localize-restart-translation": "1"}
        ),
        "publish in the editor": translator.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
        ),
        "convert_to_alias": translator.post(reverse("wagtail_localize:convert_to_alias", args=[page.pk])),
        "submit_page_translation": translator.post(
            reverse("wagtail_localize:submit_page_translation", args=[original.pk]),
            {"locales": [Locale.objects.get(language_code="en").pk]},
        ),
        "update_translations (sync)": translator.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]), {"publish_translations": "on"}
        ),
        "提交审校": translator.post(reverse("translations_submit_for_review", args=[page.pk])),
    }
    if overridable is not None:
        attempts["edit_override"] = translator.put(
            reverse("wagtail_localize:edit_override", args=[translation.pk, overridable.pk]),
            urlencode({"value": "x"}),
            content_type="application/x-www-form-urlencoded",
        )
    assert {name for name, response in attempts.items() if refused(response)} == set(attempts)
    assert footprint() == before


@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=None)
def test_without_a_machine_translator_the_view_is_absent_for_everyone(translator, sites):
    before = footprint()
    for page in (sites.own, sites.other):
        url = reverse("wagtail_localize:machine_translate", args=[page_translation(page).pk])
        assert translator.post(url, {"next": NEXT}).status_code == 404
    assert footprint() == before


def test_the_lists_show_only_the_translators_own_site(translator, sites):
    for url_name in ("wagtail_localize:translations_report", "translations_work"):
        listing = translator.get(reverse(url_name)).content.decode()
        assert "乙县新闻" not in listing, url_name


def test_the_translator_cannot_edit_or_publish_the_chinese_originals(
    translator, sites, django_capture_on_commit_callbacks
):
    original = sites.own.get_translation(Locale.objects.get(language_code="zh-hans"))
    before = footprint()
    assert refused(translator.get(reverse("wagtailadmin_pages:edit", args=[original.pk])))
    assert refused(translator.post(reverse("wagtailadmin_pages:edit", args=[original.pk]), {"action-publish": "1"}))
    with django_capture_on_commit_callbacks(execute=True):
        api = translator.post(
            reverse("wagtailadmin_api:pages:action", args=[original.pk, "publish"]), content_type="application/json"
        )
    assert api.status_code in (403, 404)
    # wagtail-localize's submit view: no edit rights on the original, so no translating of it by hand
    # (translations are made automatically when the original is published).
    assert refused(translator.get(reverse("wagtail_localize:submit_page_translation", args=[original.pk])))
    assert footprint() == before


def test_the_translator_cannot_grant_themselves_anything(translator, sites):
    group = translator_group(sites.group.county_a)
    before = (list(group.permissions.values_list("pk", flat=True)), group.page_permissions.count())
    for url in (
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_groups:index"),
        reverse("wagtailusers_groups:edit", args=[group.pk]),
        reverse("translations_foreign_versions"),
    ):
        assert refused(translator.get(url)), url
    assert refused(translator.post(reverse("wagtailusers_groups:edit", args=[group.pk]), {"name": group.name}))
    home = sites.group.county_b.home
    assert refused(translator.post(reverse("translations_open_foreign_version", args=[home.pk, "en"])))
    group.refresh_from_db()
    assert (list(group.permissions.values_list("pk", flat=True)), group.page_permissions.count()) == before


def test_only_platform_administrators_open_foreign_versions(client, site_group, make_user):
    from django.contrib.auth.models import Permission

    administrator = make_user(site_group.county_b.groups["管理员"])
    client.force_login(administrator)
    url = reverse("translations_open_foreign_version", args=[site_group.county_b.home.pk, "en"])
    assert refused(client.post(url))
    # No foreign version on their site: no 翻译任务 either.
    assert refused(client.get(reverse("translations_work")))
    platform = make_user()
    platform.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="provision_subsite")
    )
    client.force_login(platform)
    assert "开设英文版" in client.get(reverse("translations_foreign_versions")).content.decode()
    # The portal offers no English yet: the county cannot open it, with the reason.
    response = client.post(url, follow=True)
    assert "尚未开设英文版" in response.content.decode()
    assert not SiteLanguage.objects.filter(home=site_group.county_b.home).exists()
    client.post(reverse("translations_open_foreign_version", args=[site_group.portal.home.pk, "en"]))
    client.post(url)
    assert SiteLanguage.objects.filter(home=site_group.county_b.home, language_code="en").exists()


def test_the_command_opens_a_foreign_version(site_group):
    from django.core.management import CommandError, call_command

    out = io.StringIO()
    with pytest.raises(CommandError, match="尚未开设"):
        call_command("open_foreign_version", "county-b", "en", stdout=out)
    call_command("open_foreign_version", str(site_group.portal.home.pk), "en", stdout=out)
    call_command("open_foreign_version", "county-b", "en", stdout=out)
    assert SiteLanguage.objects.filter(home=site_group.county_b.home, language_code="en").exists()
