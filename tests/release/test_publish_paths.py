"""No admin path makes a page under a workflow live for a non-superuser (issue 10, item 5).

Every URL of the admin and every registered page action (editor action menu,
bulk actions, admin API actions) is either tried here with a publish attempt
— as a county's 签发 and 管理员 and as the portal's 管理员 on a county page —
or listed as not publishing, with the reason. A URL or action that a Wagtail
upgrade (or a new app) adds is in neither list and fails the test until
someone decides which it is.
"""

from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db.models import F, Q
from django.urls import URLResolver, get_resolver, reverse
from wagtail import hooks
from wagtail.admin.action_menu import _get_base_page_action_menu_items
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import GroupPagePermission, Locale, Page, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail_localize.models import TranslationSource

from home.models import ArticlePage
from release.models import UnreviewedPublication
from release.publishing import guards
from release.publishing.hooks import FORCE_PUBLISH_MENU_NAME
from release.publishing.views import ReviewedPagesAdminAPIViewSet
from tests.factories import ArticlePageFactory
from tests.policy.test_admin import interpretation_form_data
from tests.policy.utils import add_interpretation, add_policy, interpretation_column_of, library_of
from tests.sitegroup.utils import article_form_data, message_texts

pytestmark = pytest.mark.django_db

COPY_REFUSAL = str(guards.COPY_REFUSAL)
MOVE_REFUSAL = str(guards.MOVE_REFUSAL)
PUBLISH_REFUSAL = str(guards.PUBLISH_REFUSAL)


@dataclass
class Subject:
    """County A pages to publish: a live article with an unreviewed draft, and a page never published."""

    live: ArticlePage
    draft: ArticlePage
    old_revision: Revision
    column: Page
    other_column: Page
    portal_column: Page


@pytest.fixture
def subject(site_group, county_a_staff):
    officer = county_a_staff.officer
    column = Page.objects.child_of(site_group.county_a.home).get(slug="zwdt")
    live = ArticlePageFactory(parent=column, title="甲县已发布的通知", slug="yifabu")
    old_revision = live.save_revision(user=officer)
    old_revision.publish()
    live.title = "甲县未经审核的改动"
    live.save_revision(user=officer)
    draft = ArticlePageFactory(parent=column, title="甲县未发布的草稿", slug="caogao", live=False)
    draft.save_revision(user=officer)
    return Subject(
        live=live,
        draft=draft,
        old_revision=old_revision,
        column=column,
        other_column=Page.objects.child_of(site_group.county_a.home).exclude(pk=column.pk).live().first(),
        portal_column=Page.objects.child_of(site_group.portal.home).get(slug="zwdt"),
    )


@pytest.fixture
def publishers(site_group, county_a_staff, make_user):
    """Non-superusers with publish permission on county A's pages (and wagtail-localize's global permission)."""
    users = {
        "甲县签发": county_a_staff.approver,
        "甲县管理员": county_a_staff.administrator,
        "市门户管理员": make_user(site_group.portal.groups["管理员"]),
    }
    translate = Permission.objects.get(codename="submit_translation")
    for user in users.values():
        user.user_permissions.add(translate)
    return users


def live_state():
    """Every live page with its live revision and place. A refused attempt adds nothing to it.

    Left out: the aliases wagtail-localize makes of a translation's parents in the other language's
    tree. They mirror pages already live, with their reviewed text; the translation itself is a draft.
    """
    mirrors = Q(alias_of__isnull=False) & ~Q(locale=F("alias_of__locale"))
    return set(Page.objects.live().exclude(mirrors).values_list("pk", "live_revision_id", "url_path"))


# --- Publish attempts, by admin URL name -------------------------------------------------------


def api_action(client, page, action, **data):
    url = reverse("wagtailadmin_api:pages:action", kwargs={"pk": page.pk, "action_name": action})
    return client.post(url, data, content_type="application/json")


def api_attempts(s):
    """Per admin API action, the calls that would publish (or move a live page under another workflow)."""
    return {
        "publish": [(s.live, {}), (s.draft, {})],
        "copy": [
            (s.live, {"slug": "fuben"}),
            (s.live, {"slug": "fuben", "destination_page_id": s.portal_column.pk}),
            (s.column, {"slug": "zwdt-fuben", "recursive": True, "destination_page_id": s.column.get_parent().pk}),
        ],
        "create_alias": [
            (s.live, {"update_slug": "bieming"}),
            (s.live, {"destination_page_id": s.portal_column.pk}),
        ],
        "copy_for_translation": [(s.live, {"locale": "en", "alias": True, "copy_parents": True})],
        "move": [(s.live, {"destination_page_id": s.portal_column.pk, "position": "last-child"})],
        "revert_to_page_revision": [(s.live, {"revision_id": s.old_revision.pk})],
        "convert_alias": [(s.live, {})],
    }


