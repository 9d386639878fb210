"""Wagtail's password forms for private pages and collections, with failures counted (accounts.views).

govcms.urls includes each before Wagtail's own patterns (wagtail.urls, wagtail.documents.urls), at the same
paths and names, so these take precedence.
"""

from django.urls import path

from accounts import views

page_password_patterns = [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        views.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
]

document_password_patterns = [
    path(
        "authenticate_with_password/<int:restriction_id>/",
        views.document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]
