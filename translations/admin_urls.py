"""wagtail-localize admin views replaced at their own URLs (included before Wagtail's admin in govcms/urls.py)."""

from django.urls import path

from translations import guards

urlpatterns = [
    path("localize/translate/<int:translation_id>/disable/", guards.refuse_stopping_synchronisation),
]