API_ACTIONS_NOT_PUBLISHING = {"unpublish": "takes the page offline", "delete": "deletes the page"}


def try_admin_api(client, s):
    for action, calls in api_attempts(s).items():
        for page, data in calls:
            api_action(client, page, action, **data)


def bulk_url(action, *pages, **params):
    query = "&".join([f"id={page.pk}" for page in pages] + [f"{key}={value}" for key, value in params.items()])
    return reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + "?" + query


BULK_ACTIONS_NOT_PUBLISHING = {"unpublish": "takes pages offline", "delete": "deletes pages"}


def bulk_attempts(s):
    return {
        "publish": (bulk_url("publish", s.live, s.draft), {"include_descendants": ""}),
        "move": (bulk_url("move", s.live), {"chooser": s.portal_column.pk}),
    }


def try_bulk_actions(client, s):
    for url, data in bulk_attempts(s).values():
        client.post(url, data)


def action_menu_names():
    """Every action the page editor's menu can post: Wagtail's, those registered by hooks, and ours."""
    names = {item.name for item in _get_base_page_action_menu_items()}
    return names | {FORCE_PUBLISH_MENU_NAME, "action-workflow-action"}


def try_editor_actions(client, s, url_name="wagtailadmin_pages:edit", *args):
    for page in (s.live, s.draft):
        url = reverse(url_name, args=[page.pk, *args])
        for name in sorted(action_menu_names()):
            data = article_form_data("改动后直接发布", page.slug)
            data[name] = name
            data["workflow-action-name"] = "approve"
            client.post(url, data)
        # wagtail-localize's translation editor posts "Publish" as action=publish.
        client.post(url, {"action": "publish"})


def try_revert_and_publish(client, s):
    url = reverse("wagtailadmin_pages:revisions_revert", args=[s.live.pk, s.old_revision.pk])
    data = article_form_data("恢复旧版本后直接发布", s.live.slug)
    data["action-publish"] = "action-publish"
    client.post(url, data)


def try_create_and_publish(client, s):
    data = article_form_data("新建后直接发布", "xinjian")
    data["action-publish"] = "action-publish"
    client.post(reverse("wagtailadmin_pages:add", args=["home", "articlepage", s.column.pk]), data)


def try_copy_and_publish(client, s):
    url = reverse("wagtailadmin_pages:copy", args=[s.live.pk])
    for destination in (s.column, s.portal_column):
        for option in ("publish_copies", "alias"):
            data = {"new_title": "复制后直接发布", "new_slug": f"fuben-{option}", "new_parent_page": destination.pk}
            client.post(url, {**data, option: "on"})
    column_copy = {"new_title": "栏目副本", "new_slug": "zwdt-fuben", "new_parent_page": s.column.get_parent().pk}
    client.post(reverse("wagtailadmin_pages:copy", args=[s.column.pk]), {**column_copy, "copy_subpages": "on"})


def try_move_live_page(client, s):
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[s.live.pk, s.portal_column.pk]))


def english_translation(s):
    return s.live.get_translations().filter(locale__language_code="en").first()


def try_translations(client, s):
    """Translate the live article (a draft, WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE), then publish it."""
    english = Locale.objects.get(language_code="en")
    submit = reverse("wagtail_localize:submit_page_translation", args=[s.live.pk])
    client.post(submit, {"locales": [english.pk], "include_subtree": ""})
    source = TranslationSource.objects.filter(object_id=s.live.translation_key).first()
    if source is not None:
        client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {"publish_translations": "on"})
    translation = english_translation(s)
    if translation is not None:
        client.post(reverse("wagtailadmin_pages:edit", args=[translation.pk]), {"action": "publish"})
        client.post(reverse("wagtail_localize:convert_to_alias", args=[translation.pk]))


