"""Who sees which sites, on every admin list, report, export and chooser (issue 11, item 1).

One parametrised test: six users — a superuser, a 系统管理员 and an 审计管理员 who are not superusers,
the portal's staff, county A's staff and the department's staff — × every admin surface that shows rows of more
than one site. Each site gets one row per surface whose text carries the site's mark (标记甲县 …),
created once for the module; a surface "shows" a site when its mark is in the response. The sites'
staff are their 管理员, who may open every per-site surface (issuing bodies and site settings too).

The rule (govcms.core.scope.SiteScope, docs/architecture.md "Who sees which sites"):

* lists, reports, exports and choosers: platform-wide users (superusers and holders of
  sitegroup.view_all_sites or sitegroup.provision_subsite) see every site; staff see their own site
  and the sites below it; lists that need a model permission (issuing bodies) only with it: the
  审计管理员 reads the reports and nothing else;
* the policy chooser adds the live policies of the sites above;
* queues of work (未经审核发布, 信息报送) hold what the user may act on or their own sites sent:
  platform administrators review and adopt nothing, so they see none;
* letters (政民互动信箱) belong to one site: staff see their own sites' only, superusers all;
* site settings follow Wagtail's per-Site permissions: a 管理员 their own Site's, the 系统管理员
  every Site's (model-wide);
* the holiday schedule and the platform's content-check word lists are one for the platform, kept
  by its administrators.

`test_every_admin_url_is_a_surface_or_listed_with_a_reason` keeps the list complete: a URL that a
new app or a Wagtail upgrade adds fails it until someone adds it here or says why it is not per site.
"""

import io
import json
from dataclasses import dataclass
from datetime import date

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.log_actions import log
from wagtail.models import Page

from citizen_mailbox.models import MailboxPage, Message
from consultations.models import Comment
from home.models import ColumnPage
from interviews.models import InterviewIndexPage, Question
from monitoring.models import ErrorReport, LinkFinding, PageFeedback
from policy.models import IssuingBody
from release.models import UnreviewedPublication
from search.models import QueryLog
from sitegroup.platform import AUDIT_ADMIN_GROUP, SYSTEM_ADMIN_GROUP
from submissions.models import Submission
from tests.conftest import SHARED
from tests.consultations.moderation_world import comment_on, consultation_on
from tests.factories import ArticlePageFactory, UserFactory
from tests.interviews.factories import make_interview
from tests.policy.utils import add_policy, library_of
from tests.site_group import reloaded
from workdays.models import WorkdayOverride

pytestmark = pytest.mark.django_db

SITES = ("portal", "county_a", "county_b", "department")
MARKS = {
    "portal": "标记门户",
    "county_a": "标记甲县",
    "county_b": "标记乙县",
    "department": "标记教育局",
    "platform": "标记全平台",
}
ALL = set(SITES)
WITH_HOSTNAME = {"portal", "county_a", "county_b"}  # the department is served under the portal's Site
USERS = ("superuser", "system_admin", "audit_admin", "portal_staff", "county_a_staff", "department_staff")


def by_user(superuser, system_admin, audit_admin, portal_staff, county_a_staff, department_staff):
    users = (superuser, system_admin, audit_admin, portal_staff, county_a_staff, department_staff)
    return dict(zip(USERS, users, strict=True))


