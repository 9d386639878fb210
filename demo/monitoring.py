"""Monitoring (监测考核) in the demo: sites in every state, and two months of daily snapshots.

The articles' dates (demo/content) already shape the sites, counted back from the day of loading and
published with that history (demo.history):

* 示例市人民政府 (the portal) is healthy (合格): its columns are fresh; an answered error report, a fixed
  broken link and a few page evaluations show those features without costing points.
* 青山区人民政府 is at warning (预警): its latest article is 11 days old, so the home page is 11 days without
  an update (warning from 10, veto at 14) and 政务动态 must be updated within three days; one of its letters
  (demo.mailbox) is past its deadline.
* 云溪县人民政府 fails (不合格): 政务动态 is stale (its latest article 17 days old), a 人事信息 column opened by
  this module is blank, a letter is past its deadline and another has waited more than three months (a veto),
  a 我为政府网站找错 report is past its three working days, and its 办事指南 links to a form page deleted
  since (a broken link found by the internal link check, monitoring.links).

Called by the loader after the rest of the demo; what exists already is left alone, so loading twice adds
nothing but today's snapshot.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.html import format_html

from citizen_mailbox.models import MailboxDepartment, MailboxPage
from demo.history import publish
from demo.mailbox import _letter
from home.models import ArticlePage, ColumnFamily, ColumnPage, UpdateCategory
from monitoring.audit import assessed_homes, audit_sites
from monitoring.links import check_site_links
from monitoring.models import (
    ErrorReport,
    ErrorReportStatus,
    LinkFinding,
    LinkKind,
    MonitoringSettings,
    PageFeedback,
    ProblemType,
    SiteAudit,
)

# Days of snapshots made on loading, so that the scorecards' trend charts have a history.
HISTORY_DAYS = 60
PORTAL, WARNING_SITE, FAILING_SITE = "portal", "qingshan", "yunxi"
# The blank column of the failing site, under its 政务公开.
BLANK_COLUMN = {
    "title": "人事信息",
    "slug": "rsxx",
    "family": ColumnFamily.PUBLISH,
    "update_category": UpdateCategory.PERSONNEL,
}
# The failing site's letters (subject, channel, status, days since receipt, department index), with
# demo.mailbox's conventions: a month old is overdue whatever the holidays; 100 days is past three months.
LETTERS = (
    ("村道路灯维修", "咨询", "accepted", 30, 0),
    ("农村低保申请条件", "咨询", "processing", 100, 0),
)
DEPARTMENT = "民政局"
# Error reports: (site, problem type, description, days since receipt, answer or "").
ERROR_REPORTS = (
    (
        FAILING_SITE,
        ProblemType.BROKEN_LINK,
        "“农村宅基地审批办事指南”中的表格下载链接打不开。",
        20,
        "",
    ),
    (
        PORTAL,
        ProblemType.TYPO,
        "政务动态一篇报道中“示例市”误写为“视例市”。",
        12,
        "感谢您的指正，错别字已于当日更正。",
    ),
)
# Page evaluations: (site, helpful, comment) on the site's latest articles.
FEEDBACK = (
    (PORTAL, True, ""),
    (PORTAL, True, "信息很及时。"),
    (PORTAL, False, "希望附上办理地点的地图。"),
    (WARNING_SITE, True, ""),
    (FAILING_SITE, False, "内容太旧了。"),
)
# The failing site's guide links to an old form page that was deleted since.
GUIDE_SLUG = "rural-homestead-approval-guide"
WITHDRAWN_PAGE = {"title": "农村宅基地申请审批表（2019年版）", "slug": "homestead-form-2019"}


@dataclass
class SiteState:
    name: str
    status: str
    score: int


def load_monitoring_demo(loaded_sites, new_keys):
    """Shape the demo sites' monitoring states (for the sites this load opened), then snapshot every site for
    the last HISTORY_DAYS days and today. Returns [SiteState] of today's audit in tree order."""
    homes = {spec.key: result.home for spec, result in loaded_sites}
    if FAILING_SITE in new_keys:
        _add_blank_column(homes[FAILING_SITE])
        _add_letters(homes[FAILING_SITE])
        _add_broken_link(homes[FAILING_SITE])
    if not ErrorReport.objects.filter(site_home__in=homes.values()).exists():
        _add_error_reports(homes)
    if not PageFeedback.objects.filter(site_home__in=homes.values()).exists():
        _add_feedback(homes)
    if not LinkFinding.objects.filter(site_home__in=homes.values()).exists():
        check_site_links(homes[FAILING_SITE])
        _add_fixed_link_finding(homes[PORTAL])
    audits = snapshot_history(timezone.localdate())
    return [SiteState(audit.home.title, audit.get_status_display(), audit.score) for audit in audits]