PUBLISH_ATTEMPTS = {
    "wagtailadmin_api:pages:action": try_admin_api,
    "wagtail_bulk_action": try_bulk_actions,
    "wagtailadmin_pages:revisions_revert": try_revert_and_publish,
    "wagtailadmin_pages:add": try_create_and_publish,
    # Wagtail's copy URL answers with release.publishing.views.ReviewedCopyView (release/admin_urls.py).
    "wagtailadmin_pages:copy": try_copy_and_publish,
    "admin/pages/<int:page_id>/copy/": try_copy_and_publish,
    "wagtailadmin_pages:move_confirm": try_move_live_page,
    "wagtail_localize:submit_page_translation": try_translations,
    "wagtail_localize:update_translations": try_translations,
    "admin/localize/submit/page/<int:page_id>/": try_translations,
    "admin/localize/update/<int:translation_source_id>/": try_translations,
    "wagtail_localize:convert_to_alias": try_translations,
    "admin/localize/page/<int:page_id>/convert_to_alias/": try_translations,
    "wagtailadmin_pages:edit": try_editor_actions,
    # Wagtail's edit URL answers with release.workflow.views.ReviewingEditView (release/admin_urls.py).
    "admin/pages/<int:page_id>/edit/": try_editor_actions,
}

# The ways pages go live as intended, each tested where it is built.
SANCTIONED = {
    "wagtailadmin_pages:workflow_action": "the workflow itself: its last approval publishes (test_workflow.py)",
    # Wagtail's workflow views, for those who may see the page (sitegroup/workflow_views.py).
    "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/": (
        "the workflow itself, as wagtailadmin_pages:workflow_action"
    ),
    "release_force_publish": "强制发布 by a site's 管理员 with a reason, flagged 未经审核发布 (test_force_publish.py)",
    # Not a way around the workflow: it publishes the LIVE page's content, which went through the workflow
    # already, with only the record of the broadcast added; a pending draft is not published but saved again
    # on top, for its review (tests/interviews/test_console.py).
    "interviews_console:end": "结束访谈 writes the frozen transcript into the live interview page, nothing else",
}