# Lists and reports: platform-wide users every site, staff their own and the sites below.
REPORT = by_user(ALL, ALL, ALL, ALL, {"county_a"}, {"department"})
# Lists kept with a model permission (issuing bodies): the 审计管理员 holds none.
KEPT_LIST = by_user(ALL, ALL, set(), ALL, {"county_a"}, {"department"})
# Choosing a policy to interpret: the user's sites and the sites above them.
POLICY_CHOOSER = by_user(ALL, ALL, ALL, ALL, {"county_a", "portal"}, {"department", "portal"})
# 未经审核发布: the forced publications of the pages the user works on (补审 is a review).
WORK_QUEUE = by_user(ALL, set(), set(), ALL, {"county_a"}, {"department"})
# 信息报送: the portal decides on what the sites below send it; each site sees what it sent.
SENT_UPWARD = {"county_a", "county_b", "department"}
SUBMISSIONS = by_user(SENT_UPWARD, set(), set(), SENT_UPWARD, {"county_a"}, {"department"})
# Letters: each site's own, however far the user's page rights reach.
LETTERS = by_user(ALL, set(), set(), {"portal"}, {"county_a"}, {"department"})
# Live consoles (在线访谈): each site's own interviews, for its 访谈主持, 编辑 and 管理员; superusers every site's.
CONSOLES = by_user(ALL, set(), set(), {"portal"}, {"county_a"}, {"department"})
# 网站找错 and 页面评价 (monitoring.error_reports): each site's own for its staff (a report belongs to one site),
# every site's for platform-wide users.
ERROR_REPORTS = by_user(ALL, ALL, ALL, {"portal"}, {"county_a"}, {"department"})
# Search terms are logged per Site: the department's searches are the portal's.
SEARCH_TERMS = by_user(WITH_HOSTNAME, WITH_HOSTNAME, WITH_HOSTNAME, WITH_HOSTNAME, {"county_a"}, set())
# Site settings: Wagtail's per-Site permissions, held by each site's 管理员 for its own Site; model-wide
# by the 系统管理员.
SITE_SETTINGS = by_user(WITH_HOSTNAME, WITH_HOSTNAME, set(), {"portal"}, {"county_a"}, set())
# The holiday schedule and the platform's content-check word lists: one for the platform, kept by its administrators.
PLATFORM_LIST = by_user({"platform"}, {"platform"}, set(), set(), set(), set())


