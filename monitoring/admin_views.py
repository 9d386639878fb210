"""Admin views of monitoring (监测考核): the site list, a site's scorecard with its trend, 立即监测, and
merging or closing a column from the scorecard's evidence; the dashboard panel.

Every view checks the permission (monitoring.view_scorecard, or for columns the site's 管理员 record,
monitoring.columns) and the site against the user's scope, on every request and for every submitted id.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from govcms.core.scope import SiteScope
from monitoring import columns, scorecard
from monitoring.charts import trend_chart
from monitoring.items import PASSING_SCORE

SITE_LIST_TITLE = gettext_lazy("站点监测")  # as its entry in the 监测考核 menu and the scorecards' titles


def _require_scorecards(user):
    if not scorecard.may_view_scorecards(user):
        raise PermissionDenied


# --- The site list ---------------------------------------------------------------------------------


class SiteListView(WagtailAdminTemplateMixin, TemplateView):
    """Every site of the user's scope with its latest snapshot, the worst first (or as sorted)."""

    page_title = SITE_LIST_TITLE
    header_icon = "warning"
    template_name = "monitoring/admin/site_list.html"

    def dispatch(self, request, *args, **kwargs):
        _require_scorecards(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ordering = self.request.GET.get("ordering", scorecard.DEFAULT_ORDERING)
        if ordering not in scorecard.ORDERINGS:
            ordering = scorecard.DEFAULT_ORDERING
        headings = []
        for key, label in (("title", _("站点")), ("status", _("结论")), ("score", _("得分"))):
            current = ordering.lstrip("-") == key
            # A second click reverses; status starts worst first, the score lowest first.
            next_ordering = f"-{key}" if ordering == key else key
            headings.append(
                {
                    "label": label,
                    "url": f"?ordering={next_ordering}",
                    "sort": ("descending" if ordering.startswith("-") else "ascending") if current else "",
                }
            )
        context.update(rows=scorecard.site_rows(self.request.user, ordering), headings=headings, ordering=ordering)
        return context


# --- A site's scorecard ------------------------------------------------------------------------------


class ScorecardView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "warning"
    template_name = "monitoring/admin/scorecard.html"

    def dispatch(self, request, home_id):
        _require_scorecards(request.user)
        self.home = scorecard.home_in_scope(request.user, home_id)
        return super().dispatch(request)

    def get_page_title(self):
        return _("站点监测：%(site)s") % {"site": self.home.title}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("monitoring_sites"), "label": SITE_LIST_TITLE},
            {"url": "", "label": self.home.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        points = scorecard.trend(self.home)
        audit = scorecard.latest_audits(type(self.home).objects.filter(pk=self.home.pk)).get(self.home.pk)
        context.update(
            home=self.home,
            audit=audit,
            status_label=scorecard.status_label(audit.status) if audit else "",
            items=scorecard.item_rows(audit) if audit else [],
            points=points,
            chart=trend_chart(points),
            passing_score=PASSING_SCORE,
            manages_columns=columns.may_manage_columns(self.request.user, self.home),
            may_run_audit=self.request.user.has_perm(scorecard.RUN_PERMISSION),
        )
        return context


scorecard_view = ScorecardView.as_view()
site_list_view = SiteListView.as_view()


@require_POST
def run_audit(request, home_id):
    """立即监测: audit the site now (today's snapshot is replaced) and show its scorecard."""
    _require_scorecards(request.user)
    if not request.user.has_perm(scorecard.RUN_PERMISSION):
        raise PermissionDenied
    home = scorecard.home_in_scope(request.user, home_id)
    from monitoring.audit import audit_site  # the computation, imported when used (monitoring.audit)

    audit = audit_site(home)
    messages.success(
        request,
        _("已完成“%(site)s”的监测：%(status)s，%(score)s分。")
        % {"site": home.title, "status": scorecard.status_label(audit.status), "score": audit.score},
    )
    return redirect("monitoring_scorecard", home.pk)


# --- Merging and closing columns (monitoring.columns) ----------------------------------------------------


class ColumnActionView(WagtailAdminTemplateMixin, FormView):
    """A confirmation page and its POST for one column, for the administrators of the column's site."""

    header_icon = "folder-open-inverse"

    def dispatch(self, request, page_id):
        self.column, self.home = columns.site_column(page_id)
        if self.column is None:
            raise Http404
        if not columns.may_manage_columns(request.user, self.home):
            raise PermissionDenied
        self.refusal = columns.column_refusal(self.column, self.home)
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.column.title

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if scorecard.homes_in_scope(self.request.user).filter(pk=self.home.pk).exists():
            items += [
                {"url": reverse("monitoring_sites"), "label": SITE_LIST_TITLE},
                {"url": reverse("monitoring_scorecard", args=[self.home.pk]), "label": self.home.title},
            ]
        return [*items, {"url": "", "label": self.get_page_title(), "sublabel": self.column.title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            column=self.column,
            home=self.home,
            refusal=self.refusal,
            action_url=self.request.path,
            back_url=self.back_url(),
            live_pages=self.column.get_descendants().live().count(),
            children=self.column.get_children().count(),
        )
        return context

    def back_url(self):
        if scorecard.homes_in_scope(self.request.user).filter(pk=self.home.pk).exists():
            return reverse("monitoring_scorecard", args=[self.home.pk])
        return reverse("wagtailadmin_explore", args=[self.column.get_parent().pk])

    def post(self, request, *args, **kwargs):
        if self.refusal:
            messages.error(request, self.refusal)
            return redirect(self.back_url())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            message = self.act(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        # The scorecard the administrator returns to shows the site without the column: today's snapshot is
        # taken again (as 立即监测 does), else the merged or closed column stays listed as blank or stale.
        from monitoring.audit import audit_site

        audit_site(self.home)
        messages.success(self.request, message)
        return redirect(self.back_url())

    def form_invalid(self, form):
        messages.validation_error(self.request, _("未执行，请修改以下错误。"), form)
        return super().form_invalid(form)


class MergeForm(forms.Form):
    target = forms.TypedChoiceField(label=gettext_lazy("并入栏目"), coerce=int)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = {target.pk: target for target in targets}
        self.fields["target"].choices = [
            (target.pk, " / ".join(ancestor for ancestor in target.titles)) for target in targets
        ]


class MergeColumnView(ColumnActionView):
    page_title = gettext_lazy("合并栏目")
    template_name = "monitoring/admin/merge_column.html"
    form_class = MergeForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        targets = [] if self.refusal else columns.merge_targets(self.column, self.home)
        for target in targets:
            # The path below the site home, to tell columns of the same name apart.
            target.titles = [
                page.title for page in target.get_ancestors(inclusive=True).filter(depth__gt=self.home.depth)
            ]
        kwargs["targets"] = targets
        return kwargs

    def act(self, form):
        target = form.targets[form.cleaned_data["target"]]
        moved = columns.merge_column(self.column, target, self.request.user)
        return _("已将“%(column)s”并入“%(target)s”：移动%(count)s个页面，原地址转向目标栏目。") % {
            "column": self.column.title,
            "target": target.title,
            "count": len(moved),
        }


class CloseColumnView(ColumnActionView):
    page_title = gettext_lazy("关闭栏目")
    template_name = "monitoring/admin/close_column.html"
    form_class = forms.Form

    def get_context_data(self, **kwargs):
        return super().get_context_data(parent=self.column.get_parent(), **kwargs)

    def act(self, form):
        count = columns.close_column(self.column, self.request.user)
        return _("已关闭“%(column)s”：%(count)s个页面取消发布，原地址转向“%(parent)s”。") % {
            "column": self.column.title,
            "count": count,
            "parent": self.column.get_parent().title,
        }


# --- Dashboard panel ---------------------------------------------------------------------------------


class ScorecardPanel(Component):
    """The dashboard's 监测考核: a site administrator's own sites, or the platform's worst sites."""

    name = "monitoring_scorecard"
    order = 55
    template_name = "monitoring/admin/dashboard_panel.html"

    def __init__(self, rows, platform_wide):
        self.rows = rows
        self.platform_wide = platform_wide

    def get_context_data(self, parent_context=None):
        return {
            "rows": [
                {"row": row, "failing": scorecard.failing_items(row.audit) if row.audit else []} for row in self.rows
            ],
            "platform_wide": self.platform_wide,
        }


def scorecard_panel(request, panels):
    """construct_homepage_panels: for holders of monitoring.view_scorecard."""
    user = request.user
    if not scorecard.may_view_scorecards(user):
        return
    if SiteScope.of(user).platform_wide:
        panels.append(ScorecardPanel(scorecard.worst_sites(user), platform_wide=True))
        return
    rows = scorecard.own_sites(user)
    if rows:
        panels.append(ScorecardPanel(rows, platform_wide=False))
