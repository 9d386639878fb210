"""Wagtail's and wagtail-localize's generic admin lists and pickers, confined to the user's sites (issue 12, item 4).

Wagtail builds these lists and filter choices from the whole platform: the page listings' 所有者 and
编辑者 filters and the workflow report's 提交人 filter name every user who ever owned a page or asked
for a review, the site history's user filter everyone who acted, the workflow reports' workflow and
task filters every site's workflows, tag autocompletion and the media libraries' tag filters every
tag, and wagtail-localize's translations report every site's translations with their draft titles.

Two ways in, as Wagtail offers no hook for any of them:

* `scope_filter_choices()` (called from sitegroup.apps) gives the filters Wagtail declares on its
  filter sets a queryset computed per request, within the viewer's scope;
* views whose lists are built in code are subclassed here and mounted at Wagtail's paths by
  sitegroup/admin_urls.py.
"""

import copy

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, IntegerField, Q, Value
from django.db.models.functions import Cast
from django.db.models.sql.where import WhereNode
from django.http import Http404, JsonResponse
from taggit.models import Tag, TaggedItem
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.admin.views.reports.workflows import (
    WorkflowReportFilterSet,
    WorkflowTasksReportFilterSet,
    WorkflowTasksView,
    WorkflowView,
)
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT
from wagtail.documents import get_document_model
from wagtail.documents.views.documents import DocumentsFilterSet
from wagtail.documents.views.documents import IndexView as DocumentIndexView
from wagtail.images import get_image_model
from wagtail.images.views.chooser import ImageChooseView
from wagtail.images.views.chooser import viewset as image_chooser_viewset
from wagtail.images.views.images import ImagesFilterSet
from wagtail.images.views.images import IndexView as ImageIndexView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import ModelLogEntry, Page, Task, Workflow, WorkflowPage, get_page_models
from wagtail.permissions import policy_registry
from wagtail_localize.views.report import TranslationsReportView

from govcms.core.scope import SiteScope
from govcms.core.tree import site_home_model

# --- Who and what a filter may offer -------------------------------------------------------------


def colleagues_of(request):
    return SiteScope.of(request.user).colleagues()


def workflows_of(request):
    """Workflows assigned to pages the user may browse (their subtrees and the pages above them)."""
    scope = SiteScope.of(request.user)
    if scope.platform_wide:
        return Workflow.objects.all()
    assigned = WorkflowPage.objects.filter(page__in=Page.objects.filter(scope.chooser_q()))
    return Workflow.objects.filter(pk__in=assigned.values("workflow_id"))


def tasks_of(request):
    return Task.objects.filter(workflow_tasks__workflow__in=workflows_of(request)).distinct()


def scoped_queryset(original, in_scope):
    """A filter's queryset (`original`, or a callable of the request giving it), less the rows outside the scope."""

    def queryset(request):
        rows = original(request) if callable(original) else original
        return rows.filter(pk__in=in_scope(request).values("pk"))

    queryset.scoped = True
    return queryset


# (filter set, filter name, the rows in the viewer's scope)
SCOPED_FILTERS = (
    (PageFilterSet, "owner", colleagues_of),
    (PageFilterSet, "edited_by", colleagues_of),
    (WorkflowReportFilterSet, "requested_by", colleagues_of),
    (WorkflowReportFilterSet, "workflow", workflows_of),
    (WorkflowTasksReportFilterSet, "workflow", workflows_of),
    (WorkflowTasksReportFilterSet, "task", tasks_of),
)


def scope_filter_choices():
    """Confine the choices of Wagtail's declared filters (shared by their subclasses) to the viewer's scope.

    The filter's own queryset stays the first condition (users who own a page, …); a submitted id
    outside the choices fails the filter's validation, so the list is not filtered by it and the
    user is not named.
    """
    for filterset, name, in_scope in SCOPED_FILTERS:
        model_filter = filterset.base_filters[name]
        if not getattr(model_filter.queryset, "scoped", False):
            model_filter.queryset = scoped_queryset(model_filter.queryset, in_scope)


# --- Site history --------------------------------------------------------------------------------


class ScopedSiteHistoryFilterSet(SiteHistoryReportFilterSet):
    def get_users_queryset(self):
        return super().get_users_queryset().filter(pk__in=colleagues_of(self.request).values("pk"))


def site_bound_models():
    """Models whose rows belong to one site by a `site_home` foreign key (a letter, a comment, an error report)."""
    home_model = site_home_model()
    return [
        model
        for model in apps.get_models()
        if any(
            field.name == "site_home" and field.is_relation and field.related_model is home_model
            for field in model._meta.get_fields()
        )
    ]


def other_sites_entries_q(site_ids):
    """The log entries of site-bound rows outside `site_ids` (a row without a site, shared by all, is not)."""
    other = Q(pk__in=[])
    for model in site_bound_models():
        own = model.objects.filter(Q(site_home_id__in=site_ids) | Q(site_home__isnull=True))
        own_ids = own.annotate(object_key=Cast("pk", CharField())).values("object_key")
        other |= Q(content_type=ContentType.objects.get_for_model(model)) & ~Q(object_id__in=own_ids)
    return other


