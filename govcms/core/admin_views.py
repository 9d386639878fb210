"""Generic Wagtail admin views that several apps' page actions build on."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page


class PageActionFormView(WagtailAdminTemplateMixin, FormView):
    """A form about one page, for users `is_allowed` lets act on it; back to the page's editor when done."""

    submit_button_label = ""

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, id=page_id).specific
        if not self.is_allowed(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def is_allowed(self, user, page):
        raise NotImplementedError

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]), "label": self.get_page_subtitle()},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page=self.page, action_url=self.request.path, submit_button_label=self.submit_button_label)
        return context

    def form_invalid(self, form):
        messages.validation_error(self.request, _("未执行，请修改以下错误。"), form)
        return super().form_invalid(form)

    def done(self, message):
        messages.success(self.request, message)
        return redirect("wagtailadmin_pages:edit", self.page.pk)
