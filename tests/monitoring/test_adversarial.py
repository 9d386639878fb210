"""Adversarial review of monitoring (issue 16): other sites' staff, over-reaching roles and hostile visitors
against the real views. Each attack must be refused with nothing changed; a few positive controls show the
same requests succeed for the right person."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageLogEntry

from home.models import ColumnPage
from monitoring.links.external import check_urls
from monitoring.models import ErrorReport, LinkFinding, LinkKind, PageFeedback, SiteAudit
from sitegroup.models import SiteIdentity
from sitegroup.platform import AUDIT_ADMIN_GROUP, SECURITY_ADMIN_GROUP, SYSTEM_ADMIN_GROUP
from tests.citizen_mailbox.conftest import captcha_answer
from tests.factories import ArticlePageFactory, UserFactory
from tests.home.pages import column
from tests.monitoring.test_audit import audit_on, evidence_titles, publish_article, quiet  # noqa: F401
from tests.monitoring.test_audit import column as audit_column
from tests.monitoring.test_audit import moment as audit_moment
from tests.monitoring.test_links_external import server as local_server  # noqa: F401 (a fixture)
from tests.translations.conftest import english  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

CONTACT = "13911112222"


def login(user):
    client = Client()
    client.force_login(user)
    return client


def refused(response):
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def add_column(parent, title, slug):
    page = ColumnPage(title=title, slug=slug)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def attackers(site_group):
    """County A's roles, the portal's 管理员 and the three platform groups — none of them county B's staff."""
    users = {
        f"甲县{role}": UserFactory(username=f"a-{role}", groups=[site_group.county_a.groups[role]])
        for role in ("管理员", "编辑", "信息员")
    }
    users["市级管理员"] = UserFactory(username="portal-admin", groups=[site_group.portal.groups["管理员"]])
    for name in (SYSTEM_ADMIN_GROUP, AUDIT_ADMIN_GROUP, SECURITY_ADMIN_GROUP):
        users[name] = UserFactory(username=f"p-{name}", groups=[Group.objects.get(name=name)])
    return users


@pytest.fixture
def county_b(site_group):
    home = site_group.county_b.home
    old = add_column(home, "乙县旧栏目", "jiu")
    ArticlePageFactory(parent=old, title="乙县旧文章", slug="wz").save_revision().publish()
    report = ErrorReport.objects.create(site_home=home, problem_type="typo", description="乙县错字", contact=CONTACT)
    article = ArticlePageFactory(parent=column(home), title="乙县文章", slug="yxwz")
    PageFeedback.objects.create(page=article, site_home=home, helpful=False, comment="乙县的意见")
    LinkFinding.objects.create(
        page=article, site_home=home, kind=LinkKind.EXTERNAL, target="http://b.example/", problem="404"
    )
    return {"home": home, "old": old, "report": report, "article": article}


def b_state(county_b):
    old = Page.objects.get(pk=county_b["old"].pk)
    report = ErrorReport.objects.get(pk=county_b["report"].pk)
    return (
        old.path,
        old.live,
        Page.objects.child_of(old).count(),
        report.status,
        report.answer,
        Redirect.objects.count(),
        SiteAudit.objects.filter(home=county_b["home"]).count(),
    )


# --- Admin: another site's ids ----------------------------------------------------------------------


def test_no_role_outside_county_b_changes_county_bs_columns_reports_or_audits(site_group, attackers, county_b):
    home, old, report = county_b["home"], county_b["old"], county_b["report"]
    a_news = ColumnPage.objects.child_of(site_group.county_a.home).get(slug="zwdt")
    before = b_state(county_b)
    for name, user in attackers.items():
        client = login(user)
        attacks = [
            (reverse("monitoring_merge_column", args=[old.pk]), {"target": a_news.pk}),
            (reverse("monitoring_close_column", args=[old.pk]), {}),
            (reverse("monitoring_error_report", args=[report.pk]), {"answer": "越权答复"}),
        ]
        # 立即监测 is open to the sites above (the portal's 管理员) and the 系统管理员 by design (it only refreshes
        # the snapshot); everyone else is refused.
        if name not in ("市级管理员", SYSTEM_ADMIN_GROUP):
            attacks.append((reverse("monitoring_run_audit", args=[home.pk]), {}))
        for url, data in attacks:
            response = client.post(url, data)
            assert refused(response), (name, url, response.status_code)
        assert b_state(county_b) == before, name