class ScopedSiteHistoryView(LogEntriesView):
    """Wagtail's site history; every entry for platform-wide users, the entries of their own sites for others.

    Wagtail shows a user the entries of the pages they may explore and of the models they hold a permission
    on, so the 审计管理员 (sitegroup.platform), who holds neither, would read nothing: platform-wide users
    read every entry, as superusers do. The union below is LogEntriesView.get_filtered_queryset's.

    A permission on a model is not a site, though: a county's 编辑 who moderates comments held the model's
    permission, and Wagtail showed them the moderation of every county's comments (the moderator's name, the
    letter's subject). Entries of rows that belong to one site (`site_home`) are kept to the user's own sites.
    """

    filterset_class = ScopedSiteHistoryFilterSet

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        scope = SiteScope.of(self.request.user)
        if queryset.model is not ModelLogEntry or scope.platform_wide:
            return queryset
        return queryset.exclude(other_sites_entries_q(scope.own_site_ids))

    def get_filtered_queryset(self):
        if not SiteScope.of(self.request.user).platform_wide:
            return super().get_filtered_queryset()
        self.log_models = list(log_action_registry.get_log_entry_models())
        queryset = None
        for index, log_model in enumerate(self.log_models):
            rows = log_model.objects.values("pk", "timestamp").annotate(
                log_model_index=Value(index, output_field=IntegerField())
            )
            rows = self.filter_queryset(rows).order_by()
            queryset = rows if queryset is None else queryset.union(rows, all=True)
        return queryset.order_by("-timestamp")


class PlatformWideWorkflowReportMixin:
    """Wagtail's workflow reports list the workflows of the pages a user may edit and open only for page
    editors, so the 审计管理员 (sitegroup.platform), who may edit nothing, could read no workflow:
    platform-wide users read every workflow and task, as superusers do. Everyone else keeps Wagtail's."""

    def user_has_any_permission(self, permissions):
        return SiteScope.of(self.request.user).platform_wide or super().user_has_any_permission(permissions)

    def get_queryset(self):
        queryset = super().get_queryset()
        if SiteScope.of(self.request.user).platform_wide:
            # Wagtail's own query (its joins, prefetches and order) without its "pages you may edit" filter.
            queryset.query.where = WhereNode()
        return queryset


class PlatformWideWorkflowView(PlatformWideWorkflowReportMixin, WorkflowView):
    pass


class PlatformWideWorkflowTasksView(PlatformWideWorkflowReportMixin, WorkflowTasksView):
    pass


# --- Tags ----------------------------------------------------------------------------------------


def tags_in_scope(user):
    """Tags of the documents and images the user may use: another site's tags are its own business."""
    items = Q(pk__in=[])
    for model in (get_document_model(), get_image_model()):
        usable = policy_registry.get_by_type(model).instances_user_has_any_permission_for(
            user, ["add", "change", "choose"]
        )
        items |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=usable.values("pk"))
    return Tag.objects.filter(pk__in=TaggedItem.objects.filter(items).values("tag_id"))


def tag_autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag autocompletion, from the tags in the user's scope (taggit's own tags: the only kind here)."""
    if app_name and model_name and (app_name, model_name) != ("taggit", "tag"):
        raise Http404
    term = request.GET.get("term")
    if not term:
        return JsonResponse([], safe=False)
    tags = tags_in_scope(request.user).filter(name__istartswith=term).order_by("name")
    return JsonResponse(list(tags.values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT]), safe=False)


def popular_tags_in_scope(user, model, count=10):
    """Wagtail's popular_tags_for_model, counting only the tags in the user's scope."""
    content_type = ContentType.objects.get_for_model(model)
    return (
        tags_in_scope(user)
        .filter(taggit_taggeditem_items__content_type=content_type)
        .annotate(item_count=Count("taggit_taggeditem_items"))
        .order_by("-item_count", "name")[:count]
    )


class ScopedTagsMixin:
    """A media library's tag filter, offering the popular tags of the user's scope only."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if "tag" in self.filters:
            names = [(tag.name, tag.name) for tag in popular_tags_in_scope(request.user, self._meta.model)]
            if names:
                self.filters["tag"].extra["choices"] = names
            else:
                del self.filters["tag"]


class ScopedDocumentsFilterSet(ScopedTagsMixin, DocumentsFilterSet):
    class Meta(DocumentsFilterSet.Meta):
        pass


class ScopedImagesFilterSet(ScopedTagsMixin, ImagesFilterSet):
    class Meta(ImagesFilterSet.Meta):
        pass


class ScopedDocumentIndexView(DocumentIndexView):
    filterset_class = ScopedDocumentsFilterSet


class ScopedImageIndexView(ImageIndexView):
    filterset_class = ScopedImagesFilterSet


class ScopedImageChooseView(ImageChooseView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["popular_tags"] = popular_tags_in_scope(self.request.user, self.model)
        return context


# Wagtail's image chooser viewset, but with the choose view above (its URL is shadowed in admin_urls).
scoped_image_chooser = copy.copy(image_chooser_viewset)
scoped_image_chooser.choose_view_class = ScopedImageChooseView


# --- wagtail-localize's translations report -------------------------------------------------------


class ScopedTranslationsReportView(TranslationsReportView):
    """Translations of the pages in the user's scope (and of platform-wide snippets), not every site's."""

    def get_queryset(self):
        translations = super().get_queryset()
        scope = SiteScope.of(self.request.user)
        if scope.platform_wide:
            return translations
        page_types = ContentType.objects.get_for_models(*get_page_models()).values()
        pages = Page.objects.filter(scope.pages_q()).values("translation_key")
        return translations.filter(
            ~Q(source__specific_content_type__in=page_types) | Q(source__object_id__in=pages)
        ).order_by("pk")
