from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.auth import permission_required
from wagtail.admin.views import chooser
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry

from govcms.core.hooks import hooks_in_app_order
from govcms.core.provisioning import PROVISIONED_SITE_WARNINGS_HOOK
from govcms.core.scope import SiteScope
from govcms.core.wording import join_words
from sitegroup.forms import ProvisionSubsiteForm
from sitegroup.holding import governing_site
from sitegroup.models import SiteIdentity
from sitegroup.provisioning import PROVISION_PERMISSION, provision_subsite


@method_decorator(permission_required(PROVISION_PERMISSION), name="dispatch")
class ProvisionSubsiteView(WagtailAdminTemplateMixin, FormView):
    """Settings → 开设下级站点: open a sub-site with its columns, collection, groups and Site."""

    form_class = ProvisionSubsiteForm
    template_name = "sitegroup/provision_subsite.html"
    page_title = gettext_lazy("开设下级站点")
    header_icon = "site"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = reverse("sitegroup_provision_subsite")
        context["submit_button_label"] = _("开设")
        context["submit_button_active_label"] = _("正在开设…")
        context["media"] = context["form"].media
        return context

    def form_valid(self, form):
        try:
            result = provision_subsite(**form.provisioning_arguments(), user=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if result.changed:
            messages.success(
                self.request,
                _("已开设“%(site)s”：%(items)s。") % {"site": result.home.title, "items": join_words(result.created)},
            )
        else:
            messages.info(self.request, _("“%(site)s”已存在，未作更改。") % {"site": result.home.title})
        self.warn_if_held(result)
        for warnings in hooks_in_app_order(PROVISIONED_SITE_WARNINGS_HOOK):
            for warning in warnings(result):
                messages.warning(self.request, warning)
        if SiteScope.of(self.request.user).works_on(result.home):
            return redirect("wagtailadmin_explore", result.home.pk)
        # Platform administrators without page permissions cannot open the explorer there.
        return redirect("sitegroup_provision_subsite")

    def warn_if_held(self, result):
        site = result.site or governing_site(result.home)
        missing = SiteIdentity.for_site(site).missing_fields() if site is not None else []
        if missing:
            messages.warning(
                self.request,
                _("“%(site)s”尚未向公众开放：请在“设置 → 网站标识”中填写%(fields)s，填写完整后即对公众开放。")
                % {"site": site.site_name or site.hostname, "fields": join_words(map(str, missing))},
            )

    def form_invalid(self, form):
        messages.validation_error(self.request, _("站点未开设，请修改以下错误。"), form)
        return super().form_invalid(form)


def chooser_pages(request):
    """Every page the page chooser may offer, as filtered by the construct_page_chooser_queryset hooks."""
    pages = Page.objects.all()
    for hook in hooks.get_hooks("construct_page_chooser_queryset"):
        pages = hook(pages, request)
    return pages


class ScopedPageBrowseView(chooser.BrowseView):
    """Wagtail's page chooser browse step, refusing to open a parent page outside the chooser's scope.

    Wagtail filters the children through the hooks but shows the parent page
    itself, choosable and titled with its draft title, for any page id.
    """

    def get(self, request, parent_page_id=None):
        if parent_page_id is not None and not chooser_pages(request).filter(pk=parent_page_id).exists():
            raise Http404
        return super().get(request, parent_page_id)


class ScopedChosenMultipleView(chooser.ChosenMultipleView):
    """Wagtail's multiple-choice page chooser result, for pages within the chooser's scope only.

    Wagtail returns the title, URL and parent of any page id it is given.
    """

    def get(self, request):
        requested = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        allowed = chooser_pages(request).filter(pk__in=requested).values_list("pk", flat=True)
        request.GET = request.GET.copy()
        request.GET.setlist("id", [str(pk) for pk in allowed])
        return super().get(request)


class CollectionScopedMixin:
    """Limit an admin API endpoint to the images or documents the user may use in the admin."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        allowed = policy.instances_user_has_any_permission_for(self.request.user, ["add", "change", "delete", "choose"])
        return super().get_queryset().filter(pk__in=allowed.values("pk"))


class ScopedImagesAdminAPIViewSet(CollectionScopedMixin, ImagesAdminAPIViewSet):
    pass


class ScopedDocumentsAdminAPIViewSet(CollectionScopedMixin, DocumentsAdminAPIViewSet):
    pass
