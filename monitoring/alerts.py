"""E-mail warnings to a site's 管理员 when an audit item turns to 预警 or 不合格.

One mail per site and run lists the items that got worse since the previous snapshot; each item is mailed
at most once a day (AuditAlert), however often the audit runs (the daily job and 立即监测). A failing mail
server never undoes an audit: the error is logged.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from citizen_mailbox.access import site_administrators
from monitoring.items import ITEMS_BY_KEY
from monitoring.models import STATUS_ORDER, AuditAlert, Status

logger = logging.getLogger(__name__)


def worsened_items(audit, previous):
    """The items of `audit` now at warning or fail that were better in `previous` (or had no snapshot)."""
    before = {item["key"]: item["status"] for item in previous.items} if previous else {}
    return [
        item
        for item in audit.items
        if item["status"] != Status.PASS
        and STATUS_ORDER[item["status"]] > STATUS_ORDER[before.get(item["key"], Status.PASS)]
    ]


def send_alerts(audits, previous, today):
    for audit in audits:
        items = [item for item in worsened_items(audit, previous.get(audit.home_id)) if _claim(audit, item, today)]
        if items:
            _mail(audit, items)


def _claim(audit, item, today):
    """Record today's alert for the item; False when one was already sent today."""
    try:
        with transaction.atomic():
            AuditAlert.objects.create(home_id=audit.home_id, item=item["key"], date=today, status=item["status"])
    except IntegrityError:
        return False
    return True


def _mail(audit, items):
    recipients = list(site_administrators(audit.home).values_list("email", flat=True))
    if not recipients:
        return
    AuditAlert.objects.filter(home_id=audit.home_id, date=audit.date, item__in=[i["key"] for i in items]).update(
        recipients=len(recipients)
    )
    with override("zh-hans"):
        subject = _("【网站监测预警】%(site)s") % {"site": audit.home.title}
        lines = [
            {"label": ITEMS_BY_KEY[item["key"]].label, "status": Status(item["status"]).label, "item": item}
            for item in items
        ]
        body = render_to_string(
            "monitoring/email/alert.txt",
            {"audit": audit, "lines": lines, "scorecard_url": _scorecard_url(audit)},
        )
    try:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients).send()
    except Exception:
        # The snapshot stands whatever the mail server does.
        logger.exception("monitoring: alert mail for site %s failed", audit.home_id)


def _scorecard_url(audit):
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + reverse(
        "monitoring_scorecard", args=[audit.home_id]
    )