def test_other_sites_staff_neither_read_county_bs_scorecard_report_nor_contact(site_group, attackers, county_b):
    home, report = county_b["home"], county_b["report"]
    # The portal's 管理员 reads the scorecards and annual reports of the sites below (by design), never the
    # county's error reports.
    portal = login(attackers["市级管理员"])
    assert portal.get(reverse("monitoring_scorecard", args=[home.pk])).status_code == 200
    assert refused(portal.get(reverse("monitoring_error_report", args=[report.pk])))
    for name in ("甲县管理员", "甲县编辑", "甲县信息员", SECURITY_ADMIN_GROUP):
        client = login(attackers[name])
        for url in (
            reverse("monitoring_scorecard", args=[home.pk]),
            reverse("monitoring_error_report", args=[report.pk]),
            reverse("monitoring_annual_site_report", args=[home.pk]),
            reverse("monitoring_annual_site_report", args=[home.pk]) + "?export=csv",
        ):
            assert refused(client.get(url)), (name, url)
    # Lists and exports filtered by another site's id show none of county B's rows.
    for name in ("甲县管理员", "甲县编辑"):
        client = login(attackers[name])
        for url in (
            reverse("monitoring_error_reports") + "?export=csv",
            reverse("monitoring_page_feedback") + "?export=xlsx",
            reverse("monitoring_page_feedback") + "?export=csv",
            reverse("monitoring_broken_links") + f"?site={home.pk}",
            reverse("monitoring_broken_links") + f"?site={home.pk}&export=csv",
            reverse("monitoring_annual_report") + "?export=csv",
        ):
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            text = body.decode("utf-8", "replace")
            assert "乙县" not in text and CONTACT not in text and "b.example" not in text, (name, url)


def test_platform_readers_see_county_b_without_the_contact(attackers, county_b):
    for name in (SYSTEM_ADMIN_GROUP, AUDIT_ADMIN_GROUP):
        client = login(attackers[name])
        detail = client.get(reverse("monitoring_error_report", args=[county_b["report"].pk]))
        assert detail.status_code == 200 and CONTACT not in detail.content.decode()
        export = client.get(reverse("monitoring_error_reports") + "?export=csv")
        assert CONTACT not in b"".join(export.streaming_content).decode("utf-8", "replace")


def test_a_county_b_column_is_no_merge_target_for_county_a(site_group, attackers):
    admin = attackers["甲县管理员"]
    a_old = add_column(site_group.county_a.home, "甲县旧栏目", "jiu")
    b_news = ColumnPage.objects.child_of(site_group.county_b.home).get(slug="zwdt")
    response = login(admin).post(reverse("monitoring_merge_column", args=[a_old.pk]), {"target": b_news.pk})
    assert response.status_code == 200  # the form again, with its error
    assert Page.objects.get(pk=a_old.pk).live and not Redirect.objects.exists()
    offered = [value for value, _label in response.context["form"].fields["target"].choices]
    assert b_news.pk not in offered


def test_an_editor_merges_and_closes_nothing_of_their_own_site(site_group, attackers):
    a_old = add_column(site_group.county_a.home, "甲县旧栏目", "jiu")
    a_news = ColumnPage.objects.child_of(site_group.county_a.home).get(slug="zwdt")
    for name in ("甲县编辑", "甲县信息员", AUDIT_ADMIN_GROUP, SYSTEM_ADMIN_GROUP):
        client = login(attackers[name])
        assert refused(client.post(reverse("monitoring_merge_column", args=[a_old.pk]), {"target": a_news.pk}))
        assert refused(client.post(reverse("monitoring_close_column", args=[a_old.pk])))
    assert Page.objects.get(pk=a_old.pk).live and not Redirect.objects.exists()


def test_the_administrator_closes_no_home_library_or_mailbox_column(site_group, attackers):
    client = login(attackers["甲县管理员"])
    home = site_group.county_a.home
    fixed = [home] + [page for page in Page.objects.child_of(home).live() if page.specific_class is not ColumnPage]
    mailbox_columns = [
        page
        for page in Page.objects.child_of(home).live().type(ColumnPage)
        if page.get_descendants().exclude(content_type__model__in=("columnpage", "articlepage")).exists()
    ]
    live_before = Page.objects.live().count()
    for page in fixed + mailbox_columns:
        response = client.post(reverse("monitoring_close_column", args=[page.pk]))
        assert response.status_code in (302, 404), page.title
    assert Page.objects.live().count() == live_before and not Redirect.objects.exists()
    assert mailbox_columns  # the provisioned 互动交流 holds the mailbox