# Admin URLs that make no page live, by reason. Unnamed URLs are listed by route.
NOT_PUBLISHING = {
    "reads or lists pages, revisions, history, usage or reports": """
        wagtailadmin_home wagtailadmin_explore_root wagtailadmin_explore wagtailadmin_explore_results
        wagtailadmin_api:pages:listing wagtailadmin_api:pages:detail wagtailadmin_api:pages:find
        wagtailadmin_pages:type_use wagtailadmin_pages:type_use_results wagtailadmin_pages:usage
        wagtailadmin_pages:view_draft wagtailadmin_pages:search wagtailadmin_pages:search_results
        wagtailadmin_pages:revisions_index wagtailadmin_pages:revisions_view wagtailadmin_pages:revisions_compare
        wagtailadmin_pages:workflow_history wagtailadmin_pages:workflow_history_detail
        wagtailadmin_pages:history wagtailadmin_pages:history_results wagtailadmin_pages:workflow_preview
        wagtailadmin_pages:collect_workflow_action_data wagtailadmin_pages:confirm_workflow_cancellation
        wagtailadmin_reports:locked_pages wagtailadmin_reports:locked_pages_results wagtailadmin_reports:workflow
        wagtailadmin_reports:workflow_results wagtailadmin_reports:workflow_tasks
        wagtailadmin_reports:workflow_tasks_results
        wagtailadmin_reports:site_history wagtailadmin_reports:site_history_results wagtailadmin_reports:aging_pages
        wagtailadmin_reports:aging_pages_results wagtailadmin_reports:page_types_usage
        wagtailadmin_reports:page_types_usage_results
        release_unreviewed_publications release_unreviewed_publications_results release_audit_report
        release_audit_report_results release_statistics_report release_statistics_report_results
        policy_pending_interpretation_report policy_pending_interpretation_report_results search_query_report
        search_query_report_results
        wagtail_localize:translations_report wagtail_localize:translations_report_results
        wagtail_localize:download_pofile wagtail_localize:preview_translation
    """,
    "年度考核报告 (monitoring.annual_views): reads stored figures, per site and for the site group": """
        monitoring_annual_report monitoring_annual_site_report
    """,
    "previews render a draft to its editor, and choosers pick pages": """
        wagtailadmin_pages:preview_on_add wagtailadmin_pages:preview_on_edit wagtailadmin_block_preview
        wagtailadmin_pages:choose_parent wagtailadmin_pages:add_subpage wagtailadmin_pages:move
        wagtailadmin_choose_page wagtailadmin_choose_page_child wagtailadmin_choose_page_search
        wagtailadmin_choose_page_chosen_multiple wagtailadmin_choose_page_external_link
        wagtailadmin_choose_page_email_link wagtailadmin_choose_page_phone_link wagtailadmin_choose_page_anchor_link
        admin/choose-page/<int:parent_page_id>/ admin/choose-page/chosen-multiple/
    """,
    "Wagtail's workflow previews and lists, confined to the user's sites (sitegroup/admin_urls.py)": """
        admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/
        admin/pages/workflow/confirm_cancellation/<int:page_id>/
        admin/pages/workflow/preview/<int:page_id>/<int:task_id>/
        admin/reports/site-history/ admin/reports/site-history/results/ admin/localize/reports/translations/
        admin/localize/reports/translations/results/ admin/workflows/task_chooser/
        admin/workflows/task_chooser/results/ admin/workflows/task_chooser/create/
        admin/workflows/task_chooser/<int:task_id>/ admin/reports/workflow/ admin/reports/workflow/results/
        admin/reports/workflow_tasks/ admin/reports/workflow_tasks/results/
    """,
    "media libraries and tags: no pages": """
        admin/documents/ admin/documents/results/ admin/images/ admin/images/results/ admin/images/chooser/
        admin/tag-autocomplete/ admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/
    """,
    "takes pages offline or removes them (release.withdraw included)": """
        wagtailadmin_pages:delete wagtailadmin_pages:unpublish wagtailadmin_pages:revisions_unschedule
        release_withdraw
    """,
    "saves a draft revision (Word import into the body); the page then goes through review": "home_import_word",
    "PO files: downloads read; an upload saves translated strings and a draft revision, then 外文审校 (test_po.py)": """
        translations_po translations_po_download_page translations_po_download_column
    """,
    "外文版: 提交审校 starts or resumes the translated page's 外文发布流程, whose last approval publishes it; "
    "opening a foreign version drafts the site's pages; the rest are lists (tests/translations/test_review.py, "
    "test_isolation.py)": """
        translations_submit_for_review translations_open_foreign_version translations_foreign_versions
        translations_work translations_work_results
    """,
    "refused to everyone: stopping a translation's synchronisation (translations/guards.py)": (
        "admin/localize/translate/<int:translation_id>/disable/"
    ),
    "the glossary (规范译名): a list of terms, no pages": """
        glossary:index glossary:index_results glossary:add glossary:edit glossary:delete glossary:history
        glossary:history_results glossary:usage
    """,
    "changes a page's state without publishing content": """
        wagtailadmin_pages:lock wagtailadmin_pages:unlock wagtailadmin_pages:set_page_position
        wagtailadmin_editing_sessions:ping wagtailadmin_editing_sessions:release release_post_review
    """,
    "privacy of a page already live: who may view it, not what it says": "wagtailadmin_pages:set_privacy",
    "an alias is live already with its source's content; converting keeps that content": (
        "wagtailadmin_pages:convert_alias"
    ),
    "wagtail-localize's translation editor saves draft strings; its Publish posts to pages:edit (tried)": """
        wagtail_localize:edit_string_translation wagtail_localize:edit_override wagtail_localize:upload_pofile
        wagtail_localize:machine_translate wagtail_localize:stop_translation
        wagtail_localize:javascript_catalog wagtail_localize:submit_snippet_translation
        wagtail_localize:snippets_api_listing wagtail_localize:snippets_api_detail
    """,
    "workflows are configured by platform administrators (Settings → Workflows); configuring publishes nothing": """
        wagtailadmin_workflows:index wagtailadmin_workflows:index_results wagtailadmin_workflows:add
        wagtailadmin_workflows:enable wagtailadmin_workflows:disable wagtailadmin_workflows:edit
        wagtailadmin_workflows:usage wagtailadmin_workflows:usage_results wagtailadmin_workflows:remove
        wagtailadmin_workflows:add_task wagtailadmin_workflows:select_task_type wagtailadmin_workflows:task_index
        wagtailadmin_workflows:task_index_results wagtailadmin_workflows:edit_task wagtailadmin_workflows:disable_task
        wagtailadmin_workflows:enable_task wagtailadmin_workflows:task_chooser
        wagtailadmin_workflows:task_chooser_results
        wagtailadmin_workflows:task_chooser_create wagtailadmin_workflows:task_chosen
    """,
    "images, documents and collections, not pages": """
        wagtailadmin_api:documents:listing wagtailadmin_api:documents:detail wagtailadmin_api:documents:find
        wagtailadmin_api:images:listing wagtailadmin_api:images:detail wagtailadmin_api:images:find
        wagtailadmin_collections:index wagtailadmin_collections:add wagtailadmin_collections:edit
        wagtailadmin_collections:delete wagtailadmin_collections:set_privacy
        wagtaildocs:index wagtaildocs:index_results wagtaildocs:add wagtaildocs:edit wagtaildocs:delete
        wagtaildocs:add_multiple wagtaildocs:edit_multiple wagtaildocs:create_multiple_from_uploaded_document
        wagtaildocs:delete_multiple wagtaildocs:delete_upload_multiple wagtaildocs:document_usage
        wagtailimages:index wagtailimages:index_results wagtailimages:edit wagtailimages:delete
        wagtailimages:url_generator wagtailimages:url_generator_output wagtailimages:preview wagtailimages:add
        wagtailimages:image_usage wagtailimages:add_multiple wagtailimages:edit_multiple
        wagtailimages:create_multiple_from_uploaded_image wagtailimages:delete_multiple
        wagtailimages:delete_upload_multiple
        wagtaildocs_chooser:choose wagtaildocs_chooser:choose_results wagtaildocs_chooser:chosen
        wagtaildocs_chooser:chosen_multiple wagtaildocs_chooser:create
        wagtailimages_chooser:choose wagtailimages_chooser:choose_results wagtailimages_chooser:chosen
        wagtailimages_chooser:chosen_multiple wagtailimages_chooser:create wagtailimages_chooser:select_format
        wagtailembeds:chooser wagtailembeds:chooser_upload
    """,
    "snippets, settings, sites, locales, users and groups, not pages": """
        wagtailsnippets:index
        wagtailsnippets_workdays_workdayoverride:list wagtailsnippets_workdays_workdayoverride:list_results
        wagtailsnippets_workdays_workdayoverride:add wagtailsnippets_workdays_workdayoverride:edit
        wagtailsnippets_workdays_workdayoverride:delete wagtailsnippets_workdays_workdayoverride:usage
        wagtailsnippets_workdays_workdayoverride:history wagtailsnippets_workdays_workdayoverride:history_results
        wagtailsnippets_workdays_workdayoverride:copy
        wagtailsnippetchoosers_workdays_workdayoverride:choose
        wagtailsnippetchoosers_workdays_workdayoverride:choose_results
        wagtailsnippetchoosers_workdays_workdayoverride:chosen
        wagtailsnippetchoosers_workdays_workdayoverride:chosen_multiple
        wagtailsnippetchoosers_workdays_workdayoverride:create
        issuing_bodies:index issuing_bodies:index_results issuing_bodies:add issuing_bodies:edit
        issuing_bodies:delete issuing_bodies:history issuing_bodies:history_results issuing_bodies:usage
        topics:index topics:index_results topics:add topics:edit topics:delete topics:history
        topics:history_results topics:usage topics:copy
        consultation_kinds:index consultation_kinds:index_results consultation_kinds:add consultation_kinds:edit
        consultation_kinds:delete consultation_kinds:history consultation_kinds:history_results
        consultation_kinds:usage consultation_kinds:copy
        wagtailsettings:edit wagtailsettings:preview_on_edit
        wagtaillocales:index wagtaillocales:index_results wagtaillocales:add wagtaillocales:edit
        wagtaillocales:delete wagtaillocales:history wagtaillocales:history_results wagtaillocales:usage
        wagtaillocales:copy
        wagtailsites:index wagtailsites:index_results wagtailsites:add wagtailsites:edit wagtailsites:delete
        wagtailsites:history wagtailsites:history_results wagtailsites:usage wagtailsites:copy
        wagtailusers_users:index wagtailusers_users:index_results wagtailusers_users:add wagtailusers_users:edit
        wagtailusers_users:delete wagtailusers_users:history wagtailusers_users:history_results
        wagtailusers_users:usage
        wagtailusers_groups:index wagtailusers_groups:index_results wagtailusers_groups:add
        wagtailusers_groups:edit wagtailusers_groups:delete wagtailusers_groups:history
        wagtailusers_groups:history_results wagtailusers_groups:usage
        sitegroup_provision_subsite
    """,
    "信息报送: a county offers a live article upward, the portal adopts or returns it; no page goes live": """
        submissions_queue submissions_queue_results submissions_submit submissions_decide
    """,
    "public form submissions, redirects and search promotions, not pages": """
        wagtailforms:index wagtailforms:index_results wagtailforms:list_submissions
        wagtailforms:list_submissions_results wagtailforms:delete_submissions
        wagtailredirects:index wagtailredirects:index_results wagtailredirects:add wagtailredirects:edit
        wagtailredirects:delete wagtailredirects:start_import wagtailredirects:process_import
        wagtailsearchpromotions:index wagtailsearchpromotions:index_results wagtailsearchpromotions:add
        wagtailsearchpromotions:edit wagtailsearchpromotions:delete wagtailsearchpromotions:chooser
        wagtailsearchpromotions:chooserresults wagtailsearchpromotions:search_terms
        wagtailsearchpromotions:search_terms_results
        mailbox_admin_index mailbox_admin_index_results mailbox_admin_detail mailbox_admin_act
        mailbox_admin_attachment
    """,
    "the live console of an interview (interviews.console): broadcast rows and entries, never a revision": """
        interviews_console:index interviews_console:console interviews_console:add_entry
        interviews_console:edit_entry interviews_console:retract_entry interviews_console:pin
        interviews_console:start interviews_console:extend
    """,
    "网友提问 (interviews.questions): moderation and written answers are rows the page reads, never a revision": """
        interviews_questions:list interviews_questions:adopt interviews_questions:reject interviews_questions:answer
        interviews_overdue_questions interviews_overdue_questions_results
    """,
    "网站找错 and 页面评价 (monitoring.error_reports): the public's reports and their answers are rows, never a "
    "revision": """
        monitoring_error_reports monitoring_error_reports_results monitoring_error_report
        monitoring_page_feedback monitoring_page_feedback_results
    """,
    "意见审核 (consultations.admin_views): moderating a comment (status, outcome, theme) changes a row the "
    "consultation page reads, never a revision; the feedback itself is written in the page editor": """
        consultations_comments consultations_comments_results consultations_comment
    """,
    "网上调查 export (consultations.survey_views.export): reads a survey's responses as CSV or XLSX, writes "
    "nothing": """
        consultations_survey_export
    """,
    "失效链接 (monitoring.link_views): a report of the findings that manage.py check_links records": """
        monitoring_broken_links monitoring_broken_links_results
    """,
    "监测考核 (monitoring.admin_views): the site list and scorecards read snapshots and 立即监测 writes one; "
    "合并 moves a column's pages within its site, live pages staying live under the same workflow "
    "(release.publishing.guards.move_refusal is asked), and 关闭 takes pages offline "
    "(tests/monitoring/test_columns_lifecycle.py)": """
        monitoring_sites monitoring_scorecard monitoring_run_audit monitoring_merge_column monitoring_close_column
    """,
    "login protection (accounts): two-factor set-up and check, unlocks and two-factor resets; no page": """
        accounts_two_factor_setup accounts_two_factor_verify accounts_two_factor_users accounts_two_factor_reset
        accounts_locks
    """,
    "the admin's own account, login, assets, help (编辑指南) and its not-found pages": """
        wagtailadmin_account wagtailadmin_logout wagtailadmin_dismissibles wagtailadmin_tag_autocomplete
        wagtailadmin_tag_model_autocomplete wagtailadmin_error_test wagtailadmin_sprite wagtailadmin_login
        wagtailadmin_password_reset wagtailadmin_password_reset_done wagtailadmin_password_reset_confirm
        wagtailadmin_password_reset_complete wagtailadmin_javascript_catalog
        admin/test404/ admin/^.*/$ guide_index guide
    """,
}


