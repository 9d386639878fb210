"""The demo site group of `manage.py load_demo`: what it contains, that it serves, and its logins.

Loading the demo publishes some seventy pages, so the module loads it once
(as production-like settings would, DEBUG off) inside a transaction that is
rolled back when the module is done. Every test runs in its own savepoint
on top of it, so tests that load again, change ports or passwords see the
untouched demo. Wagtail caches site root paths; the cache is cleared around
each test so a rolled-back Site never lingers there.
"""

import io
import re
from datetime import date
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupPagePermission, Page, Revision, Site, TaskState, WorkflowState
from wagtail_localize.models import StringTranslation, Translation

from consultations.models import (
    Comment,
    CommentStatus,
    ConsultationIndexPage,
    ConsultationPage,
    Outcome,
    QuestionKind,
    State,
    SurveyAnswer,
    SurveyIndexPage,
    SurveyPage,
)
from demo.consultations import SURVEY
from demo.content import SITES
from demo.content.english import TRANSLATED
from demo.files import BANNER_SIZE, PORTRAIT_SIZE, simple_pdf
from demo.management.commands.load_demo import DEFAULT_DEMO_PASSWORD
from demo.monitoring import BLANK_COLUMN
from disclosure.catalogue import catalogue_entries
from disclosure.models import DisclosureCatalogPage
from emergency.models import EmergencyPage
from govcms.core.tree import site_home_of
from home.models import ArticlePage, ColumnPage, HomePage, column_pages
from interviews.models import (
    InterviewIndexPage,
    InterviewPage,
    InterviewState,
    Question,
    QuestionStatus,
    TranscriptEntry,
)
from policy.models import (
    InterpretationIndexPage,
    InterpretationKind,
    InterpretationPage,
    IssuingBody,
    PolicyIndexPage,
    PolicyPage,
    Validity,
)
from sitegroup.models import SiteIdentity, SiteRole
from tests.site_group import remove_site_group, search_indexing
from translations.languages import original_site_home
from translations.memory import MEMORY_TOOL, memory_share
from translations.models import SiteLanguage, TranslationReviewTask
from translations.sync import site_pages

pytestmark = pytest.mark.django_db

HOSTNAMES = {"localhost", "qingshan.localhost", "yunxi.localhost", "jiaoyu.localhost", "yingshang.localhost"}
ROLES = {"信息员", "编辑", "审核", "签发", "管理员"}
# The superuser and three platform administrators, six role holders per site, and the translators of the
# two sites with English (demo.content.english).
LOGIN_COUNT = 4 + 6 * len(SITES) + len(TRANSLATED)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The output of a first `load_demo` with DEBUG off, into a tree without the test suite's shared
    site group; the data is rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        remove_site_group()
        with search_indexing():
            output = load_demo()
        yield output
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def original(model):
    """The model's pages in the original language (the English versions copy slugs, numbers and facts)."""
    return model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)


def load_demo(**options):
    output = io.StringIO()
    call_command("load_demo", stdout=output, **options)
    return output.getvalue()


def test_the_demo_is_loaded_in_the_sites_language_whatever_the_thread_has_active(demo, settings):
    settings.DEBUG = False
    with translation.override("en"):
        again = load_demo()

    assert "演示账号：" in again and len(printed_logins(again)) == LOGIN_COUNT


def printed_logins(output):
    """The rows of the logins table: the lines after its header, split into cells."""
    lines = output.split("演示账号：\n", 1)[1].splitlines()
    return [line.split() for line in lines[1:] if line.startswith("  ")]


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            Revision,
            get_user_model(),
            Group,
            Site,
            SiteIdentity,
            Collection,
            GroupPagePermission,
            get_image_model(),
            get_document_model(),
            TranscriptEntry,
            Question,
        )
    }


