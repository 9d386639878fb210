"""Admin views for models that belong to one sub-site (e.g. a site's list of issuing bodies).

Wagtail's generic model views check model permissions, and the delete and copy
views check the instance too, but the edit, history and usage views fetch any
row by its id and the index lists every row. A model with a foreign key to
the HomePage of its site gets both confined here: listings show the rows of
the user's sites, other rows answer 404, and the site field offers only the
user's sites.
"""

from django.contrib.admin.utils import unquote
from django.http import Http404
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from govcms.core.tree import under_any_of
from home.models import HomePage
from sitegroup.permissions import administers_platform, working_roots, works_on

SITE_FIELD = "site_home"
ANY_ACTION = ["add", "change", "delete", "view"]


def homes_user_works_on(user):
    if administers_platform(user):
        return HomePage.objects.all()
    return HomePage.objects.filter(under_any_of([root.path for root in working_roots(user)]))


class SiteScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, limited to rows whose `site_home` lies in a subtree the user works in."""

    def user_has_permission_for_instance(self, user, action, instance):
        home = getattr(instance, SITE_FIELD)
        return self.user_has_permission(user, action) and (administers_platform(user) or works_on(user, home))

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.model._default_manager.filter(**{f"{SITE_FIELD}__in": homes_user_works_on(user)})


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
            form.fields[SITE_FIELD].queryset = homes_user_works_on(self.request.user)
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