def snapshot_history(today, days=HISTORY_DAYS):
    """Audit every site for each of the `days` days before `today` that has no snapshot yet (oldest first,
    without e-mail warnings), then today (warnings as configured)."""
    homes = list(assessed_homes())
    done = set(SiteAudit.objects.filter(home__in=homes).values_list("date", flat=True).distinct())
    missing = [today - timedelta(days=n) for n in range(days, 0, -1)]
    missing = [day for day in missing if day not in done]
    if missing:
        settings = MonitoringSettings.load()
        sending = settings.send_alerts
        settings.send_alerts = False
        settings.save(update_fields=["send_alerts"])
        try:
            for day in missing:
                audit_sites(homes, today=day)
        finally:
            settings.send_alerts = sending
            settings.save(update_fields=["send_alerts"])
    return audit_sites(homes, today=today)


def _add_blank_column(home):
    parent = ColumnPage.objects.child_of(home).get(slug="zwgk")
    column = ColumnPage(show_in_menus=True, **BLANK_COLUMN)
    parent.add_child(instance=column)
    column.save_revision().publish()


def _add_letters(home):
    mailbox = MailboxPage.objects.descendant_of(home).first()
    if mailbox is None:
        return
    departments = [MailboxDepartment.objects.get_or_create(page=mailbox, name=DEPARTMENT)[0]]
    # No password opens these letters (demo.mailbox gives the demo password to the first county's only).
    password_hash = make_password(None)
    for subject, channel, status, days, department in LETTERS:
        _letter(mailbox, password_hash, subject, channel, status, days, departments, department, "", "")


def _latest_articles(home, count):
    return list(ArticlePage.objects.descendant_of(home).live().order_by("-first_published_at", "-pk")[:count])


def _add_error_reports(homes):
    now = timezone.now()
    for key, problem, description, days, answer in ERROR_REPORTS:
        home = homes[key]
        received = now - timedelta(days=days, hours=2)
        page = _latest_articles(home, 1)
        report = ErrorReport(
            site_home=home,
            page_url=page[0].full_url if page else home.full_url,
            problem_type=problem,
            description=description,
            received_at=received,
        )
        if answer:
            report.status = ErrorReportStatus.ANSWERED
            report.answer = answer
            report.answered_at = received + timedelta(days=1)
        report.save()


def _add_feedback(homes):
    now = timezone.now()
    for index, (key, helpful, comment) in enumerate(FEEDBACK):
        home = homes[key]
        pages = _latest_articles(home, 3)
        if not pages:
            continue
        PageFeedback.objects.create(
            page=pages[index % len(pages)],
            site_home=home,
            helpful=helpful,
            comment=comment,
            created_at=now - timedelta(days=index + 1),
        )


def _add_broken_link(home):
    """The guide links to a form page that its editors deleted since: a broken link (页面已删除)."""
    guide = ArticlePage.objects.descendant_of(home).filter(slug=GUIDE_SLUG).first()
    if guide is None:
        return
    withdrawn = ArticlePage(
        kind=guide.kind,
        date=guide.date,
        source=guide.source,
        body=[{"type": "paragraph", "value": "<p>本表已停止使用。</p>"}],
        **WITHDRAWN_PAGE,
    )
    guide.get_parent().add_child(instance=withdrawn)
    body = guide.body.get_prep_value()
    link = format_html('<p>旧版申请表：<a linktype="page" id="{}">{}</a></p>', withdrawn.pk, withdrawn.title)
    body.append({"type": "paragraph", "value": str(link)})
    guide.body = body
    publish(guide)
    withdrawn.delete()


def _add_fixed_link_finding(home):
    """A broken link on the portal, found twelve days ago and fixed a week ago."""
    now = timezone.now()
    page = _latest_articles(home, 1)
    if not page:
        return
    LinkFinding.objects.create(
        page=page[0],
        site_home=home,
        kind=LinkKind.EXTERNAL,
        target="http://www.example.cn/old-notice.html",
        problem="HTTP 404",
        first_found_at=now - timedelta(days=12),
        last_checked_at=now - timedelta(days=7),
        fixed_at=now - timedelta(days=7),
    )
