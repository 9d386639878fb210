"""Wagtail (and wagtail-localize) admin views replaced by ones held to the release workflow.

govcms/urls.py includes these under admin/ ahead of Wagtail's admin URLs, so
the same paths (and Wagtail's own URL names) resolve to these views; see
sitegroup/admin_urls.py for the same arrangement.
"""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from release.publishing import localize, views
from release.workflow.views import ReviewingEditView

urlpatterns = decorate_urlpatterns(
    [
        path("pages/<int:page_id>/edit/", ReviewingEditView.as_view()),
        path("pages/<int:page_id>/copy/", views.ReviewedCopyView.as_view()),
        path("localize/page/<int:page_id>/convert_to_alias/", views.convert_to_alias),
        # wagtail-localize's translation views with page permissions (release/publishing/localize.py).
        path("localize/submit/page/<int:page_id>/", localize.ScopedSubmitPageTranslationView.as_view()),
        path("localize/update/<int:translation_source_id>/", localize.ScopedUpdateTranslationsView.as_view()),
    ],
    lambda view: never_cache(require_admin_access(view)),
)
