"""Publishing outside the ordinary workflow: withdrawal (撤稿), forced publication and its review afterwards.

Who may do what:

* Pages under a workflow (every site's 三审) are published by the workflow's
  last approval. Wagtail would still let anyone with "publish" permission
  publish directly; `publishing_needs_review` is the rule the admin hooks use
  to take that away from everyone but superusers.
* A site's 管理员 may publish such a page anyway, with a reason: a forced
  publication (强制发布). "A site's 管理员" is a member of the group recorded
  as that site's administrator role (sitegroup.models.SiteRole), while that
  group holds the release.force_publish permission; the group's name plays
  no part. It is logged and stays flagged 未经审核发布 until a
  member of a review group of the page's workflow approves it afterwards
  (补审), who must not be the one who forced it nor the author of the
  revision.
* Anyone who may unpublish a page may withdraw it: unpublish it with a
  reason that stays in the page's history and, if they wish, is shown to
  readers on the old URL (410 Gone). Withdrawing a column or a site's home
  withdraws every live page below it too: Wagtail serves a live page below
  an unpublished one at its URL.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.locks import WorkflowLock
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, Site

from govcms.core.scope import SiteScope
from govcms.core.tree import site_home_of, under_any_of
from release.models import UnreviewedPublication, Withdrawal
from sitegroup.models import SiteRole

WITHDRAW_ACTION = "release.withdraw"
FORCE_PUBLISH_ACTION = "release.force_publish"
POST_REVIEW_ACTION = "release.post_review"


def publishing_needs_review(user, page):
    """Whether publishing `page` (or a new page below it) must go through its workflow for this user."""
    return not user.is_superuser and page.has_workflow


def is_site_administrator(user, page):
    """Whether the user is in the 管理员 group of the site that `page` belongs to, and that group may force publication.

    The permission is read from that group only: holding it through another site's group grants nothing here.
    """
    home = site_home_of(page)
    return (
        home is not None
        and SiteRole.objects.filter(
            home=home,
            role=SiteRole.Role.ADMINISTRATOR,
            group__user=user,
            group__permissions__content_type__app_label="release",
            group__permissions__codename="force_publish",
        ).exists()
    )


def can_force_publish(user, page):
    """A site administrator (or superuser) who may publish `page` and whose publishing it needs a review.

    The lock Wagtail puts on a page under review does not stop them: publishing
    outside the review is the point. Any other lock does.
    """
    permissions = page.permissions_for_user(user)
    lock = page.get_lock()
    return (
        page.has_workflow
        and permissions.can_publish()
        and (lock is None or isinstance(lock, WorkflowLock) or not lock.for_user(user))
        and (user.is_superuser or is_site_administrator(user, page))
    )


def can_withdraw(user, page):
    return page.permissions_for_user(user).can_unpublish()


def reviewer_group_ids(page):
    """The groups that approve the tasks of the page's workflow: a site's 审核 and 签发 groups."""
    workflow = page.get_workflow()
    if workflow is None:
        return set()
    tasks = workflow.tasks.specific()
    return {group.pk for task in tasks if isinstance(task, AbstractGroupApprovalTask) for group in task.groups.all()}


def post_review_refusal(user, publication):
    """Why the user may not approve `publication` afterwards, or None when they may.

    Four eyes: a reviewer of the page's workflow who neither forced the
    publication nor wrote the revision published.
    """
    if not publication.is_pending:
        return _("该发布已补审通过。")
    if user.pk == publication.published_by_id:
        return _("不能补审自己强制发布的内容。")
    if publication.revision is not None and publication.revision.user_id == user.pk:
        return _("不能补审自己撰写的内容。")
    if not (user.is_superuser or user.groups.filter(pk__in=reviewer_group_ids(publication.page)).exists()):
        return _("只有本站发布流程的审核人员可以补审。")
    return None


def visible_publications(user):
    """Forced publications of the pages in the subtrees the user works in (a superuser's is the whole tree).

    A queue of work, 补审, for those with page rights there: platform-wide users who hold none
    (the 平台管理员) do not see it, as they may not review.
    """
    publications = UnreviewedPublication.objects.select_related("page", "published_by", "reviewed_by")
    return publications.filter(under_any_of(SiteScope.of(user).working_paths, field="page__path"))


@transaction.atomic
def withdraw(page, *, user, reason, show_notice):
    """Unpublish a live page and the live pages below it (each logged as wagtail.unpublish),
    and record and log why for each (release.withdraw).

    Returns the withdrawal of `page`; the pages below are withdrawn with it, for the same reason.
    """
    if not can_withdraw(user, page):
        raise PermissionDenied
    below = list(page.get_descendants().live().specific().order_by("path"))
    # Only `page` is checked: the rights to unpublish it hold below it (Wagtail's permissions go down).
    UnpublishPageAction(page, user=user, include_descendants=True).execute()
    withdrawal = record_withdrawal(page, user=user, reason=reason, show_notice=show_notice)
    for descendant in below:
        record_withdrawal(descendant, user=user, reason=reason, show_notice=show_notice, with_page=page)
    return withdrawal


def record_withdrawal(page, *, user, reason, show_notice, with_page=None):
    """The Withdrawal of a page just unpublished, and its release.withdraw log entry."""
    withdrawal = Withdrawal.objects.create(
        page=page,
        site=page.get_site(),
        url_path=page.url_path,
        full_url=page.full_url or "",
        title=page.title,
        reason=reason,
        show_notice=show_notice,
        withdrawn_by=user,
    )
    data = {"reason": reason, "show_notice": show_notice, "withdrawal": withdrawal.pk}
    if with_page is not None:
        data.update(with_page=with_page.pk, with_page_title=with_page.title)
    log(instance=page, action=WITHDRAW_ACTION, user=user, data=data)
    return withdrawal


def withdrawal_for_request(request):
    """The withdrawal whose notice the requested public URL should show, if any.

    Only URLs Wagtail serves pages at are looked up. The path is resolved
    against the requested site's root in the active language, which is how
    Wagtail itself routes it, so the notice appears under every hostname that
    served the page. Only the latest withdrawal of the URL counts, and not
    once its page has been published again: taken offline later in another
    way, it is an ordinary 404.
    """
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.url_name != "wagtail_serve":
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in match.args[0].split("/") if component]
    url_path = site.root_page.localized.url_path + "".join(f"{component}/" for component in components)
    withdrawal = Withdrawal.objects.filter(url_path=url_path).first()
    if withdrawal is None or not withdrawal.show_notice or withdrawal.page_republished():
        return None
    return withdrawal


@transaction.atomic
def force_publish(page, *, user, reason):
    """Publish the page's latest revision outside its workflow; flag and log it for review afterwards.

    Raises ValidationError when the draft is incomplete (drafts are saved
    without their required fields), PermissionDenied when the user may not.
    """
    if not can_force_publish(user, page):
        raise PermissionDenied
    revision = page.get_latest_revision() or page.specific.save_revision(user=user)
    revision.as_object().full_clean()
    # Wagtail cancels a workflow in progress when the page is published (WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH).
    PublishPageRevisionAction(revision, user=user).execute()
    publication = UnreviewedPublication.objects.create(page=page, revision=revision, reason=reason, published_by=user)
    log(
        instance=page,
        action=FORCE_PUBLISH_ACTION,
        user=user,
        revision=revision,
        data={"reason": reason, "publication": publication.pk},
    )
    return publication


@transaction.atomic
def post_review(publication, *, user, comment=""):
    """Approve a forced publication afterwards (补审通过): the 未经审核发布 flag goes."""
    # Locked so that two reviewers at once give one approval, and a second one finds it done.
    # of=("self",): the row lock must not reach the nullable revision join, which PostgreSQL refuses.
    publication = (
        UnreviewedPublication.objects.select_for_update(of=("self",)).select_related("revision").get(pk=publication.pk)
    )
    refusal = post_review_refusal(user, publication)
    if refusal is not None:
        raise PermissionDenied(refusal)
    publication.reviewed_by = user
    publication.reviewed_at = timezone.now()
    publication.save(update_fields=["reviewed_by", "reviewed_at"])
    log(
        instance=publication.page,
        action=POST_REVIEW_ACTION,
        user=user,
        data={"publication": publication.pk, "reason": publication.reason, "comment": comment},
    )
    return publication