def test_sites_are_provisioned_on_their_hostnames_with_the_portal_as_default(demo, client):
    sites = {site.hostname: site for site in Site.objects.select_related("root_page")}
    assert set(sites) == HOSTNAMES
    assert {site.port for site in sites.values()} == {8000}
    assert [site.hostname for site in sites.values() if site.is_default_site] == ["localhost"]
    portal = sites["localhost"].root_page.specific
    assert portal.get_parent().is_root()
    for hostname in HOSTNAMES - {"localhost"}:
        assert sites[hostname].root_page.get_parent().pk == portal.pk
    # Any host no site claims is served by the portal.
    response = client.get("/", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
    assert response.context["page"].pk == portal.pk


def test_every_site_has_the_standard_columns_groups_collection_and_identity(demo):
    for spec in SITES:
        home = HomePage.objects.get(title=spec.name)
        columns = {column.title for column in ColumnPage.objects.child_of(home)}
        assert {"政务公开", "政务动态", "互动交流", "办事服务"} <= columns
        assert Group.objects.filter(name__in=[spec.name + role for role in ROLES]).count() == len(ROLES)
        assert Collection.objects.filter(name=spec.name).exists()
        identity = SiteIdentity.objects.get(site__root_page=home)
        identity.full_clean()
        assert identity.identifier_code == spec.identity["identifier_code"]
        assert identity.icp_number and identity.police_record_number and identity.phone and identity.address
    aggregate = original(ColumnPage).get(slug="qxdt")
    assert aggregate.aggregate_subsites
    assert aggregate.update_category == "news"
    assert aggregate.get_parent().pk == Site.objects.get(hostname="localhost").root_page_id


def test_every_live_page_answers_on_its_own_sites_hostname(demo, client):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert pages.count() > 60
    for page in pages:
        _site_id, root_url, path = page.get_url_parts()
        host = urlsplit(root_url).netloc
        expected_hostname = next(spec.hostname for spec in SITES if spec.name == original_site_home(page).title)
        assert host == f"{expected_hostname}:8000", page.url_path
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200, f"{host}{path}"
        assert response.context["page"].pk == page.pk, f"{host}{path}"


def test_no_column_is_blank(demo):
    listed_children = {PolicyIndexPage: PolicyPage, InterpretationIndexPage: InterpretationPage}
    columns = column_pages().live().filter(locale__language_code=settings.LANGUAGE_CODE).specific()
    assert {
        ColumnPage,
        PolicyIndexPage,
        InterpretationIndexPage,
        DisclosureCatalogPage,
        InterviewIndexPage,
        ConsultationIndexPage,
        SurveyIndexPage,
    } == {type(c) for c in columns}
    for column in columns:
        if isinstance(column, InterviewIndexPage):
            continue  # only the portal (which lists the counties' too) and 云溪县 have interviews, see below
        if isinstance(column, SurveyIndexPage):
            continue  # only the portal has a survey, see below
        if column.url_path.endswith(f"/{BLANK_COLUMN['slug']}/"):
            continue  # 云溪县's blank column, on purpose (demo.monitoring)
        if isinstance(column, DisclosureCatalogPage):
            assert catalogue_entries(column.site_home()).exists(), column.url_path
        elif isinstance(column, ConsultationIndexPage):
            assert ConsultationPage.objects.child_of(column).live().exists(), column.url_path
        elif type(column) in listed_children:
            assert listed_children[type(column)].objects.child_of(column).live().exists(), column.url_path
        elif column.aggregate_subsites:
            listed = column.listed_articles()
            assert listed.exists(), column.url_path
            assert not listed.filter(pk__in=column.site_home().site_articles()).exists()
        else:
            assert ArticlePage.objects.child_of(column).live().exists(), column.url_path


def test_an_ongoing_emergency_is_announced_on_the_county_it_concerns(demo, client):
    emergency = EmergencyPage.objects.get(slug="rainstorm-red-warning")
    assert emergency.live and not emergency.resolved
    assert emergency.updates.count() == 3
    assert "云溪县暴雨红色预警" in client.get("/", HTTP_HOST="yunxi.localhost:8000").content.decode()
    assert "emergency-banner" not in client.get("/", HTTP_HOST="qingshan.localhost:8000").content.decode()


def test_articles_are_complete_and_use_every_kind_of_block(demo):
    block_types = set()
    for article in original(ArticlePage).live():
        assert article.summary and article.source, article.title
        assert article.date <= timezone.localdate()
        assert len(article.body) >= 2, article.title
        article.full_clean()  # the body validates as an editor's form would
        block_types |= {block.block_type for block in article.body}
        collection = Collection.objects.get(name=site_home_of(article).title)
        for attachment in article.attachments.all():
            assert attachment.document.collection == collection
    assert {"paragraph", "heading", "quote", "table", "document", "image"} <= block_types
    assert ArticlePage.objects.filter(attachments__isnull=False).distinct().count() >= 8
    # Dates spread over months, and the 2014 State Council opinion keeps its real date.
    assert ArticlePage.objects.dates("date", "month").count() >= 4
    assert original(PolicyPage).get(slug="guobanfa-2014-57").publish_date == date(2014, 12, 1)
    # Images and documents live in their own site's collection.
    for image in get_image_model().objects.all():
        assert image.collection.name in {spec.name for spec in SITES}
        assert (image.width, image.height) in {BANNER_SIZE, PORTRAIT_SIZE}, image.title


def test_the_2014_opinion_is_a_major_policy_with_its_interpretations_linked_both_ways(demo, client):
    opinion = original(PolicyPage).get(slug="guobanfa-2014-57")
    assert opinion.live and opinion.is_major and opinion.in_force
    assert opinion.document_number == "国办发〔2014〕57号"
    assert opinion.written_date == date(2014, 11, 17)
    assert [body.name for body in opinion.issuing_bodies.all()] == ["国务院办公厅"]
    assert IssuingBody.objects.get(name="国务院办公厅").site_home.title == "示例市人民政府"
    interpretations = opinion.live_interpretations()
    assert {interpretation.kind for interpretation in interpretations} == {
        InterpretationKind.DEPARTMENT,
        InterpretationKind.EXPERT,
        InterpretationKind.GRAPHIC,
        InterpretationKind.INTERVIEW,  # demo.interviews
    }
    for interpretation in interpretations:
        assert [link.policy_id for link in interpretation.policy_links.all()] == [opinion.pk]
    graphic = next(page for page in interpretations if page.kind == InterpretationKind.GRAPHIC)
    gallery = next(block for block in graphic.body if block.block_type == "gallery")
    assert len(gallery.value["images"]) == 4
    assert all(frame["image"].contextual_alt_text for frame in gallery.value["images"])
    page = client.get(opinion.url, HTTP_HOST="localhost:8000").content.decode()
    assert all(interpretation.title in page for interpretation in interpretations)


def test_every_site_has_policies_and_a_repealed_one_points_to_its_live_replacement(demo):
    for spec in SITES:
        home = HomePage.objects.get(title=spec.name)
        policies = PolicyPage.objects.live().descendant_of(home)
        assert policies.count() >= 2, spec.name
        assert InterpretationPage.objects.live().descendant_of(home).exists(), spec.name
        for policy in policies:
            policy.full_clean()  # as an editor's form would
            assert policy.issuing_bodies.exists() and policy.disclosure_category and policy.topics.exists()
    repealed = original(PolicyPage).get(validity=Validity.REPEALED)
    assert repealed.replaced_by.live and repealed.replaced_by.in_force
    assert repealed.validity_changed_on == repealed.replaced_by.publish_date
    assert repealed.written_date < repealed.publish_date < repealed.validity_changed_on


def test_every_sites_catalogue_lists_its_policies_and_articles_with_its_own_index_numbers(demo, client):
    for spec in SITES:
        home = HomePage.objects.get(title=spec.name)
        catalogue = DisclosureCatalogPage.objects.live().get(url_path=f"{home.url_path}zwgk/xxgkml/")
        entries = catalogue_entries(home)
        assert {entry.specific_class for entry in entries} == {PolicyPage, ArticlePage}, spec.name
        assert {entry.index_number.split("/")[0] for entry in entries} == {spec.organisation_code}
        assert {site_home_of(entry).pk for entry in entries} == {home.pk}  # not its sub-sites
        response = client.get(catalogue.url, HTTP_HOST=f"{spec.hostname}:8000")
        assert response.context["entries"].paginator.count == entries.count()
    numbers = [*original(PolicyPage).values_list("index_number", flat=True)]
    numbers += original(ArticlePage).values_list("index_number", flat=True)
    assert "" not in numbers and len(numbers) == len(set(numbers))


def test_attachments_are_valid_pdfs(demo):
    document = get_document_model().objects.get(title="青山区老旧小区改造实施方案")
    with document.open_file() as file:
        content = file.read()
    assert content.startswith(b"%PDF-1.4")
    assert content.rstrip().endswith(b"%%EOF")
    xref_offset = int(content.rsplit(b"startxref", 1)[1].split()[0])
    assert content[xref_offset:].startswith(b"xref")
    assert "青山区老旧小区改造实施方案".encode("utf-16-be").hex().upper().encode() in content


def test_long_pdfs_continue_on_further_pages():
    content = simple_pdf("标题", ["很长的段落。" * 400])

    pages = content.count(b"/Type /Page /Parent")
    assert pages > 1
    assert b"/Count %d" % pages in content
    xref_offset = int(content.rsplit(b"startxref", 1)[1].split()[0])
    assert content[xref_offset:].startswith(b"xref")


def test_every_page_is_live_with_its_latest_revision_published_and_searchable(demo):
    for page in original(Page).filter(depth__gt=1):
        assert page.live, page.url_path
        assert page.live_revision_id is not None, page.url_path
        assert page.live_revision_id == page.latest_revision_id, page.url_path
    found = ArticlePage.objects.live().search("青山区召开老旧小区改造工作推进会")
    assert "青山区召开老旧小区改造工作推进会" in [page.title for page in found]


def test_loading_again_changes_nothing_and_lists_the_logins_again(demo, settings):
    settings.DEBUG = True
    before = counts()

    first = load_demo()
    second = load_demo()

    assert counts() == before
    assert "未作更改" in first and "未作更改" in second
    assert printed_logins(first) == printed_logins(second)
    assert len(printed_logins(second)) == LOGIN_COUNT


def test_loading_again_leaves_existing_sites_as_they_are_but_restores_users(demo):
    original(ArticlePage).get(slug="fire-safety-drill").delete()
    identity = SiteIdentity.objects.get(site__hostname="yunxi.localhost")
    identity.phone = "0000-99999999"
    identity.save()
    get_user_model().objects.get(username="qingshan_officer").delete()

    output = load_demo()

    assert "未作更改" in output
    assert not original(ArticlePage).filter(slug="fire-safety-drill").exists()
    assert SiteIdentity.objects.get(site__hostname="yunxi.localhost").phone == "0000-99999999"
    officer = get_user_model().objects.get(username="qingshan_officer")
    assert officer.groups.get().name == "青山区人民政府信息员"


def test_port_option_moves_the_sites_instead_of_adding_new_ones(demo, client):
    load_demo(port=9000)

    assert Site.objects.count() == len(HOSTNAMES)
    assert set(Site.objects.values_list("port", flat=True)) == {9000}
    assert Site.objects.get(is_default_site=True).hostname == "localhost"
    assert client.get("/", HTTP_HOST="qingshan.localhost:9000").context["page"].title == "青山区人民政府"


def test_users_hold_one_role_each_in_their_own_site(demo):
    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    for spec in SITES:
        for username_suffix, role in {"officer": "信息员", "editor": "编辑", "reviewer": "审核"}.items():
            user = users.get(username=f"{spec.key}_{username_suffix}")
            assert [group.name for group in user.groups.all()] == [spec.name + role]
            assert user.last_name and user.first_name
            assert user.email.endswith("@example.gov.cn")
            assert not user.is_superuser
    assert users.get(username="qingshan_approver").groups.get().name == "青山区人民政府签发"
    assert users.get(username="jiaoyu_admin").groups.get().name == "示例市教育局管理员"
    assert users.get(username="yunxi_host").groups.get().name == "云溪县人民政府访谈主持"
    system_admin, security_admin, audit_admin = (
        users.get(username=name) for name in ("system_admin", "security_admin", "audit_admin")
    )
    for permission in ("sitegroup.provision_subsite", "wagtailadmin.access_admin", "sitegroup.view_all_sites"):
        assert system_admin.has_perm(permission), permission
    assert not system_admin.has_perm("auth.add_user")
    for permission in ("auth.add_user", "auth.change_group", "sitegroup.staff_sites"):
        assert security_admin.has_perm(permission), permission
    assert not security_admin.has_perm("sitegroup.view_all_sites")
    assert audit_admin.has_perm("sitegroup.view_all_sites") and not audit_admin.has_perm("auth.view_user")


def test_without_debug_no_password_is_printed_or_usable(demo, client, settings):
    settings.DEBUG = False
    again = load_demo()

    for output in (demo, again):
        assert DEFAULT_DEMO_PASSWORD not in output
        assert "changepassword" in output
        assert [len(row) for row in printed_logins(output)] == [3] * (LOGIN_COUNT)
    for user in get_user_model().objects.all():
        assert not user.has_usable_password(), user.username
        assert not client.login(username=user.username, password=DEFAULT_DEMO_PASSWORD)


def test_with_debug_the_printed_logins_work(demo, client, settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-secret")

    rows = printed_logins(load_demo())

    assert len(rows) == LOGIN_COUNT
    assert {row[0] for row in rows} >= {"admin", "system_admin", "audit_admin", "qingshan_editor", "yunxi_approver"}
    for username, _role, _site, password in rows:
        assert password == "another-demo-secret"
        assert client.login(username=username, password=password), username
        client.logout()
    assert client.login(username="qingshan_editor", password="another-demo-secret")
    article = original(ArticlePage).get(slug="old-neighbourhood-renovation-meeting")
    assert client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200


def test_a_production_run_revokes_the_demo_password_but_keeps_changed_ones(demo, client, settings):
    settings.DEBUG = True
    load_demo()
    changed = get_user_model().objects.get(username="yunxi_editor")
    changed.set_password("chosen-by-the-editor")
    changed.save()

    settings.DEBUG = False
    load_demo()

    assert not client.login(username="admin", password=DEFAULT_DEMO_PASSWORD)
    assert client.login(username="yunxi_editor", password="chosen-by-the-editor")
    settings.DEBUG = True
    load_demo()
    assert client.login(username="admin", password=DEFAULT_DEMO_PASSWORD)
    assert client.login(username="yunxi_editor", password="chosen-by-the-editor")


def test_the_portal_news_lists_an_adopted_county_article_and_another_is_waiting(demo, client):
    portal = HomePage.objects.get(depth=2, slug=SITES[0].slug)
    portal_news = ColumnPage.objects.child_of(portal).get(slug="zwdt")
    assert portal_news.accepts_submissions
    statuses = {submission.article.slug: submission.status for submission in portal_news.submissions.all()}
    assert statuses == {"fire-safety-drill": "adopted", "old-neighbourhood-renovation-meeting": "pending"}

    response = client.get(portal_news.url, HTTP_HOST="localhost:8000")
    assert "http://qingshan.localhost:8000/zwdt/fire-safety-drill/" in response.text
    assert "old-neighbourhood-renovation-meeting" not in response.text


def test_every_home_page_block_has_content_on_a_demo_site(demo, client):
    """The demo shows each block of home.blocks with something in it (docs/editors.md)."""
    homes = {
        host: BeautifulSoup(client.get("/", HTTP_HOST=f"{host}:8000").content, "html.parser") for host in HOSTNAMES
    }
    filled = set()
    for soup in homes.values():
        for section in soup.select(".home-block"):
            if section.select(".home-list__item, .home-entries__link, .home-sites__link, .home-headlines__lead"):
                filled.add(section.h2.get_text(strip=True))
    assert {"要闻", "通知公告", "政策文件", "政策解读", "互动交流", "办事服务", "专题", "下级站点"} <= filled
    assert homes["localhost"].select_one(".home-headlines__lead img")["alt"] == "城市楼群、山丘与太阳的插画"
    assert [a.get_text() for a in homes["localhost"].select(".home-sites__link")][0] == "示例市优化营商环境专题"
    assert homes["qingshan.localhost"].select(".home-interaction .home-list__item")  # demo.mailbox's letters


def interview_page(slug):
    return original(InterviewPage).get(slug=slug)


def test_the_past_interview_interprets_the_2014_opinion_with_a_frozen_transcript(demo, client):
    interview = interview_page("website-content-interview")
    opinion = original(PolicyPage).get(slug="guobanfa-2014-57")
    assert site_home_of(interview).title == "示例市人民政府"
    assert interview.live and interview.state() == InterviewState.ENDED
    assert interview.broadcast().frozen_at is not None
    assert [link.policy_id for link in interview.policy_links.all()] == [opinion.pk]
    assert interview in opinion.live_interpretations()
    guests = list(interview.guests.all())
    assert 2 <= len(guests) <= 3 and all(guest.photo_id and guest.photo_alt for guest in guests)
    assert interview.cover_image.description and interview.host
    entries = interview.entries.filter(retracted_at__isnull=True)
    assert entries.count() >= 15
    assert [block.value["entry_id"] for block in interview.transcript] == [entry.pk for entry in entries]
    assert {entry.speaker for entry in entries} == {"guest", "host", "netizen"}

    page = client.get(interview.url, HTTP_HOST="localhost:8000")
    assert page.status_code == 200
    assert all(f'id="{entry.anchor}"' in page.text for entry in entries)
    # On a past day at 10:00-11:00, spoken and ended within it; the page shows no other time than the schedule.
    start = timezone.localtime(interview.scheduled_start)
    assert start.date() < timezone.localdate() and (start.hour, start.minute) == (10, 0)
    assert interview.broadcast().ended_at == interview.scheduled_end
    assert all(interview.scheduled_start <= entry.spoken_at <= interview.scheduled_end for entry in entries)
    assert "原定" not in page.text
    # 周明远 is who the 2014 opinion's expert interpretation says he is (demo.content.opinion_2014).
    assert ("周明远", "教授", "示例大学公共管理学院") in [
        (guest.name, guest.title, guest.organisation) for guest in guests
    ]
    assert interview.title in client.get(opinion.url, HTTP_HOST="localhost:8000").text


def test_the_past_interviews_questions_were_answered_live_in_writing_or_rejected(demo, client):
    interview = interview_page("website-content-interview")
    questions = interview.questions.all()
    live = questions.filter(status=QuestionStatus.ANSWERED, answer_entry__isnull=False)
    written = questions.get(status=QuestionStatus.ANSWERED, answer_entry__isnull=True)
    assert live.count() >= 2
    assert all(question.answer_entry.question_id == question.pk for question in live)
    assert written.written_answer and written.answer_due and not written.is_overdue
    assert questions.filter(status=QuestionStatus.REJECTED).count() == 1
    assert not questions.filter(status__in=(QuestionStatus.PENDING, QuestionStatus.ADOPTED)).exists()
    page = client.get(interview.url, HTTP_HOST="localhost:8000").text
    assert written.written_answer in page
    assert questions.get(status=QuestionStatus.REJECTED).text not in page


def test_the_county_announces_an_interview_that_takes_questions(demo, client):
    interview = interview_page("rural-living-environment-interview")
    assert site_home_of(interview).title == "云溪县人民政府"
    assert interview.live and interview.state() == InterviewState.UPCOMING
    assert interview.scheduled_start > timezone.now() + timezone.timedelta(days=2)
    assert [link.policy.slug for link in interview.policy_links.all()] == ["rural-living-environment-plan"]
    assert set(interview.questions.values_list("status", flat=True)) == {"adopted", "pending"}
    assert all(question.submitted_at <= timezone.now() for question in interview.questions.all())
    ask = client.get(interview.url + "ask/", HTTP_HOST="yunxi.localhost:8000")
    assert ask.status_code == 200 and 'name="text"' in ask.text


def test_the_county_host_broadcasts_the_upcoming_interview_and_a_reader_sees_it(demo, client, settings):
    """The newcomer's journey of docs/demo.md: yunxi_host starts early, quotes the adopted question, polls see it."""
    settings.DEBUG = True
    load_demo()
    interview = interview_page("rural-living-environment-interview")
    question = interview.questions.get(status=QuestionStatus.ADOPTED)
    assert client.login(username="yunxi_host", password=DEFAULT_DEMO_PASSWORD)
    console = reverse("interviews_console:console", args=[interview.pk])
    assert client.get(console).status_code == 200
    assert client.post(reverse("interviews_console:start", args=[interview.pk])).status_code == 302
    data = {"entry-speaker": f"question:{question.pk}", "entry-text": ""}
    assert client.post(reverse("interviews_console:add_entry", args=[interview.pk]), data).status_code == 302

    poll = Client().get(f"/interviews/{interview.pk}/live.json?since=0", HTTP_HOST="yunxi.localhost:8000").json()
    assert poll["state"] == InterviewState.LIVE
    assert [entry["question"]["text"] for entry in poll["entries"]] == [question.text]
    portal_interview = interview_page("website-content-interview")
    # Another site's console is not found for the county's host.
    assert client.get(reverse("interviews_console:console", args=[portal_interview.pk])).status_code == 404


# --- 意见征集 and 网上调查 (demo.consultations) ----------------------------------------------------------
PORTAL_HOST = "localhost:8000"


def portal_consultations():
    """The 意见征集 column of the portal (its sub-sites have theirs one level further down)."""
    return original(ConsultationIndexPage).get(url_path__endswith="/hdjl/yjzj/", depth=4)


def portal_consultation(state):
    found = [
        page for page in original(ConsultationPage).live().child_of(portal_consultations()) if page.state() == state
    ]
    assert len(found) == 1, state
    return found[0]


def test_the_open_consultation_shows_its_approved_comments_and_takes_more(demo, client):
    consultation = portal_consultation(State.OPEN)
    assert consultation.period_is_legal() and consultation.show_comments
    assert 3 <= len(consultation.draft) <= 5 and consultation.attachments.exists()
    comments = consultation.comments.all()
    assert {comment.status for comment in comments} == set(CommentStatus)
    assert comments.filter(status=CommentStatus.APPROVED, section__isnull=False).exists()
    assert not comments.exclude(status=CommentStatus.PENDING).filter(moderated_by=None).exists()

    response = client.get(consultation.url, HTTP_HOST=PORTAL_HOST)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    shown = soup.select(".consultation-comment")
    assert [item["id"] for item in shown] == [
        f"comment-{pk}" for pk in comments.filter(status=CommentStatus.APPROVED).values_list("pk", flat=True)
    ]
    text = soup.get_text()
    for comment in comments.exclude(status=CommentStatus.APPROVED):
        assert comment.content not in text
    assert soup.select_one(f'.consultation-comment a[href="#section-{comments.exclude(section=None)[0].section}"]')
    assert soup.find("a", href=f"{urlsplit(consultation.url).path}comment/")


def test_the_closed_consultation_reports_its_moderated_comments_and_links_to_the_policy_adopted(demo, client):
    consultation = portal_consultation(State.ANSWERED)
    comments = consultation.comments.all()
    assert comments.count() >= 5
    assert not comments.filter(status=CommentStatus.PENDING).exists()
    assert not comments.filter(outcome="").exists()
    expected = {
        "received": comments.count(),
        "adopted": comments.filter(outcome=Outcome.ADOPTED).count(),
        "partly": comments.filter(outcome=Outcome.PARTLY).count(),
        "not_adopted": comments.filter(outcome=Outcome.NOT_ADOPTED).count(),
    }
    assert all(expected.values())
    assert consultation.themes.count() in (2, 3)
    policy = consultation.adopted_policy
    assert policy.live and site_home_of(policy).pk == site_home_of(consultation).pk
    assert list(original(ConsultationPage).filter(adopted_policy=policy)) == [consultation]

    response = client.get(consultation.url, HTTP_HOST=PORTAL_HOST)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    counts = {dd["data-count"]: int(dd.get_text()) for dd in soup.select(".consultation__counts dd")}
    assert counts == expected
    # The feedback written by the editors says the same.
    assert f"共收到意见{expected['received']}条" in soup.select_one(".consultation__feedback").get_text()
    assert len(soup.select(".consultation__themes tbody tr")) == consultation.themes.count()
    assert soup.select_one(".consultation__policy a")["href"] == urlsplit(policy.url).path


def test_the_portals_consultation_list_shows_the_sub_sites_consultations(demo, client):
    response = client.get(portal_consultations().url, HTTP_HOST=PORTAL_HOST)
    assert response.status_code == 200
    for consultation in original(ConsultationPage).live():
        assert consultation.title in response.text, consultation.url_path
    assert Comment.objects.filter(site_home__title="云溪县人民政府").exists()


def test_the_survey_has_its_responses_and_publishes_its_results(demo, client):
    survey = original(SurveyPage).get(slug=SURVEY.slug)
    assert survey.public_results and survey.state() == State.OPEN
    assert survey.responses.count() == SURVEY.responses
    assert not survey.responses.filter(submitted_at__lt=survey.opens_at).exists()
    questions = list(survey.questions.all())
    assert {question.kind for question in questions} == set(QuestionKind)
    for question in questions:
        answered = SurveyAnswer.objects.filter(question=question).values("response").distinct().count()
        if question.required:
            assert answered == SURVEY.responses, question.text
        else:
            assert 0 < answered < SURVEY.responses, question.text

    response = client.get(survey.url, HTTP_HOST=PORTAL_HOST)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    results = soup.select(".survey-result")
    assert len(results) == len([question for question in questions if question.kind != QuestionKind.TEXT])
    assert f"共收到 {SURVEY.responses} 份答卷" in soup.select_one(".survey-results").get_text()
    single = next(question for question in questions if question.kind == QuestionKind.SINGLE)
    counts = [int(td.get_text()) for td in results[0].select("tbody td:nth-of-type(1)")]
    assert results[0].h3.get_text().endswith(single.text) and sum(counts) == SURVEY.responses
    assert len(soup.select(".survey-result__average")) == 2
    for text in SurveyAnswer.objects.filter(question__kind=QuestionKind.TEXT).values_list("value", flat=True):
        assert text not in response.text


# --- The English versions (demo.english) ---------------------------------------------------------------
HAN = re.compile(r"[\u3400-\u9fff]")


def english(model):
    return model.objects.filter(locale__language_code="en")


def english_site_pages(key):
    home = HomePage.objects.get(title=next(spec.name for spec in SITES if spec.key == key))
    return english(Page).filter(translation_key__in=site_pages(home).values("translation_key"))


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1:8000"])
def test_the_portal_answers_in_english_under_en(demo, client, host):
    response = client.get("/en/", HTTP_HOST=host)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text(strip=True) == "Shili Municipal People's Government"
    assert soup.title.get_text(strip=True).startswith("Shili Municipal People's Government")
    headings = [heading.get_text(" ", strip=True) for heading in soup.select("main h1, main h2, main h3")]
    assert len(headings) > 3
    assert not [heading for heading in headings if HAN.search(heading)]
    # The site identity's English names in the footer.
    footer = soup.find("footer").get_text(" ", strip=True)
    assert "General Office of Shili Municipal People's Government" in footer
    assert "1 Zhongshan Road, Shili" in footer
    # The English news column lists its translated articles.
    news = client.get("/en/zwdt/", HTTP_HOST=host)
    assert "City Holds Meeting to Advance Work on Government Websites and New Media" in news.text


def test_the_english_2014_opinion_is_live_with_its_number_and_interpretations(demo, client):
    opinion = english(PolicyPage).get(slug="guobanfa-2014-57")
    original_opinion = original(PolicyPage).get(slug="guobanfa-2014-57")
    assert opinion.live and not opinion.has_unpublished_changes
    assert opinion.title.startswith("Opinions of the General Office of the State Council")
    # Facts are synchronised, never retyped.
    assert opinion.document_number == "国办发〔2014〕57号"
    for fact in ("publish_date", "written_date", "index_number"):
        assert getattr(opinion, fact) == getattr(original_opinion, fact), fact
    assert opinion.is_major

    page = client.get(opinion.url, HTTP_HOST="localhost:8000")
    assert page.status_code == 200
    assert "国办发〔2014〕57号" in page.text and "2. Good Policy Interpretation" in page.text
    interpretations = english(InterpretationPage).live().filter(slug__startswith="guobanfa-2014-57-")
    assert {interpretation.kind for interpretation in interpretations} == {
        InterpretationKind.DEPARTMENT,
        InterpretationKind.EXPERT,
        InterpretationKind.GRAPHIC,
    }
    for interpretation in interpretations:
        assert "/en/zwgk/zcjd/" in interpretation.url and interpretation.url in page.text
        assert not HAN.search(interpretation.title)


def test_english_pages_went_live_through_the_translation_workflow(demo):
    opinion = english(PolicyPage).get(slug="guobanfa-2014-57")
    state = WorkflowState.objects.for_instance(opinion).get()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert state.workflow.name == "示例市人民政府外文发布流程"
    assert state.requested_by.username == "portal_translator"
    approvals = state.task_states.filter(status=TaskState.STATUS_APPROVED).order_by("pk")
    assert [task_state.finished_by and task_state.finished_by.username for task_state in approvals] == [
        None,  # 内容自动检查
        "portal_reviewer",
        "portal_approver",
    ]
    translated_by = StringTranslation.objects.filter(context__object_id=opinion.translation_key, locale=opinion.locale)
    assert set(translated_by.values_list("last_translated_by__username", flat=True)) == {"portal_translator"}


def test_the_county_in_progress_has_live_out_of_date_and_untranslated_english_pages(demo, client):
    pages = english_site_pages("qingshan")
    home = pages.get(depth=3).specific
    assert home.live and home.title == "Qingshan District People's Government"
    assert client.get("/en/", HTTP_HOST="qingshan.localhost:8000").context["page"].pk == home.pk
    untranslated = pages.filter(live=False)
    assert untranslated.filter(slug="residence-permit-guide").exists()
    assert pages.filter(live=True).count() == len(TRANSLATED["qingshan"])

    # Corrected in Chinese after its English went live: the English keeps serving its reviewed text while the
    # correction waits, untranslated, in a draft.
    meeting = english(ArticlePage).get(slug="old-neighbourhood-renovation-meeting")
    assert meeting.live and meeting.has_unpublished_changes
    translation = Translation.objects.get(source__object_id=meeting.translation_key, target_locale=meeting.locale)
    total, translated = translation.get_progress()
    assert translated == total - 1
    assert "21 have been completed" in client.get(meeting.url, HTTP_HOST="qingshan.localhost:8000").text
    assert "截至本周已完工24个" in original(ArticlePage).get(slug=meeting.slug).body.render_as_block()
    drill = english(ArticlePage).get(slug="fire-safety-drill")
    assert drill.live and not drill.has_unpublished_changes


def test_translation_memory_prefilled_the_countys_repeated_segments(demo):
    qingshan = HomePage.objects.get(title="青山区人民政府")
    translations = Translation.objects.filter(source__object_id__in=site_pages(qingshan).values("translation_key"))
    filled, total = memory_share(translations)
    assert 0 < filled < total
    column = english(Page).get(translation_key=original(Page).get(url_path=f"{qingshan.url_path}zwgk/").translation_key)
    remembered = StringTranslation.objects.get(context__object_id=column.translation_key, context__path="title")
    assert remembered.data == "Government Information" and remembered.tool_name.startswith(MEMORY_TOOL)
    line = next(line for line in demo.splitlines() if line.startswith("英文版：青山区人民政府"))
    assert f"翻译记忆预填 {filled} / {total} 段" in line


def test_the_county_without_english_has_no_english_pages_and_shows_the_notice(demo, client):
    yunxi = HomePage.objects.get(title="云溪县人民政府")
    assert not english_site_pages("yunxi").exists()
    assert not SiteLanguage.objects.filter(home=yunxi).exists()
    response = client.get("/en/", HTTP_HOST="yunxi.localhost:8000")
    assert response.status_code == 404
    assert 'href="http://yunxi.localhost:8000/"' in response.text or 'href="/"' in response.text


def test_each_site_with_english_has_a_translator_in_its_translator_group(demo):
    users = get_user_model().objects
    for key, name in (("portal", "示例市人民政府"), ("qingshan", "青山区人民政府")):
        translator = users.get(username=f"{key}_translator")
        group = translator.groups.get()
        assert group.name == f"{name}翻译"
        assert SiteRole.objects.get(group=group).role == SiteRole.Role.TRANSLATOR
        review = TranslationReviewTask.objects.get(name=f"{name}外文审校")
        assert {group.name, f"{name}审核"} <= set(review.groups.values_list("name", flat=True))
    assert not users.filter(username__in=["yunxi_translator", "jiaoyu_translator"]).exists()
    assert [row[:3] for row in printed_logins(demo) if row[0].endswith("_translator")] == [
        ["portal_translator", "翻译", "示例市人民政府"],
        ["qingshan_translator", "翻译", "青山区人民政府"],
    ]
