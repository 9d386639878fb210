"""wagtail-localize's translation views, confined to pages the user may edit.

wagtail-localize 1.14.5 checks only the global "submit translation"
permission: a user holding it could translate, and so create and publish, a
page of any site (shared/reference/security.md). These subclasses add the
page's own permissions: submitting or updating a translation needs edit
rights on the source page, and publishing the updated translations needs
publish rights on it outside any workflow (release.publishing.actions). They
answer at wagtail-localize's own URLs (see release/admin_urls.py).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.models import Page
from wagtail_localize.models import TranslationSource
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from release.publishing.actions import publishing_needs_review


def require_page_permission(user, page, action):
    permissions = page.permissions_for_user(user)
    if action == "publish":
        # Publishing translations of a page under a workflow goes through it.
        allowed = permissions.can_publish() and not publishing_needs_review(user, page)
    else:
        allowed = permissions.can_edit()
    if not allowed:
        raise PermissionDenied


class ScopedSubmitPageTranslationView(SubmitPageTranslationView):
    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, id=kwargs["page_id"])
        require_page_permission(request.user, page, "edit")
        return super().dispatch(request, *args, **kwargs)


class ScopedUpdateTranslationsView(UpdateTranslationsView):
    def dispatch(self, request, *args, **kwargs):
        source = get_object_or_404(TranslationSource, id=kwargs["translation_source_id"])
        instance = source.get_source_instance()
        if isinstance(instance, Page):
            require_page_permission(request.user, instance, "edit")
            if request.method == "POST" and request.POST.get("publish_translations"):
                require_page_permission(request.user, instance, "publish")
        return super().dispatch(request, *args, **kwargs)