def admin_url_keys():
    """The name of every URL under /admin/ (its route when unnamed), from Django's resolver."""

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            else:
                route = prefix + str(pattern.pattern)
                name = ":".join(filter(None, [namespace, pattern.name])) if pattern.name else route
                yield route, name

    return {name for route, name in walk(get_resolver().url_patterns, "", None) if route.startswith("admin/")}


def not_publishing_keys():
    return {key for names in NOT_PUBLISHING.values() for key in names.split()}


def test_every_admin_url_is_tried_or_listed_with_a_reason():
    tried, sanctioned, listed = set(PUBLISH_ATTEMPTS), set(SANCTIONED), not_publishing_keys()
    assert not (tried & listed) and not (tried & sanctioned) and not (sanctioned & listed)
    admin_urls = admin_url_keys()
    assert admin_urls - tried - sanctioned - listed == set(), "new admin URLs: try them below or list them"
    assert (tried | sanctioned | listed) - admin_urls == set(), "listed URLs that no longer exist"


def test_every_registered_page_action_has_a_rule():
    # The admin API: every action of the endpoint (ours replaces Wagtail's) has its rule in release.publishing.guards.
    assert set(guards.API_ACTION_RULES) == set(ReviewedPagesAdminAPIViewSet.actions)
    # The editor's action menu: Wagtail's items and those of every register_page_action_menu_item hook are tried.
    registered = {fn().name for fn in hooks.get_hooks("register_page_action_menu_item")}
    assert registered <= action_menu_names()


