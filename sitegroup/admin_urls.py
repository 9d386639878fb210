"""Admin endpoints that Wagtail does not confine to the user's sites.

govcms/urls.py includes these under admin/ ahead of Wagtail's admin URLs, so
the same paths (and Wagtail's own URL names) resolve to the scoped views.
There is no hook for these views; see docs/administrators.md.
"""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from sitegroup import views

urlpatterns = decorate_urlpatterns(
    [
        path("choose-page/<int:parent_page_id>/", views.ScopedPageBrowseView.as_view()),
        path("choose-page/chosen-multiple/", views.ScopedChosenMultipleView.as_view()),
    ],
    lambda view: never_cache(require_admin_access(view)),
)