def test_positive_control_the_administrator_closes_their_own_column(site_group, attackers):
    a_old = add_column(site_group.county_a.home, "甲县旧栏目", "jiu")
    response = login(attackers["甲县管理员"]).post(reverse("monitoring_close_column", args=[a_old.pk]))
    assert response.status_code == 302
    assert not Page.objects.get(pk=a_old.pk).live
    assert PageLogEntry.objects.filter(page=a_old, action="monitoring.close_column").exists()


# --- Public forms ---------------------------------------------------------------------------------


def visitor(host="localhost", number=1):
    return Client(HTTP_HOST=host, REMOTE_ADDR=f"10.9.0.{number}")


def hold_county_a(site_group):
    SiteIdentity.objects.filter(site=site_group.county_a.site).update(icp_number="")


def test_a_held_sites_page_takes_no_feedback_and_shows_no_title_under_the_portals_hostname(site_group):
    article = ArticlePageFactory(parent=column(site_group.county_a.home), title="尚未公开的甲县文章", slug="wz")
    assert visitor().get(f"/pingjia/{article.pk}/").status_code == 200  # positive control
    hold_county_a(site_group)

    response = visitor(number=2).get(f"/pingjia/{article.pk}/")
    assert response.status_code == 404 and "尚未公开的甲县文章" not in response.content.decode()
    assert visitor(number=3).post(f"/pingjia/{article.pk}/", {"helpful": "1"}).status_code == 404
    assert not PageFeedback.objects.exists()


def test_a_held_site_takes_no_error_reports_under_the_portals_hostname(site_group):
    home = site_group.county_a.home
    assert visitor().get(f"/zhaocuo/{home.pk}/").status_code == 200  # positive control
    hold_county_a(site_group)
    assert visitor(number=2).get(f"/zhaocuo/{home.pk}/").status_code == 404
    assert visitor(number=3).post(f"/zhaocuo/{home.pk}/", {"problem_type": "typo"}).status_code == 404
    assert not ErrorReport.objects.exists()


@pytest.mark.parametrize("page_id", ["1", "0", "99999999999999999999", "2147483648"])
def test_odd_ids_are_not_found(site_group, page_id):
    for url in (f"/pingjia/{page_id}/", f"/zhaocuo/{page_id}/"):
        assert visitor().get(url).status_code == 404
        assert visitor(number=2).post(url, {"helpful": "1"}).status_code in (403, 404)


def test_negative_ids_do_not_route():
    for url in ("/pingjia/-1/", "/zhaocuo/-1/"):
        assert Client().get(url).status_code == 404


def test_the_prefilled_url_is_never_markup_and_never_a_foreign_address(site_group):
    home = site_group.county_a.home
    hostile = [
        '/x"><script>alert(1)</script>',
        "javascript:alert(1)",
        "//evil.example/",
        "http://evil.example/",
        "http://localhost@evil.example/",
        "/\\evil.example",
    ]
    for number, url in enumerate(hostile, start=1):
        body = visitor(number=number).get(f"/zhaocuo/{home.pk}/", {"url": url}).content.decode()
        assert "<script>alert(1)</script>" not in body
        field = BeautifulSoup(body, "html.parser").select_one("input[name=page_url]")
        assert field.get("value", "") in ("", url), url
        assert "evil.example" not in field.get("value", "") or field["value"].startswith("/x"), url


def test_get_stores_nothing_and_markup_or_header_breaks_are_refused(site_group):
    home = site_group.county_a.home
    client = visitor()
    visitor().get(f"/zhaocuo/{home.pk}/", {"url": "/x/", "description": "x", "problem_type": "typo"})
    response = client.get(f"/zhaocuo/{home.pk}/")
    hashkey, answer = captcha_answer(response)
    data = {
        "problem_type": "typo",
        "description": "<script>alert(1)</script>",
        "contact": "a@b.cn\r\nBcc: x@evil.example",
        "captcha_0": hashkey,
        "captcha_1": answer,
    }
    response = client.post(f"/zhaocuo/{home.pk}/", data)
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not ErrorReport.objects.exists()


# --- The audit: nothing an editor does makes a stale column fresh --------------------------------------------


@pytest.mark.usefixtures("quiet")
def test_republishing_an_old_article_after_the_log_retention_is_no_update(site_group):
    """The first publication record of a page older than the audit-log retention is purged; a later republish
    (a mere edit) must not then pass for the page's first publication: first_published_at still tells."""
    from sitegroup.retention import purge

    county = site_group.county_a
    news = audit_column(county, "zwdt")
    article = publish_article(news, datetime.date(2024, 3, 1), title="旧新闻")
    with time_machine.travel(audit_moment(datetime.date(2026, 3, 10)), tick=False):
        article = Page.objects.get(pk=article.pk).specific  # as the editor loads it
        article.title = "旧新闻（更正错字）"
        article.save_revision().publish()
    with time_machine.travel(audit_moment(datetime.date(2026, 3, 20)), tick=False):
        purge(days=365)
    assert PageLogEntry.objects.filter(page=article, action="wagtail.publish").count() == 1

    audit = audit_on(county, datetime.date(2026, 3, 20))

    assert "政务动态" in evidence_titles(audit, "stale_columns")


