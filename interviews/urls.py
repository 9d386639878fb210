"""Public URLs of the interviews app outside Wagtail's page routing (included from govcms/urls.py)."""

from django.urls import path

from interviews.live import live_json

app_name = "interviews"

urlpatterns = [
    # Polled every few seconds by every open interview page: a plain view, no page routing (interviews.live).
    path("interviews/<int:page_id>/live.json", live_json, name="live_json"),
]