@dataclass
class World:
    """What the module made: user ids by name, and per site its article, policy, columns and Site."""

    users: dict
    articles: dict
    libraries: dict
    news_columns: dict
    site_ids: dict


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, request):
    """One row per site for every surface, and the five users; rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world(reloaded(request.config.stash[SHARED].site_group))
        transaction.set_rollback(True)


def build_world(group):
    results = {key: getattr(group, key) for key in SITES}
    superuser = UserFactory(username="scope-superuser", is_superuser=True)
    users = {"superuser": superuser}
    for name, group_name in (("system_admin", SYSTEM_ADMIN_GROUP), ("audit_admin", AUDIT_ADMIN_GROUP)):
        users[name] = UserFactory(username=f"scope-{name}", groups=[Group.objects.get(name=group_name)])
    for key in ("portal", "county_a", "department"):
        users[f"{key}_staff"] = UserFactory(username=f"scope-{key}", groups=[results[key].groups["管理员"]])
    portal_news = ColumnPage.objects.child_of(results["portal"].home).get(slug="zwdt")
    portal_news.accepts_submissions = True
    portal_news.save(update_fields=["accepts_submissions"])
    articles, libraries, news_columns = {}, {}, {}
    for key, result in results.items():
        mark = MARKS[key]
        news_columns[key] = Page.objects.child_of(result.home).get(slug="zwdt")
        article = ArticlePageFactory(parent=news_columns[key], title=f"{mark}文章", slug="scope-article")
        article.save_revision().publish()
        log(instance=article, action="wagtail.edit", user=superuser)
        articles[key] = article
        # A broken link on the article (失效链接), found on the article's site.
        LinkFinding.objects.create(
            page=article, site_home=result.home, kind="page", target="999999", problem="页面已删除"
        )
        # An officer named like the site, who submits the article to the release workflow (信息报送统计).
        officer = UserFactory(username=f"scope-officer-{key}", first_name=mark, groups=[result.groups["信息员"]])
        article.get_workflow().start(article, officer)
        libraries[key] = library_of(result)
        add_policy(libraries[key], f"{mark}政策", is_major=True)
        IssuingBody.objects.create(site_home=result.home, name=f"{mark}机关")
        UnreviewedPublication.objects.create(
            page=article, revision=article.get_latest_revision(), reason="演练", published_by=superuser
        )
        if key != "portal":
            Submission.objects.create(article=article, target=portal_news, submitted_by=officer)
        mailbox = MailboxPage.objects.descendant_of(result.home).first()
        Message.objects.create(
            mailbox=mailbox,
            site_home=result.home,
            received_at=timezone.now(),
            name="张三",
            subject=f"{mark}来信",
            content="请尽快维修路灯。",
            channel_name="咨询",
            password_hash="!",
        )
        # The site's own 在线访谈 column is the shallowest below its home (the portal's holds the counties').
        interview = make_interview(
            InterviewIndexPage.objects.descendant_of(result.home).order_by("depth").first(), title=f"{mark}访谈"
        )
        # A question left without its written answer past the deadline (网友提问逾期未答).
        Question.objects.create(interview=interview, nickname="网友", text="何时答复？", answer_due=date(2026, 1, 5))
        # 我为政府网站找错 and 页面评价 from the public (monitoring.public_views), about the site's article.
        ErrorReport.objects.create(site_home=result.home, problem_type="typo", description=f"{mark}找错")
        # A comment on a consultation of the site (意见审核).
        comment_on(consultation_on(result.home, title=f"{mark}征求意见稿"), result.home, content=f"{mark}意见")
        PageFeedback.objects.create(page=article, site_home=result.home, helpful=False, comment=f"{mark}评价")
        if result.site is not None:
            QueryLog.objects.create(site=result.site, query_string=mark, date=timezone.localdate(), hits=3)
    WorkdayOverride.objects.create(date=date(2031, 1, 2), is_working_day=True, note=MARKS["platform"])
    return World(
        users={name: user.pk for name, user in users.items()},
        articles={key: article.pk for key, article in articles.items()},
        libraries={key: library.pk for key, library in libraries.items()},
        news_columns={key: column.pk for key, column in news_columns.items()},
        site_ids={key: result.site.pk for key, result in results.items() if result.site is not None},
    )


# --- Reading what a response shows -------------------------------------------------------------


def response_text(response):
    """The text of a 200 response (HTML, a chooser's JSON, a CSV or an XLSX); "" when refused or redirected."""
    if response.status_code != 200:
        return ""
    content_type = response.get("Content-Type", "")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in content_type:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return " ".join(str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row)
    if "json" in content_type:
        return json.dumps(json.loads(content), ensure_ascii=False)
    return content.decode()


def marks_in(text):
    return {key for key, mark in MARKS.items() if mark in text}


def listing(url_name, **query):
    """A list or report at one URL: the sites whose rows it shows."""

    def seen(client, world):
        return marks_in(response_text(client.get(reverse(url_name), query)))

    return seen


def per_site(url_of, **query):
    """A view opened at one site's page (a chooser's browse step): the sites whose page it shows."""

    def seen(client, world):
        return {key for key in SITES if MARKS[key] in response_text(client.get(url_of(world, key), query))}

    return seen


def chooser_browse(columns_attribute):
    return lambda world, key: reverse("wagtailadmin_choose_page_child", args=[getattr(world, columns_attribute)[key]])


def site_setting(app_label, model_name):
    """A site setting's edit view answers 200 for the Sites whose setting the user may change."""

    def seen(client, world):
        return {
            key
            for key, site_id in world.site_ids.items()
            if client.get(reverse("wagtailsettings:edit", args=[app_label, model_name, site_id])).status_code == 200
        }

    return seen


def platform_setting(app_label, model_name):
    """A platform-wide setting (one for every site): "platform" when the user may change it."""

    def seen(client, world):
        # Wagtail redirects to the setting's own URL, or to the dashboard when the user may not change it.
        response = client.get(reverse("wagtailsettings:edit", args=[app_label, model_name]), follow=True)
        denied = response.status_code != 200 or response.request["PATH_INFO"] == reverse("wagtailadmin_home")
        return set() if denied else {"platform"}

    return seen


def scorecards_listed(client, world):
    """监测考核's site list: the sites whose scorecard it links (sites are listed before their first audit)."""
    text = response_text(client.get(reverse("monitoring_sites")))
    homes = {key: Page.objects.get(pk=pk).get_parent().pk for key, pk in world.news_columns.items()}
    return {key for key in SITES if f'"{reverse("monitoring_scorecard", args=[homes[key]])}"' in text}


def error_report_detail(client, world):
    """A 网站找错 report of each site (monitoring.error_reports): the sites whose report opens (the id is checked)."""
    return {
        key
        for key in SITES
        if client.get(
            reverse("monitoring_error_report", args=[ErrorReport.objects.get(description=f"{MARKS[key]}找错").pk])
        ).status_code
        == 200
    }


def comment_detail(client, world):
    """A comment of each site (consultations.admin_views): the sites whose comment opens (the id is checked)."""
    return {
        key
        for key in SITES
        if client.get(
            reverse("consultations_comment", args=[Comment.objects.get(content=f"{MARKS[key]}意见").pk])
        ).status_code
        == 200
    }


@dataclass(frozen=True)
class Surface:
    name: str  # the admin URL name, with the export format when it is an export
    seen: object
    expected: dict

    def __str__(self):
        return self.name


def report_surfaces(url_name, expected, exports=True):
    """A Wagtail report: its page, its results (the filter drawer's requests) and its CSV and XLSX exports."""
    surfaces = [
        Surface(url_name, listing(url_name), expected),
        Surface(f"{url_name}_results", listing(f"{url_name}_results"), expected),
    ]
    if exports:
        surfaces += [
            Surface(f"{url_name}[csv]", listing(url_name, export="csv"), expected),
            Surface(f"{url_name}[xlsx]", listing(url_name, export="xlsx"), expected),
        ]
    return surfaces


def annual_site_report(export=None):
    """年度考核报告 of one site (monitoring.annual_views): the sites whose report opens (the id is checked)."""

    def seen(client, world):
        query = {"export": export} if export else {}
        shown = set()
        for key in SITES:
            home_id = Page.objects.get(pk=world.news_columns[key]).get_parent().pk
            if client.get(reverse("monitoring_annual_site_report", args=[home_id]), query).status_code == 200:
                shown.add(key)
        return shown

    return seen


def annual_group_report(export=None):
    """The site group's 年度考核报告: the sites with a row (a link to their report; their name in a download)."""

    def seen(client, world):
        response = client.get(reverse("monitoring_annual_report"), {"export": export} if export else {})
        text = response_text(response)
        homes = {key: Page.objects.get(pk=world.news_columns[key]).get_parent() for key in SITES}
        if export:
            return {key for key, home in homes.items() if home.title in text}
        return {
            key
            for key, home in homes.items()
            if reverse("monitoring_annual_site_report", args=[home.pk]) + "?year=" in text
        }

    return seen


SURFACES = [
    *report_surfaces("release_audit_report", REPORT),
    *report_surfaces("release_statistics_report", REPORT),
    *report_surfaces("policy_pending_interpretation_report", REPORT),
    # 年度考核报告 (monitoring.view_scorecard): the group table limited to the user's sites, and each site's report.
    Surface("monitoring_annual_report", annual_group_report(), REPORT),
    Surface("monitoring_annual_report[csv]", annual_group_report("csv"), REPORT),
    Surface("monitoring_annual_report[xlsx]", annual_group_report("xlsx"), REPORT),
    Surface("monitoring_annual_site_report", annual_site_report(), REPORT),
    Surface("monitoring_annual_site_report[csv]", annual_site_report("csv"), REPORT),
    *report_surfaces("search_query_report", SEARCH_TERMS),
    *report_surfaces("release_unreviewed_publications", WORK_QUEUE, exports=False),
    *report_surfaces("submissions_queue", SUBMISSIONS, exports=False),
    *report_surfaces("mailbox_admin_index", LETTERS),
    # 失效链接 (monitoring.view_scorecard): the findings of the user's sites.
    *report_surfaces("monitoring_broken_links", REPORT),
    # 网站找错 and 页面评价 (monitoring.handle_errorreport): the lists, their exports and a report of each site.
    *report_surfaces("monitoring_error_reports", ERROR_REPORTS),
    Surface("monitoring_error_report", error_report_detail, ERROR_REPORTS),
    *report_surfaces("monitoring_page_feedback", ERROR_REPORTS),
    # 意见审核 (consultations.moderate_comment): as 网站找错, each site's own for its staff.
    *report_surfaces("consultations_comments", ERROR_REPORTS, exports=False),
    Surface("consultations_comment", comment_detail, ERROR_REPORTS),
    # 监测考核 (monitoring.view_scorecard): the 系统管理员 and 审计管理员 read every site's scorecard.
    Surface("monitoring_sites", scorecards_listed, REPORT),
    Surface("interviews_console:index", listing("interviews_console:index"), CONSOLES),
    *report_surfaces("interviews_overdue_questions", CONSOLES),
    Surface("issuing_bodies:index", listing("issuing_bodies:index"), KEPT_LIST),
    Surface("issuing_bodies:index_results", listing("issuing_bodies:index_results"), KEPT_LIST),
    Surface("wagtailadmin_choose_page_child", per_site(chooser_browse("news_columns")), REPORT),
    Surface(
        "wagtailadmin_choose_page_child[policy]",
        per_site(chooser_browse("libraries"), page_type="policy.policypage"),
        POLICY_CHOOSER,
    ),
    Surface("wagtailsettings:edit[siteidentity]", site_setting("sitegroup", "siteidentity"), SITE_SETTINGS),
    Surface("wagtailsettings:edit[sitecontentrules]", site_setting("release", "sitecontentrules"), SITE_SETTINGS),
    Surface("wagtailsettings:edit[policysettings]", site_setting("policy", "policysettings"), SITE_SETTINGS),
    # The platform's word lists of the content check (全平台), beside each site's own (本站补充) above.
    Surface(
        "wagtailsettings:edit[platformcontentrules]", platform_setting("release", "platformcontentrules"), PLATFORM_LIST
    ),
    # The monitoring limits (监测设置): one for the platform, kept by the 系统管理员.
    Surface(
        "wagtailsettings:edit[monitoringsettings]", platform_setting("monitoring", "monitoringsettings"), PLATFORM_LIST
    ),
    # The consultation rules (意见征集设置): one for the platform, kept by the 系统管理员.
    Surface(
        "wagtailsettings:edit[consultationsettings]",
        platform_setting("consultations", "consultationsettings"),
        PLATFORM_LIST,
    ),
    Surface(
        "wagtailsnippets_workdays_workdayoverride:list",
        listing("wagtailsnippets_workdays_workdayoverride:list"),
        PLATFORM_LIST,
    ),
    Surface(
        "wagtailsnippets_workdays_workdayoverride:list_results",
        listing("wagtailsnippets_workdays_workdayoverride:list_results"),
        PLATFORM_LIST,
    ),
]


@pytest.mark.parametrize("surface", SURFACES, ids=str)
@pytest.mark.parametrize("user", USERS)
def test_each_user_sees_the_sites_of_their_scope(client, world, surface, user):
    client.force_login(get_user_model().objects.get(pk=world.users[user]))
    assert surface.seen(client, world) == surface.expected[user]


@pytest.mark.parametrize("user", ["system_admin", "audit_admin"])
def test_a_platform_administrator_gains_no_publishing_or_review_rights(client, world, user):
    """Seeing every site in the reports hands a 系统管理员 or 审计管理员 nothing to do to the pages listed."""
    client.force_login(get_user_model().objects.get(pk=world.users[user]))
    article = world.articles["county_a"]
    publication = UnreviewedPublication.objects.get(page_id=article)
    submission = Submission.objects.get(article_id=article)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[article])).status_code == 302  # permission denied
    assert client.get(reverse("release_force_publish", args=[article])).status_code in (302, 403, 404)
    assert client.post(reverse("release_post_review", args=[publication.pk]), {"comment": ""}).status_code == 404
    assert client.post(reverse("submissions_decide", args=[submission.pk]), {"decision": "adopt"}).status_code in (
        403,
        404,
    )
    publication.refresh_from_db()
    submission.refresh_from_db()
    assert publication.is_pending and submission.status == "pending"