@pytest.mark.usefixtures("quiet")
def test_positive_control_a_new_article_freshens_the_column(site_group):
    county = site_group.county_a
    publish_article(audit_column(county, "zwdt"), datetime.date(2026, 3, 19), title="新新闻")
    audit = audit_on(county, datetime.date(2026, 3, 20))
    assert "政务动态" not in evidence_titles(audit, "stale_columns")


# --- The link checker is no way into the internal network ---------------------------------------------------


@pytest.fixture
def rebinding(monkeypatch):
    """rebind.example resolves to a public address when asked first, then to 127.0.0.1 (DNS rebinding)."""
    import socket

    real = socket.getaddrinfo
    calls = []

    def getaddrinfo(host, *args, **kwargs):
        if host == "rebind.example":
            calls.append(host)
            address = "93.184.216.34" if len(calls) == 1 else "127.0.0.1"
            return real(address, *args, **kwargs)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return calls


def test_a_name_rebound_to_a_loopback_address_after_the_check_is_not_fetched(local_server, rebinding):  # noqa: F811
    from tests.monitoring.test_links_external import Handler

    port = local_server.rsplit(":", 1)[1]
    url = f"http://rebind.example:{port}/ok"
    result = check_urls({url})[url]
    assert not Handler.requests
    assert (result.ok, result.problem) == (False, "内网地址，公众无法访问")


def test_names_of_loopback_addresses_and_redirects_to_them_are_not_fetched(local_server):  # noqa: F811
    from tests.monitoring.test_links_external import Handler

    port = local_server.rsplit(":", 1)[1]
    urls = {f"http://localhost:{port}/ok", f"http://2130706433:{port}/ok", f"http://[::ffff:127.0.0.1]:{port}/ok"}
    results = check_urls(urls)
    assert not Handler.requests
    assert all(not result.ok for result in results.values())


def test_positive_control_the_allowed_local_server_is_fetched(local_server):  # noqa: F811
    url = f"{local_server}/ok"
    assert check_urls({url})[url].ok


# --- Column lifecycle: locks, translations, redirects -------------------------------------------------------


@pytest.fixture
def a_old(site_group):
    old = add_column(site_group.county_a.home, "甲县旧栏目", "jiu")
    article = ArticlePageFactory(parent=old, title="甲县旧文章", slug="wz")
    article.save_revision().publish()
    return old, Page.objects.get(pk=article.pk).specific


def test_a_page_locked_by_someone_else_is_not_moved_or_unpublished(site_group, attackers, a_old):
    old, article = a_old
    other = UserFactory(username="a-signer", groups=[site_group.county_a.groups["签发"]])
    Page.objects.filter(pk=article.pk).update(locked=True, locked_by=other)
    a_news = ColumnPage.objects.child_of(site_group.county_a.home).get(slug="zwdt")
    client = login(attackers["甲县管理员"])
    client.post(reverse("monitoring_merge_column", args=[old.pk]), {"target": a_news.pk})
    client.post(reverse("monitoring_close_column", args=[old.pk]))
    article = Page.objects.get(pk=article.pk)
    assert article.get_parent().pk == old.pk and article.live
    assert Page.objects.get(pk=old.pk).live and not Redirect.objects.exists()


def test_closing_takes_the_english_column_offline_too(english, attackers):  # noqa: F811
    from tests.translations.helpers import english_of

    site_group = english
    old = add_column(site_group.county_a.home, "甲县旧栏目", "jiu")
    from wagtail.models import Locale

    from translations.sync import ensure_translation

    ensure_translation(old, Locale.objects.get(language_code="en"))
    parent_en = english_of(site_group.county_a.home)
    parent_en.save_revision().publish()
    old_en = english_of(old)
    old_en.save_revision().publish()
    assert Page.objects.get(pk=old_en.pk).live

    response = login(attackers["甲县管理员"]).post(reverse("monitoring_close_column", args=[old.pk]))
    assert response.status_code == 302
    assert not Page.objects.get(pk=old.pk).live
    assert not Page.objects.get(pk=old_en.pk).live