def test_no_path_makes_a_county_page_live_for_its_publishers(
    client, subject, publishers, django_capture_on_commit_callbacks
):
    api_actions = set(ReviewedPagesAdminAPIViewSet.actions)
    assert set(api_attempts(subject)) | set(API_ACTIONS_NOT_PUBLISHING) == api_actions
    page_bulk_actions = bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page")
    assert set(bulk_attempts(subject)) | set(BULK_ACTIONS_NOT_PUBLISHING) == {
        action.action_type for action in page_bulk_actions
    }
    before = live_state()

    for role, user in publishers.items():
        client.force_login(user)
        # Each attempt once, the editor's last: its "submit" puts the pages under review, which locks them.
        for attempt in dict.fromkeys(PUBLISH_ATTEMPTS.values()):
            with django_capture_on_commit_callbacks(execute=True):
                attempt(client, subject)
            assert live_state() <= before, f"{role}: {attempt.__name__} made a page live"


# --- Each refusal, with its reason, and what still works -----------------------------------------


def test_the_admin_api_refuses_publishing_actions_with_a_reason(client, subject, publishers):
    client.force_login(publishers["甲县签发"])
    refusals = {
        "publish": (subject.draft, {}, PUBLISH_REFUSAL),
        "copy": (subject.live, {"slug": "fuben"}, COPY_REFUSAL),
        "create_alias": (subject.live, {"update_slug": "bieming"}, COPY_REFUSAL),
    }
    for action, (page, data, refusal) in refusals.items():
        response = api_action(client, page, action, **data)
        assert (response.status_code, response.json()["detail"]) == (403, refusal), action

    # The portal's 管理员 may publish on county pages as far as Wagtail knows: the same rules apply.
    client.force_login(publishers["市门户管理员"])
    response = api_action(client, subject.draft, "publish")
    assert (response.status_code, response.json()["detail"]) == (403, PUBLISH_REFUSAL)
    move = {"destination_page_id": subject.portal_column.pk, "position": "last-child"}
    response = api_action(client, subject.live, "move", **move)
    assert (response.status_code, response.json()["detail"]) == (403, MOVE_REFUSAL)
    subject.live.refresh_from_db()
    assert subject.live.get_parent() == subject.column

    # What publishes nothing goes on: a draft copy, a move inside the county's own workflow.
    client.force_login(publishers["甲县签发"])
    response = api_action(client, subject.live, "copy", slug="caogao-fuben", keep_live=False)
    assert response.status_code == 201
    assert not Page.objects.get(pk=response.json()["id"]).live
    response = api_action(
        client, subject.live, "move", destination_page_id=subject.other_column.pk, position="last-child"
    )
    assert response.status_code == 200
    subject.live.refresh_from_db()
    assert subject.live.live and subject.live.get_parent() == subject.other_column


