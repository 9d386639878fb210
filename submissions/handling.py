"""Who may submit what where, who decides, and the submit / adopt / return steps (each logged on the article)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.permissions import policy_registry

from govcms.core.scope import SiteScope
from govcms.core.tree import site_home_of, under_any_of
from home.models import ArticlePage, ColumnPage, HomePage
from release.reports.scoping import pages_of_site
from submissions.models import Status, Submission

SUBMIT_ACTION = "submissions.submit"
ADOPT_ACTION = "submissions.adopt"
RETURN_ACTION = "submissions.return"

logger = logging.getLogger(__name__)


def can_submit(user, page):
    """Whoever may edit a live article may offer it upward (an officer their own, an editor any of their site's)."""
    return isinstance(page, ArticlePage) and page.live and page.permissions_for_user(user).can_edit()


def target_columns(article):
    """Live columns accepting submissions in the sites above the article's own, not in sibling sites."""
    home = site_home_of(article)
    above = list(HomePage.objects.ancestor_of(home).values_list("path", flat=True))
    # Sub-sites of the sites above (the article's own site and its siblings) keep their columns to themselves.
    subsites = HomePage.objects.filter(under_any_of(above)).exclude(path__in=above).values_list("path", flat=True)
    return (
        ColumnPage.objects.live()
        .filter(accepts_submissions=True)
        .filter(under_any_of(above))
        .exclude(under_any_of(list(subsites)))
        .order_by("path")
    )


def decidable_submissions(user):
    """Submissions to columns the user may change: the target site's editors, 审核, 签发 and 管理员."""
    columns = policy_registry.get_by_type(Page).instances_user_has_any_permission_for(user, {"change"})
    return Submission.objects.filter(target__in=columns.values("pk"))


def visible_submissions(user):
    """What the user decides on, and what their own sites submitted (not those of the sites below them)."""
    own_pages = Page.objects.none()
    for home in HomePage.objects.filter(pk__in=SiteScope.of(user).own_site_ids):
        own_pages |= pages_of_site(home)
    return decidable_submissions(user) | Submission.objects.filter(article__in=own_pages.values("pk"))


def submit(article, target, user):
    with transaction.atomic():
        submission = Submission.objects.create(article=article, target=target, submitted_by=user)
        log(instance=article, action=SUBMIT_ACTION, user=user, data=_log_data(submission))
    return submission


def adopt(submission, user):
    _decide(submission, user, Status.ADOPTED, ADOPT_ACTION, reason="")


def return_submission(submission, user, reason):
    _decide(submission, user, Status.RETURNED, RETURN_ACTION, reason=reason)


def _decide(submission, user, status, action, reason):
    with transaction.atomic():
        # One decision per submission, even when two editors click at once.
        updated = Submission.objects.filter(pk=submission.pk, status=Status.PENDING).update(
            status=status, decided_by=user, decided_at=timezone.now(), reason=reason
        )
        if not updated:
            raise AlreadyDecided
        submission.refresh_from_db()
        log(instance=submission.article, action=action, user=user, data=_log_data(submission))
        transaction.on_commit(lambda: notify_submitter(submission))


class AlreadyDecided(Exception):
    pass


def _log_data(submission):
    return {
        "submission": submission.pk,
        "target": submission.target_id,
        "target_title": submission.target.title,
        "reason": submission.reason,
    }


def notify_submitter(submission):
    """Tell the submitter what became of their article; a failing mail server does not undo the decision."""
    recipient = submission.submitted_by
    if recipient is None or not recipient.email:
        return
    article = submission.article
    subject = _("信息报送%(status)s：%(title)s") % {"status": submission.get_status_display(), "title": article.title}
    body = render_to_string("submissions/email/decided.txt", {"submission": submission, "article": article})
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    except OSError:
        logger.exception("submissions: notifying the submitter of submission %s failed", submission.pk)