# Admin URLs without a per-site row of their own, by why. Wagtail's own page views and reports confine
# themselves to the pages where the user holds page permissions; collections confine images and documents.
NOT_PER_SITE = {
    "platform-wide lists, kept by platform administrators (model permissions)": """
        topics:index topics:index_results topics:add consultation_kinds:index consultation_kinds:index_results
        consultation_kinds:add wagtailusers_users:index wagtailusers_users:index_results
        wagtailusers_users:add wagtailusers_groups:index wagtailusers_groups:index_results wagtailusers_groups:add
        wagtailsites:index wagtailsites:index_results wagtailsites:add wagtaillocales:index
        wagtaillocales:index_results wagtaillocales:add wagtailredirects:index wagtailredirects:index_results
        wagtailredirects:add wagtailredirects:start_import wagtailredirects:process_import
        wagtailsearchpromotions:index wagtailsearchpromotions:index_results wagtailsearchpromotions:add
        wagtailsearchpromotions:chooser wagtailsearchpromotions:chooserresults
        wagtailsearchpromotions:search_terms wagtailsearchpromotions:search_terms_results
        wagtailadmin_workflows:index wagtailadmin_workflows:index_results wagtailadmin_workflows:add
        wagtailadmin_workflows:select_task_type wagtailadmin_workflows:task_chooser
        wagtailadmin_workflows:task_chooser_create wagtailadmin_workflows:task_chooser_results
        wagtailadmin_workflows:task_index wagtailadmin_workflows:task_index_results
        wagtailsnippets_workdays_workdayoverride:add wagtailsnippetchoosers_workdays_workdayoverride:choose
        wagtailsnippetchoosers_workdays_workdayoverride:choose_results
        wagtailsnippetchoosers_workdays_workdayoverride:chosen_multiple
        wagtailsnippetchoosers_workdays_workdayoverride:create wagtailsnippets:index sitegroup_provision_subsite
        accounts_locks accounts_two_factor_users
    """,
    "Wagtail's page views and reports, confined to the user's page permissions (sitegroup.wagtail_hooks)": """
        wagtailadmin_explore_root wagtailadmin_pages:search wagtailadmin_pages:search_results
        wagtailadmin_reports:aging_pages wagtailadmin_reports:aging_pages_results wagtailadmin_reports:locked_pages
        wagtailadmin_reports:locked_pages_results wagtailadmin_reports:site_history
        wagtailadmin_reports:site_history_results wagtailadmin_reports:workflow wagtailadmin_reports:workflow_results
        wagtailadmin_reports:workflow_tasks wagtailadmin_reports:workflow_tasks_results
        wagtailadmin_reports:page_types_usage wagtailadmin_reports:page_types_usage_results
        wagtail_localize:translations_report wagtail_localize:translations_report_results wagtailforms:index
        wagtailforms:index_results wagtailadmin_api:pages:listing wagtailadmin_api:pages:find
    """,
    "Wagtail's lists shadowed by scoped ones (sitegroup/scoped_lists.py), walked by tests/security": """
        admin/reports/site-history/ admin/reports/site-history/results/ admin/localize/reports/translations/
        admin/localize/reports/translations/results/ admin/documents/ admin/documents/results/ admin/images/
        admin/images/results/ admin/images/chooser/ admin/tag-autocomplete/
    """,
    "Wagtail's workflow reports shadowed for platform-wide users, who read every site's workflows (sitegroup/"
    "scoped_lists.py, tests/sitegroup/test_three_roles.py); others keep Wagtail's own pages-you-edit list": """
        admin/reports/workflow/ admin/reports/workflow/results/ admin/reports/workflow_tasks/
        admin/reports/workflow_tasks/results/
    """,
    "the task chooser, for workflow editors only (platform administrators)": """
        admin/workflows/task_chooser/ admin/workflows/task_chooser/results/ admin/workflows/task_chooser/create/
    """,
    "the page chooser's other steps: its first page is the browse step above, at the tree root": """
        wagtailadmin_choose_page wagtailadmin_choose_page_search wagtailadmin_choose_page_chosen_multiple
        admin/choose-page/chosen-multiple/ wagtailadmin_choose_page_anchor_link wagtailadmin_choose_page_email_link
        wagtailadmin_choose_page_external_link wagtailadmin_choose_page_phone_link
    """,
    "images and documents, confined to the user's collections": """
        wagtailimages:index wagtailimages:index_results wagtailimages:add wagtailimages:add_multiple
        wagtailimages_chooser:choose wagtailimages_chooser:choose_results wagtailimages_chooser:chosen_multiple
        wagtailimages_chooser:create wagtaildocs:index wagtaildocs:index_results wagtaildocs:add
        wagtaildocs:add_multiple wagtaildocs_chooser:choose wagtaildocs_chooser:choose_results
        wagtaildocs_chooser:chosen_multiple wagtaildocs_chooser:create wagtailadmin_api:images:listing
        wagtailadmin_api:images:find wagtailadmin_api:documents:listing wagtailadmin_api:documents:find
        wagtailadmin_collections:index wagtailadmin_collections:add wagtailembeds:chooser wagtailembeds:chooser_upload
    """,
    "forms for adding one row, whose site field offers the user's sites (sitegroup.viewsets)": """
        issuing_bodies:add
    """,
    "the glossary: the platform's terms and the user's own sites' additions, kept by their 管理员 and 翻译 "
    "(translations.viewsets, tests/translations/test_glossary.py); its form offers their own sites only": """
        glossary:index glossary:index_results glossary:add
    """,
    "外文版: the 翻译任务 list, the translated pages of the user's sites (tests/translations/test_isolation.py), "
    "and the list of sites to open a foreign version for, kept by platform administrators": """
        translations_work translations_work_results translations_foreign_versions
    """,
    "no rows: the dashboard, the account, login and the admin's plumbing": """
        wagtailadmin_home wagtailadmin_account wagtailadmin_login wagtailadmin_logout wagtailadmin_password_reset
        wagtailadmin_password_reset_done wagtailadmin_password_reset_complete wagtailadmin_javascript_catalog
        wagtail_localize:javascript_catalog wagtailadmin_sprite wagtailadmin_dismissibles wagtailadmin_block_preview
        wagtailadmin_tag_autocomplete wagtailadmin_error_test admin/test404/ admin/^.*/$ guide_index
        accounts_two_factor_setup accounts_two_factor_verify
    """,
}


