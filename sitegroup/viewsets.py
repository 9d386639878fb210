"""Admin views for models that belong to one sub-site (e.g. a site's list of issuing bodies).

Wagtail's generic model views check model permissions, and the delete and copy
views check the instance too, but the edit, history and usage views fetch any
row by its id and the index lists every row. A model with a foreign key to
the HomePage of its site gets both confined here to the user's site scope
(govcms.core.scope.SiteScope): listings show the rows of the user's sites
(every site's for platform administrators), other rows answer 404, and the
site field offers only those sites.
"""

from django.contrib.admin.utils import unquote
from django.http import Http404
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from govcms.core.scope import SiteScope

SITE_FIELD = "site_home"
ANY_ACTION = ["add", "change", "delete", "view"]


class SiteScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, limited to rows whose `site_home` lies in the user's site scope."""

    def user_has_permission_for_instance(self, user, action, instance):
        home = getattr(instance, SITE_FIELD)
        return self.user_has_permission(user, action) and SiteScope.of(user).covers(home)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.model._default_manager.filter(SiteScope.of(user).rows_q(SITE_FIELD))


class ScopedObjectMixin:
    """Fetch the object among the user's rows only; another site's row is not found."""

    def get_object(self, queryset=None):
        rows = self.permission_policy.instances_user_has_any_permission_for(self.request.user, ANY_ACTION)
        try:
            return rows.get(pk=unquote(str(self.kwargs["pk"])))
        except (rows.model.DoesNotExist, ValueError) as error:
            raise Http404 from error


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(self.request.user, ANY_ACTION)


class ScopedFormMixin:
    """The site field offers only the sites the user works in."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if SITE_FIELD in form.fields:
            form.fields[SITE_FIELD].queryset = SiteScope.of(self.request.user).site_homes()
        return form


class ScopedCreateView(ScopedFormMixin, generic.CreateView):
    pass


class ScopedEditView(ScopedObjectMixin, ScopedFormMixin, generic.EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class ScopedHistoryView(ScopedObjectMixin, history.HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, usage.UsageView):
    pass


class SiteScopedModelViewSet(ModelViewSet):
    """A ModelViewSet for a model with a `site_home` foreign key; register SiteScopedPermissionPolicy for it."""

    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False
