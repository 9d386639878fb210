"""Admin endpoints that Wagtail does not confine to the user's sites.

govcms/urls.py includes these under admin/ ahead of Wagtail's admin URLs, so
the same paths (and Wagtail's own URL names) resolve to the scoped views.
There is no hook for these views; see docs/administrators.md.
"""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from sitegroup import scoped_lists, views, workflow_views

urlpatterns = decorate_urlpatterns(
    [
        path("choose-page/<int:parent_page_id>/", views.ScopedPageBrowseView.as_view()),
        path("choose-page/chosen-multiple/", views.ScopedChosenMultipleView.as_view()),
        # Workflow views naming a page, its workflow and task: only for those who may see the page.
        path(
            "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
            workflow_views.workflow_action,
        ),
        path(
            "pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
            workflow_views.collect_workflow_action_data,
        ),
        path("pages/workflow/confirm_cancellation/<int:page_id>/", workflow_views.confirm_workflow_cancellation),
        path("pages/workflow/preview/<int:page_id>/<int:task_id>/", workflow_views.workflow_preview),
        path("workflows/task_chooser/", workflow_views.task_chooser),
        path("workflows/task_chooser/results/", workflow_views.task_chooser_results),
        path("workflows/task_chooser/create/", workflow_views.task_chooser_create),
        path("workflows/task_chooser/<int:task_id>/", workflow_views.task_chosen),
        # Lists and pickers confined to the user's sites (sitegroup/scoped_lists.py).
        path("reports/site-history/", scoped_lists.ScopedSiteHistoryView.as_view()),
        path("reports/site-history/results/", scoped_lists.ScopedSiteHistoryView.as_view(results_only=True)),
        path("reports/workflow/", scoped_lists.PlatformWideWorkflowView.as_view()),
        path("reports/workflow/results/", scoped_lists.PlatformWideWorkflowView.as_view(results_only=True)),
        path("reports/workflow_tasks/", scoped_lists.PlatformWideWorkflowTasksView.as_view()),
        path("reports/workflow_tasks/results/", scoped_lists.PlatformWideWorkflowTasksView.as_view(results_only=True)),
        path("tag-autocomplete/", scoped_lists.tag_autocomplete),
        path("tag-autocomplete/<slug:app_name>/<slug:model_name>/", scoped_lists.tag_autocomplete),
        path("documents/", scoped_lists.ScopedDocumentIndexView.as_view()),
        path("documents/results/", scoped_lists.ScopedDocumentIndexView.as_view(results_only=True)),
        path("images/", scoped_lists.ScopedImageIndexView.as_view()),
        path("images/results/", scoped_lists.ScopedImageIndexView.as_view(results_only=True)),
        path("images/chooser/", scoped_lists.scoped_image_chooser.choose_view),
        path("localize/reports/translations/", scoped_lists.ScopedTranslationsReportView.as_view()),
        path(
            "localize/reports/translations/results/",
            scoped_lists.ScopedTranslationsReportView.as_view(results_only=True),
        ),
    ],
    lambda view: never_cache(require_admin_access(view)),
)
