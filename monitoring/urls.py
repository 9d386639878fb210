"""Public URLs of monitoring outside Wagtail's page routing (included from govcms/urls.py): the
我为政府网站找错 form of a site and the feedback form of a page (monitoring.public_views)."""

from django.urls import path

from monitoring import public_views
from translations.public import offered_language_only

app_name = "monitoring"

# Under /en/ as well (govcms/urls.py), on the sites that offer English: an English reader reports in English.
urlpatterns = [
    path("zhaocuo/<int:site_id>/", offered_language_only(public_views.error_report), name="error_report"),
    path("pingjia/<int:page_id>/", offered_language_only(public_views.feedback), name="feedback"),
]