def test_the_copy_form_offers_no_publishing_and_refuses_it_when_posted(client, subject, publishers):
    client.force_login(publishers["甲县签发"])
    url = reverse("wagtailadmin_pages:copy", args=[subject.live.pk])
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert soup.select_one("input[name=new_title]") is not None
    assert soup.select_one("input[name=publish_copies]") is None
    assert soup.select_one("input[name=alias]") is None
    data = {"new_title": "复制后直接发布", "new_slug": "fuben", "new_parent_page": subject.column.pk}

    for option in ("publish_copies", "alias"):
        response = client.post(url, {**data, option: "on"})
        assert response.status_code == 200
        assert response.context["form"].errors["new_parent_page"] == [COPY_REFUSAL]
        assert not Page.objects.filter(slug="fuben").exists()

    response = client.post(url, data)
    assert response.status_code == 302
    assert not Page.objects.get(slug="fuben").live


def test_moving_a_live_page_under_another_workflow_is_refused(client, subject, publishers):
    client.force_login(publishers["市门户管理员"])

    response = client.post(reverse("wagtailadmin_pages:move_confirm", args=[subject.live.pk, subject.portal_column.pk]))

    assert response.url == reverse("wagtailadmin_pages:move", args=[subject.live.pk])
    assert MOVE_REFUSAL in message_texts(client.get(response.url))
    response = client.post(bulk_url("move", subject.live), {"chooser": subject.portal_column.pk})
    assert MOVE_REFUSAL in message_texts(client.get(response.url))
    subject.live.refresh_from_db()
    assert subject.live.get_parent() == subject.column
    # A draft moves anywhere the user may put it: it is reviewed where it goes.
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[subject.draft.pk, subject.portal_column.pk]))
    subject.draft.refresh_from_db()
    assert subject.draft.get_parent() == subject.portal_column


