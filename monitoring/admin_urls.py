"""Admin URLs of the scorecard and the column lifecycle (registered by monitoring.wagtail_hooks)."""

from django.urls import path

from monitoring import admin_views


def register_admin_urls():
    return [
        path("monitoring/sites/", admin_views.site_list_view, name="monitoring_sites"),
        path("monitoring/sites/<int:home_id>/", admin_views.scorecard_view, name="monitoring_scorecard"),
        path("monitoring/sites/<int:home_id>/run/", admin_views.run_audit, name="monitoring_run_audit"),
        path(
            "monitoring/columns/<int:page_id>/merge/",
            admin_views.MergeColumnView.as_view(),
            name="monitoring_merge_column",
        ),
        path(
            "monitoring/columns/<int:page_id>/close/",
            admin_views.CloseColumnView.as_view(),
            name="monitoring_close_column",
        ),
    ]
