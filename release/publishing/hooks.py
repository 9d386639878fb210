"""Admin hook functions for publishing outside the workflow: withdrawal (撤稿), forced publication (强制发布),
补审; release/wagtail_hooks.py registers them.

Wagtail offers "Publish" to anyone with publish permission, even on pages
under a workflow, which would skip the 三审. Here it is taken out of the
editor, refused when posted anyway (edit, create, wagtail-localize's
translation editor and bulk publish), and replaced for site administrators by
强制发布, which asks for a reason and flags the page 未经审核发布 until a
reviewer approves it afterwards. The other ways to make a page live (admin
API, copy, move) follow the rules of release.publishing.guards.
"""

from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.permissions import policy_registry

from release.models import UnreviewedPublication
from release.publishing import actions, guards, views

FORCE_PUBLISH_MENU_NAME = "action-force-publish"
PUBLISH_MENU_NAME = "action-publish"


def register_publishing_urls():
    report = views.UnreviewedPublicationsView
    return [
        path("release/pages/<int:page_id>/withdraw/", views.WithdrawView.as_view(), name="release_withdraw"),
        path(
            "release/pages/<int:page_id>/force-publish/",
            views.ForcePublishView.as_view(),
            name="release_force_publish",
        ),
        path("release/unreviewed/", report.as_view(), name="release_unreviewed_publications"),
        path(
            "release/unreviewed/results/",
            report.as_view(results_only=True),
            name="release_unreviewed_publications_results",
        ),
        path(
            "release/unreviewed/<int:publication_id>/",
            views.PostReviewView.as_view(),
            name="release_post_review",
        ),
    ]


def register_publishing_log_actions(log_actions):
    @log_actions.register_action(actions.WITHDRAW_ACTION)
    class WithdrawLogFormatter(LogFormatter):
        label = gettext_lazy("撤稿")

        def format_message(self, log_entry):
            values = {"reason": log_entry.data.get("reason", ""), "title": log_entry.data.get("with_page_title")}
            if values["title"]:
                return _("随上级页面“%(title)s”撤稿，理由：%(reason)s") % values
            return _("撤稿，理由：%(reason)s") % values

    @log_actions.register_action(actions.FORCE_PUBLISH_ACTION)
    class ForcePublishLogFormatter(LogFormatter):
        label = gettext_lazy("强制发布")

        def format_message(self, log_entry):
            return _("未经审核强制发布，理由：%(reason)s") % {"reason": log_entry.data.get("reason", "")}

    @log_actions.register_action(actions.POST_REVIEW_ACTION)
    class PostReviewLogFormatter(LogFormatter):
        label = gettext_lazy("补审通过")

        def format_message(self, log_entry):
            comment = log_entry.data.get("comment")
            if comment:
                return _("强制发布的内容补审通过，意见：%(comment)s") % {"comment": comment}
            return _("强制发布的内容补审通过")


class WithdrawButton(PageMenuItem):
    label = gettext_lazy("撤稿")
    icon_name = "download"
    url_name = "release_withdraw"

    def is_shown(self, user):
        return actions.can_withdraw(user, self.page)


class ForcePublishButton(PageMenuItem):
    label = gettext_lazy("强制发布")
    icon_name = "warning"
    url_name = "release_force_publish"

    def is_shown(self, user):
        return self.page.has_unpublished_changes and actions.can_force_publish(user, self.page)


def publishing_header_buttons(page, user, view_name, next_url=None):
    yield WithdrawButton(page=page, priority=61)
    yield ForcePublishButton(page=page, priority=62)


def publishing_listing_buttons(page, user, next_url=None):
    yield WithdrawButton(page=page, priority=41)


class ForcePublishMenuItem(ActionMenuItem):
    """Saves the draft like "Save draft", then after_edit_page takes the user to the 强制发布 form."""

    label = gettext_lazy("强制发布…")
    name = FORCE_PUBLISH_MENU_NAME
    icon_name = "warning"


def replace_publish_under_workflow(menu_items, request, context):
    """Under a workflow, only superusers keep "Publish"; a site administrator gets 强制发布 instead."""
    page = context.get("page")
    workflow_page = page if page is not None and page.pk else context["parent_page"]
    if not actions.publishing_needs_review(request.user, workflow_page):
        return
    position = next((index for index, item in enumerate(menu_items) if item.name == PUBLISH_MENU_NAME), None)
    if position is None:
        return
    del menu_items[position]
    # New pages are saved as drafts first: force publishing needs a revision to publish.
    if workflow_page is page and actions.can_force_publish(request.user, page):
        menu_items.insert(position, ForcePublishMenuItem())