def admin_urls_without_arguments():
    """The name of every URL under /admin/ that takes no argument (its route when unnamed): lists and reports."""

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            else:
                route = prefix + str(pattern.pattern)
                yield route, ":".join(filter(None, [namespace, pattern.name])) if pattern.name else route

    routes = walk(get_resolver().url_patterns, "", None)
    return {name for route, name in routes if route.startswith("admin/") and "<" not in route}


def test_every_admin_url_is_a_surface_or_listed_with_a_reason():
    surfaces = {surface.name.split("[")[0] for surface in SURFACES}
    listed = {name for names in NOT_PER_SITE.values() for name in names.split()}
    assert not surfaces & listed
    admin_urls = admin_urls_without_arguments()
    assert admin_urls - surfaces - listed == set(), "new admin URLs: add them to SURFACES or NOT_PER_SITE"
    assert listed - admin_urls == set(), "listed URLs that no longer exist"
    settings = {f"wagtailsettings:edit[{model._meta.model_name}]" for model in settings_registry}
    assert settings <= {surface.name for surface in SURFACES}, "a new setting: add it to SURFACES"


# The menu entries of the per-site surfaces: shown to a user exactly when the surface opens for them.
MENU_ENTRIES = (
    "release_audit_report",
    "release_statistics_report",
    "policy_pending_interpretation_report",
    "monitoring_annual_report",
    "search_query_report",
    "release_unreviewed_publications",
    "submissions_queue",
    "mailbox_admin_index",
    "monitoring_broken_links",
    "monitoring_error_reports",
    "monitoring_page_feedback",
    "consultations_comments",
    "monitoring_sites",
    "interviews_console:index",
    "interviews_overdue_questions",
    "issuing_bodies:index",
    "translations_work",
    "translations_foreign_versions",
)


@pytest.mark.parametrize("user", USERS)
def test_the_menu_offers_the_surfaces_that_open(client, world, user):
    client.force_login(get_user_model().objects.get(pk=world.users[user]))
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    for url_name in MENU_ENTRIES:
        url = reverse(url_name)
        assert (f'"{url}"' in menu) == (client.get(url).status_code == 200), url_name
