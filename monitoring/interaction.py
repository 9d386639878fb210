"""The audit's interaction items, each as {site home pk: evidence list}, in one query per item for all sites.

Evidence entries are dicts {"title", "url", "detail", "date"} (monitoring.models.SiteAudit) naming what an
administrator must act on: the letter, the policy, the question, the report. Never a citizen's name or text.
"""

from collections import defaultdict
from datetime import timedelta

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from citizen_mailbox.models import OPEN_STATUSES, Message
from consultations.admin_views import feedback_due_days, feedback_overdue_before
from consultations.models import ConsultationPage
from interviews.models import Question
from monitoring.models import ErrorReport, ErrorReportStatus, LinkFinding
from monitoring.months import months_before
from policy.reports import annotate_deadlines, uninterpreted_major_policies

# 国办秘函〔2019〕19号: a 政务咨询 message of the past year that waited more than 3 months fails the site.
VETO_WAIT_MONTHS = 3
# An open letter this many days old is one month from that line: the warning.
LETTER_WARNING_DAYS = 60


def evidence(title, url, detail="", date=None):
    return {"title": str(title), "url": url, "detail": str(detail), "date": date.isoformat() if date else ""}


def _letter_evidence(message, detail):
    return evidence(
        message,
        reverse("mailbox_admin_detail", args=[message.pk]),
        detail,
        timezone.localdate(message.received_at),
    )


def overdue_letters(home_ids, today):
    """Open letters past their answer deadline (7 working days, 15 when extended)."""
    found = defaultdict(list)
    letters = Message.objects.open().filter(site_home_id__in=home_ids, due_date__lt=today).order_by("due_date")
    for message in letters.only("pk", "tracking_code", "site_home_id", "received_at", "due_date"):
        detail = _("答复期限 %(date)s") % {"date": message.due_date.isoformat()}
        found[message.site_home_id].append(_letter_evidence(message, detail))
    return found


def letters_over_three_months(home_ids, today):
    """({home: letters that waited over 3 months in the past year}, {home: open letters heading that way})."""
    # Candidates (the exact month arithmetic follows in Python): received in the past year, and still open
    # near or past the line, or answered more than 89 days after arriving.
    answered_late = Q(closed_at__isnull=False, closed_at__gt=F("received_at") + timedelta(days=89))
    open_long = Q(status__in=OPEN_STATUSES, received_at__date__lte=today - timedelta(days=LETTER_WARNING_DAYS))
    letters = Message.objects.filter(site_home_id__in=home_ids, received_at__date__gte=months_before(today, 12)).filter(
        answered_late | open_long
    )
    failing, warning = defaultdict(list), defaultdict(list)
    for message in letters.only("pk", "tracking_code", "site_home_id", "received_at", "closed_at", "status"):
        received = timezone.localdate(message.received_at)
        answered = timezone.localdate(message.closed_at) if message.closed_at else None
        if received < months_before(answered or today, VETO_WAIT_MONTHS):
            detail = _("来信 %(date)s，%(state)s") % {
                "date": received.isoformat(),
                "state": _("答复于 %(date)s") % {"date": answered.isoformat()} if answered else _("尚未答复"),
            }
            failing[message.site_home_id].append(_letter_evidence(message, detail))
        elif message.is_open:
            warning[message.site_home_id].append(_letter_evidence(message, _("即将超过三个月")))
    return failing, warning


def pending_interpretations(sites, today):
    """Major policies past their interpretation grace period, by site (policy.reports' rule)."""
    found = defaultdict(list)
    policies = annotate_deadlines(list(uninterpreted_major_policies().only("pk", "path", "title", "url_path")), today)
    for policy in policies:
        site = sites.site_for_path(policy.path)
        if site is not None and policy.overdue:
            detail = _("解读期限 %(date)s") % {"date": policy.due_on.isoformat()}
            url = reverse("wagtailadmin_pages:edit", args=[policy.pk])
            found[site.pk].append(evidence(policy.title, url, detail, policy.published_on))
    return found


def overdue_interview_answers(sites, today):
    """Interview questions still unanswered past their written-answer deadline, by site."""
    found = defaultdict(list)
    questions = Question.objects.overdue(today).select_related("interview").order_by("answer_due", "pk")
    for question in questions:
        site = sites.site_for_path(question.interview.path)
        if site is None:
            continue
        url = reverse("interviews_console:console", args=[question.interview_id])
        detail = _("答复期限 %(date)s") % {"date": question.answer_due.isoformat()}
        found[site.pk].append(evidence(question.interview.title, url, detail, question.answer_due))
    return found


def overdue_error_reports(home_ids, today):
    """我为政府网站找错 reports still open past their deadline (3 working days by default)."""
    found = defaultdict(list)
    reports = ErrorReport.objects.filter(
        site_home_id__in=home_ids, status=ErrorReportStatus.OPEN, due_date__lt=today
    ).order_by("due_date")
    for report in reports:
        detail = _("答复期限 %(date)s") % {"date": report.due_date.isoformat()}
        url = reverse("monitoring_error_report", args=[report.pk])
        found[report.site_home_id].append(evidence(report, url, detail, timezone.localdate(report.received_at)))
    return found


def broken_links(home_ids):
    """Open broken-link findings (monitoring.links keeps them), by site."""
    found = defaultdict(list)
    findings = LinkFinding.objects.filter(site_home_id__in=home_ids, fixed_at=None).select_related("page")
    for finding in findings.order_by("first_found_at", "pk"):
        url = reverse("wagtailadmin_pages:edit", args=[finding.page_id])
        detail = f"{finding.target} — {finding.problem}"
        found[finding.site_home_id].append(
            evidence(finding.page.title, url, detail, timezone.localdate(finding.first_found_at))
        )
    return found


def overdue_consultation_feedback(sites, today):
    """Live consultations closed more than ConsultationSettings.feedback_due_days days before `today` whose
    feedback (采纳情况) is still not written, by site (consultations.admin_views' rule, its 意见审核 flag)."""
    found = defaultdict(list)
    days = feedback_due_days()
    consultations = (
        ConsultationPage.objects.live()
        .filter(closes_at__lt=feedback_overdue_before(today, days))
        .only("pk", "path", "title", "closes_at", "feedback")
        .order_by("closes_at", "pk")
    )
    for consultation in consultations:
        site = sites.site_for_path(consultation.path)
        if site is None or consultation.feedback.strip():
            continue
        closed = timezone.localdate(consultation.closes_at)
        detail = _("%(date)s 截止，超过 %(days)s 天未发布采纳情况") % {"date": closed.isoformat(), "days": days}
        url = reverse("wagtailadmin_pages:edit", args=[consultation.pk])
        found[site.pk].append(evidence(consultation.title, url, detail, closed))
    return found
