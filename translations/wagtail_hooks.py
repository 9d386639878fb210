"""Admin integration of the foreign-language versions. Each part registers in its own section below."""

from django.urls import path, reverse
from django.utils.translation import gettext, gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter
from wagtail_localize import wagtail_hooks as localize_hooks

from govcms.core.provisioning import PROVISION_SITE_HOOK
from release.publishing.guards import PAGE_DELETION_REFUSAL_HOOK
from release.workflow.checks import CONTENT_CHECKS_HOOK
from translations import admin_views, checks, glossary, guards, listing_buttons, po
from translations.languages import language_name
from translations.provisioning import provision_foreign_versions
from translations.sync import OPEN_LOG_ACTION
from translations.viewsets import GlossaryViewSet

# Provisioning: the foreign languages a site is opened with, and the repair of its translators' rights.
hooks.register(PROVISION_SITE_HOOK, provision_foreign_versions)


# --- Content check (release.workflow.checks): untranslated segments, glossary terms ---------------
hooks.register(CONTENT_CHECKS_HOOK, checks.find_untranslated_segments)
hooks.register(CONTENT_CHECKS_HOOK, checks.find_offline_original)
hooks.register(CONTENT_CHECKS_HOOK, glossary.find_misrendered_terms)


# --- The glossary (设置 → 规范译名, translations.viewsets) ------------------------------------------
@hooks.register("register_admin_viewset")
def register_glossary_viewset():
    return GlossaryViewSet("glossary", url_prefix="translations/glossary")


# --- Guards (translations.guards): translated pages are not deleted on their own -----------------
hooks.register("before_delete_page", guards.refuse_deleting_translations)
hooks.register("before_bulk_action", guards.refuse_bulk_deleting_translations)
hooks.register(PAGE_DELETION_REFUSAL_HOOK, guards.deletion_refusal)


# --- Log actions --------------------------------------------------------------------------------
@hooks.register("register_log_actions")
def register_log_actions(actions):
    @actions.register_action(OPEN_LOG_ACTION)
    class OpenLanguage(LogFormatter):
        label = gettext_lazy("开设外文版")

        def format_message(self, log_entry):
            return gettext("开设%(language)s版") % {"language": language_name(log_entry.data.get("language", ""))}


# --- Translators and reviewers: 提交审校, 翻译任务, 开设外文版 (translations.admin_views) ---------------
@hooks.register("register_admin_urls")
def register_review_urls():
    work = admin_views.TranslationWorkView
    return [
        path(
            "translations/pages/<int:page_id>/submit/",
            admin_views.submit_translation_for_review,
            name="translations_submit_for_review",
        ),
        path("translations/work/", work.as_view(), name="translations_work"),
        path("translations/work/results/", work.as_view(results_only=True), name="translations_work_results"),
        path(
            "translations/sites/",
            admin_views.ForeignVersionsView.as_view(),
            name="translations_foreign_versions",
        ),
        path(
            "translations/sites/<int:home_id>/open/<str:language_code>/",
            admin_views.open_foreign_version_view,
            name="translations_open_foreign_version",
        ),
    ]


hooks.register("construct_homepage_panels", admin_views.translation_work_panel)


class TranslationWorkMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_translation_work(request.user)


@hooks.register("register_reports_menu_item")
def register_translation_work_menu_item():
    return TranslationWorkMenuItem(
        gettext_lazy("翻译任务"), reverse("translations_work"), name="translation-work", icon_name="globe", order=1200
    )


class ForeignVersionsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_open_foreign_versions(request.user)


@hooks.register("register_settings_menu_item")
def register_foreign_versions_menu_item():
    return ForeignVersionsMenuItem(
        gettext_lazy("外文版"), reverse("translations_foreign_versions"), name="foreign-versions", icon_name="globe"
    )


# --- PO files for outside agencies (translations.po): per page and per column ---------------------
@hooks.register("register_admin_urls")
def register_po_urls():
    return [
        path("translations/po/<int:page_id>/", po.POView.as_view(), name="translations_po"),
        path("translations/po/<int:page_id>/page.po", po.download_page, name="translations_po_download_page"),
        path("translations/po/<int:page_id>/column.zip", po.download_column, name="translations_po_download_column"),
    ]


class POButton(PageMenuItem):
    label = gettext_lazy("外包翻译（PO）")
    icon_name = "download"
    url_name = "translations_po"

    def is_shown(self, user):
        return po.may_translate(user, self.page)


@hooks.register("register_page_header_buttons")
def po_header_button(page, user, view_name, next_url=None):
    yield POButton(page=page, priority=70)


@hooks.register("register_page_listing_more_buttons")
def po_listing_button(page, user, next_url=None):
    yield POButton(page=page, priority=70)


# --- The explorer's rows: wagtail-localize's listing buttons without queries per row (translations.listing_buttons).
# Its hooks module is imported at the top of this one, so its listing hook is registered already and can be taken
# out; its page header buttons (one page) stay.
hooks._hooks["register_page_listing_more_buttons"] = [
    (fn, order)
    for fn, order in hooks._hooks.get("register_page_listing_more_buttons", [])
    if fn is not localize_hooks.page_listing_more_buttons
]
hooks.register("register_page_listing_more_buttons", listing_buttons.translation_listing_buttons)
hooks.register("construct_explorer_page_queryset", listing_buttons.annotate_translation_state)
