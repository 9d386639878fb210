"""Admin views for withdrawal (撤稿), forced publication (强制发布) and its review afterwards (补审),
Wagtail's page copy view and admin API held to the workflow (release.publishing.guards), and the public notice
on a withdrawn page's old URL."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from rest_framework.exceptions import PermissionDenied as APIPermissionDenied
from wagtail.admin import messages
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn, UserColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.copy import CopyView
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail_localize.views import convert as localize_convert

from govcms.core.admin_views import PageActionFormView
from release.publishing import actions, guards
from release.publishing.forms import ForcePublishForm, PostReviewForm, WithdrawForm


class WithdrawView(PageActionFormView):
    form_class = WithdrawForm
    template_name = "release/publishing/withdraw.html"
    page_title = gettext_lazy("撤稿")
    header_icon = "download"
    submit_button_label = gettext_lazy("撤稿")

    def is_allowed(self, user, page):
        return actions.can_withdraw(user, page)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["live_pages_below"] = self.page.get_descendants().live().count()
        return context

    def form_valid(self, form):
        below = self.page.get_descendants().live().count()
        actions.withdraw(self.page, user=self.request.user, **form.cleaned_data)
        values = {"title": self.page.get_admin_display_title(), "count": below}
        if below:
            return self.done(_("“%(title)s”及其下 %(count)s 个已发布页面已撤稿。") % values)
        return self.done(_("“%(title)s”已撤稿。") % values)


class ForcePublishView(PageActionFormView):
    form_class = ForcePublishForm
    template_name = "release/publishing/force_publish.html"
    page_title = gettext_lazy("强制发布")
    header_icon = "warning"
    submit_button_label = gettext_lazy("强制发布")

    def is_allowed(self, user, page):
        return actions.can_force_publish(user, page)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["revision"] = self.page.get_latest_revision()
        context["workflow_state"] = self.page.current_workflow_state
        return context

    def form_valid(self, form):
        try:
            publication = actions.force_publish(self.page, user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, _("草稿内容不完整，不能发布：%(errors)s") % {"errors": "；".join(error.messages)})
            return self.form_invalid(form)
        self.page.refresh_from_db()
        if self.page.live and publication.revision.pk == self.page.live_revision_id:
            message = _("“%(title)s”已强制发布，待审核人员补审。")
        else:
            message = _("“%(title)s”已强制发布，将按设定的时间上线，待审核人员补审。")
        return self.done(message % {"title": self.page.get_admin_display_title()})


class PostReviewView(WagtailAdminTemplateMixin, FormView):
    """补审: a reviewer of the site's workflow approves a forced publication afterwards."""

    form_class = PostReviewForm
    template_name = "release/publishing/post_review.html"
    page_title = gettext_lazy("补审")
    header_icon = "tick"

    def dispatch(self, request, publication_id):
        # Publications of pages outside the user's subtrees do not exist as far as they are concerned.
        self.publication = get_object_or_404(actions.visible_publications(request.user), pk=publication_id)
        self.refusal = actions.post_review_refusal(request.user, self.publication)
        return super().dispatch(request, publication_id)

    def get_page_subtitle(self):
        return self.publication.page.specific_deferred.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("release_unreviewed_publications"), "label": UnreviewedPublicationsView.page_title},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            publication=self.publication,
            refusal=self.refusal,
            action_url=self.request.path,
            submit_button_label=_("补审通过"),
        )
        return context

    def form_valid(self, form):
        if self.refusal is not None:
            messages.error(self.request, self.refusal)
            return redirect(self.request.path)
        actions.post_review(self.publication, user=self.request.user, **form.cleaned_data)
        messages.success(
            self.request, _("“%(title)s”补审通过，已取消“未经审核发布”标记。") % {"title": self.get_page_subtitle()}
        )
        return redirect("release_unreviewed_publications")


class PostReviewColumn(Column):
    """The 补审 link of a row."""

    cell_template_name = "release/publishing/post_review_cell.html"


class UnreviewedPublicationsView(ReportView):
    """Reports → 未经审核发布: forced publications of the user's sites still waiting for their review."""

    page_title = gettext_lazy("未经审核发布")
    header_icon = "warning"
    index_url_name = "release_unreviewed_publications"
    index_results_url_name = "release_unreviewed_publications_results"
    any_permission_required = ["add", "change", "publish"]
    no_results_message = gettext_lazy("没有待补审的未经审核发布。")
    columns = [
        TitleColumn(
            "page",
            label=gettext_lazy("页面"),
            get_url=lambda publication: reverse("wagtailadmin_pages:edit", args=[publication.page_id]),
        ),
        UserColumn("published_by", label=gettext_lazy("发布人")),
        DateColumn("published_at", label=gettext_lazy("发布时间")),
        Column("reason", label=gettext_lazy("强制发布理由")),
        PostReviewColumn("post_review", label=gettext_lazy("操作")),
    ]

    @cached_property
    def permission_policy(self):
        # Shown to whoever works on pages anywhere; the rows are limited to their own subtrees.
        return policy_registry.get_by_type(Page)

    def get_queryset(self):
        return actions.visible_publications(self.request.user).pending()


class ReviewedCopyFormMixin:
    """Copies of pages under a workflow start as drafts for those who must go through it.

    "Publish copies" and "alias" (an alias is live when its page is) are not
    offered, and refused if posted anyway.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if actions.publishing_needs_review(self.user, self.page.get_parent()):
            self.fields.pop("publish_copies", None)
            self.fields.pop("alias", None)

    def clean(self):
        cleaned_data = super().clean()
        refusal = guards.copy_refusal(
            self.user,
            self.page,
            cleaned_data.get("new_parent_page") or self.page.get_parent(),
            recursive=bool(cleaned_data.get("copy_subpages")),
            # The raw data: a field taken out of the form is not in cleaned_data.
            keep_live=bool(self.data.get("publish_copies") or self.data.get("alias")),
        )
        if refusal is not None:
            # Wagtail's copy template shows the errors of its fields only.
            self.add_error("new_parent_page", refusal)
        return cleaned_data


class ReviewedCopyView(CopyView):
    """Wagtail's copy view with ReviewedCopyFormMixin; answers at Wagtail's URL (release/admin_urls.py)."""

    def get_form_class(self):
        form_class = super().get_form_class()
        return type(form_class.__name__, (ReviewedCopyFormMixin, form_class), {})


class ReviewedPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    """Wagtail's admin API for pages, whose actions are refused (403) when they would skip the workflow."""

    def action_view(self, request, pk, action_name):
        action_class = self.actions.get(action_name)
        if action_class is not None:
            data = action_class.serializer(data=request.data)
            if data.is_valid():
                refusal = guards.api_action_refusal(request.user, action_name, self.get_object(), data.data)
                if refusal is not None:
                    raise APIPermissionDenied(refusal)
        return super().action_view(request, pk, action_name)


def convert_to_alias(request, page_id):
    """wagtail-localize's convert_to_alias, refused when it would put a draft live (release.publishing.guards)."""
    page = get_object_or_404(Page, id=page_id)
    refusal = guards.alias_conversion_refusal(request.user, page)
    # Those who may not edit the page get wagtail-localize's own refusal.
    if request.method == "POST" and refusal is not None and page.permissions_for_user(request.user).can_edit():
        messages.error(request, refusal)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return localize_convert.convert_to_alias(request, page_id)


def withdrawal_notice(request):
    """The 410 response explaining that the requested page was withdrawn, or None."""
    withdrawal = actions.withdrawal_for_request(request)
    if withdrawal is None:
        return None
    return render(request, "release/withdrawn.html", {"withdrawal": withdrawal}, status=410)
