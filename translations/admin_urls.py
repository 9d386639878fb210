"""wagtail-localize admin views replaced at their own URLs (included before Wagtail's admin in govcms/urls.py)."""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from translations import guards

urlpatterns = decorate_urlpatterns(
    [path("localize/translate/<int:translation_id>/disable/", guards.refuse_stopping_synchronisation)],
    # Like every admin view: admin access first (release/admin_urls.py does the same).
    lambda view: never_cache(require_admin_access(view)),
)