def refuse_direct_publish(request):
    messages.error(request, guards.PUBLISH_REFUSAL)
    return redirect(request.get_full_path())


def guard_publish_on_edit(request, page):
    """Refuse a posted "Publish" that the menu no longer offers; on display, show the 未经审核发布 flag.

    wagtail-localize's translation editor posts its "Publish" to the same view as action=publish
    (its own before_edit_page hook, which this one precedes).
    """
    if request.method == "POST":
        if (
            (request.POST.get(PUBLISH_MENU_NAME) or request.POST.get("action") == "publish")
            and page.permissions_for_user(request.user).can_publish()
            and actions.publishing_needs_review(request.user, page)
        ):
            return refuse_direct_publish(request)
    else:
        warn_unreviewed_publications(request, page)


def guard_publish_on_create(request, parent_page, page_class):
    if (
        request.method == "POST"
        and request.POST.get(PUBLISH_MENU_NAME)
        and parent_page.permissions_for_user(request.user).can_publish_subpage()
        and actions.publishing_needs_review(request.user, parent_page)
    ):
        return refuse_direct_publish(request)


def continue_to_force_publish(request, page):
    if request.POST.get(FORCE_PUBLISH_MENU_NAME):
        return redirect("release_force_publish", page.pk)


def guard_bulk_publish(request, action_type, objects, action_class_instance):
    if isinstance(action_class_instance, PublishBulkAction) and any(
        actions.publishing_needs_review(request.user, page) for page in objects
    ):
        messages.error(request, _("所选页面中有须经发布流程审核的页面，不能批量发布，请逐一提交审核。"))
        return redirect(action_class_instance.next_url)


def guard_bulk_move(request, action_type, objects, action_class_instance):
    if isinstance(action_class_instance, MoveBulkAction):
        destination = action_class_instance.cleaned_form.cleaned_data["chooser"]
        refusals = (guards.move_refusal(request.user, page, destination) for page in objects)
        refusal = next((refusal for refusal in refusals if refusal is not None), None)
        if refusal is not None:
            messages.error(request, refusal)
            return redirect(action_class_instance.next_url)


def guard_move(request, page, destination):
    """The move view puts the page under `destination` (Wagtail moves its translations along, the same way)."""
    refusal = guards.move_refusal(request.user, page, destination)
    if refusal is not None:
        # Back to choosing a destination, as Wagtail does when the slug is taken there.
        messages.error(request, refusal)
        return redirect("wagtailadmin_pages:move", page.pk)


# The admin API's page endpoint replaced by one applying release.publishing.guards to its actions.
def guard_admin_api_page_actions(router):
    router.register_endpoint("pages", views.ReviewedPagesAdminAPIViewSet)


def warn_unreviewed_publications(request, page):
    """The 未经审核发布 flag in the editor, with the 补审 button for those who may give it."""
    for publication in UnreviewedPublication.objects.pending().filter(page=page).select_related("revision"):
        buttons = []
        if actions.post_review_refusal(request.user, publication) is None:
            buttons.append(messages.button(reverse("release_post_review", args=[publication.pk]), _("补审")))
        messages.warning(
            request,
            _("未经审核发布：%(time)s 由 %(user)s 强制发布，理由：%(reason)s。待审核人员补审。")
            % {
                "time": timezone.localtime(publication.published_at).strftime("%Y-%m-%d %H:%M"),
                "user": publication.published_by or _("（已删除的用户）"),
                "reason": publication.reason,
            },
            buttons=buttons,
        )


def annotate_unreviewed_publications(parent_page, pages, request):
    """For the 未经审核发布 flag in the explorer's status column (wagtailadmin/pages/listing/_page_status_cell.html)."""
    pending = UnreviewedPublication.objects.pending().filter(page=OuterRef("pk"))
    return pages.annotate(has_unreviewed_publication=Exists(pending))


class UnreviewedPublicationsMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(request.user, ["add", "change", "publish"])


def register_unreviewed_publications_report():
    return UnreviewedPublicationsMenuItem(
        gettext_lazy("未经审核发布"),
        reverse("release_unreviewed_publications"),
        name="unreviewed-publications",
        icon_name="warning",
        order=1100,
    )