def test_an_english_column_is_neither_closed_nor_a_merge_target(english, attackers):  # noqa: F811
    from tests.translations.helpers import english_of

    site_group = english
    home = site_group.county_a.home
    english_of(home).save_revision().publish()
    news_en = english_of(ColumnPage.objects.child_of(home).get(slug="zwdt"))
    news_en.save_revision().publish()
    old = add_column(home, "甲县旧栏目", "jiu")
    client = login(attackers["甲县管理员"])
    assert refused(client.post(reverse("monitoring_close_column", args=[news_en.pk])))
    response = client.post(reverse("monitoring_merge_column", args=[old.pk]), {"target": news_en.pk})
    assert response.status_code == 200 and Page.objects.get(pk=old.pk).live
    assert Page.objects.get(pk=news_en.pk).live and not Redirect.objects.exists()


def test_an_existing_redirect_at_the_columns_address_is_replaced_not_duplicated(site_group, attackers, a_old):
    old, _article = a_old
    Redirect.objects.create(site=site_group.county_a.site, old_path="/jiu", redirect_link="https://evil.example/")
    response = login(attackers["甲县管理员"]).post(reverse("monitoring_close_column", args=[old.pk]))
    assert response.status_code == 302
    redirects = Redirect.objects.filter(site=site_group.county_a.site, old_path="/jiu")
    assert redirects.count() == 1 and redirects.get().redirect_page_id == site_group.county_a.home.pk
    assert Client(HTTP_HOST="county-a.localhost").get("/jiu/")["Location"].rstrip("/") in (
        "",
        "http://county-a.localhost",
    )


def test_a_page_in_moderation_is_not_moved_nor_left_to_come_back_under_a_closed_column(site_group, attackers, a_old):
    old, article = a_old
    from wagtail.models import Workflow

    workflow = Workflow.objects.filter(active=True).first()
    assert workflow is not None
    article.title = "甲县旧文章（修改）"
    workflow.start(article, UserFactory(username="a-writer", groups=[site_group.county_a.groups["编辑"]]))
    a_news = ColumnPage.objects.child_of(site_group.county_a.home).get(slug="zwdt")
    client = login(attackers["甲县管理员"])
    client.post(reverse("monitoring_merge_column", args=[old.pk]), {"target": a_news.pk})
    client.post(reverse("monitoring_close_column", args=[old.pk]))
    article = Page.objects.get(pk=article.pk)
    assert article.get_parent().pk == old.pk and article.live
    assert Page.objects.get(pk=old.pk).live and not Redirect.objects.exists()


def test_the_alert_mail_carries_nothing_a_citizen_typed(site_group):
    from django.core import mail

    county = site_group.county_a
    UserFactory(groups=[county.groups["管理员"]], email="admin@county-a.example.gov.cn")
    with time_machine.travel(audit_moment(datetime.date(2026, 3, 2)), tick=False):
        ErrorReport.objects.create(
            site_home=county.home,
            problem_type="typo",
            description="恶意内容 http://evil.example/ 请点击",
            contact="Bcc: x@evil.example",
            page_url="/zwdt/",
        )
    mail.outbox.clear()
    audit_on(county, datetime.date(2026, 3, 20))

    assert mail.outbox
    body = "".join(message.subject + message.body for message in mail.outbox)
    assert "找错" in body
    assert "evil.example" not in body and "恶意内容" not in body


def test_positive_control_staff_previewing_a_held_site_on_its_hostname_still_see_the_forms(site_group):
    article = ArticlePageFactory(parent=column(site_group.county_a.home), title="筹备中的文章", slug="wz")
    hold_county_a(site_group)
    staff = Client(HTTP_HOST="county-a.localhost", REMOTE_ADDR="10.9.1.1")
    staff.force_login(UserFactory(username="a-preparer", groups=[site_group.county_a.groups["编辑"]]))
    assert staff.get(f"/pingjia/{article.pk}/").status_code == 200
    assert staff.get(f"/zhaocuo/{site_group.county_a.home.pk}/").status_code == 200
    assert visitor(host="county-a.localhost", number=9).get(f"/pingjia/{article.pk}/").status_code == 503


@pytest.mark.parametrize(
    "name",
    ["monitoring_scorecard", "monitoring_error_report", "monitoring_merge_column", "monitoring_annual_site_report"],
)
def test_a_huge_id_in_an_admin_url_is_not_found(site_group, name):
    superuser = UserFactory(username="root", is_superuser=True)
    response = login(superuser).get(reverse(name, args=[99999999999999999999]))
    assert response.status_code == 404