def test_translations_start_as_drafts_and_are_not_published_around_the_workflow(
    client, subject, publishers, site_group
):
    client.force_login(publishers["甲县签发"])
    try_translations(client, subject)

    translation = english_translation(subject)
    assert translation is not None
    assert not translation.live
    # The county's 签发 given the English site to translate, as a platform administrator would.
    english_home = site_group.county_a.home.get_translation(Locale.objects.get(language_code="en"))
    GroupPagePermission.objects.create(
        group=site_group.county_a.groups["签发"], page=english_home, permission_type="change"
    )
    source = TranslationSource.objects.get(object_id=subject.live.translation_key)
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]), {"publish_translations": "on"}
    )
    assert response.url == reverse("wagtailadmin_home")
    response = client.post(reverse("wagtail_localize:convert_to_alias", args=[translation.pk]))
    assert COPY_REFUSAL in message_texts(client.get(response.url))
    translation.refresh_from_db()
    assert not translation.live and translation.alias_of_id is None


def test_superusers_and_the_sites_administrators_forced_publication_still_publish(
    client, subject, county_a_staff, publishers, django_user_model, django_capture_on_commit_callbacks
):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.gov.cn", "x"))
    assert api_action(client, subject.draft, "publish").status_code == 200
    subject.draft.refresh_from_db()
    assert subject.draft.live
    copy = {"new_title": "门户转载", "new_slug": "zhuanzai", "new_parent_page": subject.portal_column.pk}
    client.post(reverse("wagtailadmin_pages:copy", args=[subject.live.pk]), {**copy, "publish_copies": "on"})
    assert Page.objects.get(slug="zhuanzai").live
    move = {"destination_page_id": subject.portal_column.pk, "position": "last-child"}
    assert api_action(client, subject.live, "move", **move).status_code == 200

    # 强制发布: the site's 管理员, with a reason, flagged 未经审核发布 — not the portal's on a county page.
    draft = ArticlePageFactory(parent=subject.column, title="甲县紧急通知", slug="jinji", live=False)
    draft.save_revision(user=county_a_staff.officer)
    client.force_login(publishers["市门户管理员"])
    response = client.post(reverse("release_force_publish", args=[draft.pk]), {"reason": "防汛紧急"})
    assert response.url == reverse("wagtailadmin_home")
    client.force_login(county_a_staff.administrator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("release_force_publish", args=[draft.pk]), {"reason": "防汛紧急"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live
    assert UnreviewedPublication.objects.get(page=draft).is_pending


DUPLICATE_LINK = "该政策文件已关联，同一文件只能关联一次。"


def post_policy_links(client, interpretation, policy, rows, *, initial):
    """The editor's "Publish" (a superuser's: the rows are written at once) with the given link rows."""
    data = interpretation_form_data(policy)
    data.update(slug=interpretation.slug, **nested_form_data({"policy_links": inline_formset(rows, initial=initial)}))
    data["action-publish"] = "action-publish"
    return client.post(reverse("wagtailadmin_pages:edit", args=[interpretation.pk]), data)


def test_a_crafted_duplicate_policy_link_is_refused_by_the_form_never_a_server_error(
    client, site_group, django_user_model, django_capture_on_commit_callbacks
):
    policy = add_policy(library_of(site_group.county_a), "甲县已发布的政策")
    other = add_policy(library_of(site_group.county_a), "甲县另一项政策")
    interpretation = add_interpretation(interpretation_column_of(site_group.county_a), "解读", policies=[policy])
    link = interpretation.policy_links.get()
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.gov.cn", "x"))
    crafted = {
        # The linked row left out of the formset (INITIAL_FORMS=0), its policy added again: an IntegrityError.
        "existing row left out": ([{"policy": policy.pk}], 0, {"policy": [DUPLICATE_LINK]}),
        # Django's formset finds this one itself.
        "chosen twice": (
            [{"id": link.pk, "policy": policy.pk}, {"policy": policy.pk}],
            1,
            {"__all__": ["请修正重复的数据."]},
        ),
    }
    for case, (rows, initial, errors) in crafted.items():
        with django_capture_on_commit_callbacks(execute=True):
            response = post_policy_links(client, interpretation, policy, rows, initial=initial)

        assert response.status_code == 200, case
        assert response.context["form"].formsets["policy_links"].forms[-1].errors == errors, case
        assert list(interpretation.policy_links.values_list("pk", flat=True)) == [link.pk], case

    # What the browser posts to remove a link and choose the same policy again, or another, still works.
    for replacement in (policy, other):
        rows = [{"id": link.pk, "policy": policy.pk, "DELETE": "1"}, {"policy": replacement.pk}]
        with django_capture_on_commit_callbacks(execute=True):
            response = post_policy_links(client, interpretation, policy, rows, initial=1)
        assert response.status_code == 302
        assert list(interpretation.policy_links.values_list("policy_id", flat=True)) == [replacement.pk]
        link = interpretation.policy_links.get()
