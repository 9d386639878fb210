"""Admin views: the mailbox dashboard and list of letters, a letter's page with its actions, attachments.

Every view works on `access.visible_messages(user)`: a message outside it is a
404, so a county's staff cannot even learn that another county's message exists.
"""

import django_filters
from django import forms
from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.models import ModelLogEntry

from citizen_mailbox import access, dashboard, handling
from citizen_mailbox.forms import validate_attachment
from citizen_mailbox.models import CLOSED_STATUSES, Extension, MailboxDepartment, Message, Status
from govcms.core.spreadsheets import ChineseSpreadsheetMixin, local_time_text
from govcms.core.tree import site_home_model
from govcms.core.wording import brackets
from workdays.calendar import years_without_official_data

# With no state chosen the list shows the open letters (未办结), the work to do; these are the others.
STATUS_CHOICES = [
    ("all", gettext_lazy("全部")),
    ("closed", gettext_lazy("已办结")),
    *Status.choices,
]


def _require_mailbox_access(user):
    if not access.can_use_mailbox_admin(user):
        raise PermissionDenied


class LetterFilterSet(WagtailFilterSet):
    """The list's filters. The view passes the user's visible letters as the queryset,
    so the site and department choices name only what the user may see."""

    status = django_filters.ChoiceFilter(
        label=gettext_lazy("状态"),
        empty_label=gettext_lazy("未办结"),
        choices=STATUS_CHOICES,
        help_text=gettext_lazy("搜索时查找全部来信。"),
        method="filter_status",
    )
    deadline = django_filters.ChoiceFilter(
        label=gettext_lazy("期限"),
        choices=[(name, label) for name, (label, _condition) in dashboard.DEADLINES.items()],
        method="filter_deadline",
    )
    extension = django_filters.ChoiceFilter(
        label=gettext_lazy("延期"), choices=[choice for choice in Extension.choices if choice[0]]
    )
    department = django_filters.ChoiceFilter(label=gettext_lazy("承办部门"), field_name="department_name")
    site = django_filters.ModelChoiceFilter(
        label=gettext_lazy("站点"), field_name="site_home", queryset=site_home_model().objects.none()
    )

    class Meta:
        model = Message
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        visible = self.queryset
        sites = site_home_model().objects.filter(pk__in=visible.values("site_home")).order_by("path")
        if sites.count() > 1:
            self.filters["site"].queryset = sites
        else:  # nothing to choose
            del self.filters["site"]
        names = visible.exclude(department_name="").order_by("department_name").values_list("department_name")
        self.filters["department"].extra["choices"] = [(name, name) for (name,) in names.distinct()]

    def filter_status(self, queryset, name, value):
        if value == "all":
            return queryset
        if value == "closed":
            return queryset.filter(status__in=CLOSED_STATUSES)
        return queryset.filter(status=value)

    def filter_deadline(self, queryset, name, value):
        return dashboard.with_deadline(queryset, value)


def status_text(message):
    """待受理, or 办理中（已延期）: the state and, when asked for, the extension."""
    status = message.get_status_display()
    return status + brackets(message.get_extension_display()) if message.extension else status


def due_text(message):
    due = message.due_date.isoformat()
    return due + brackets(_("已超期")) if message.is_overdue() else due


def yes_or_no(value):
    return _("是") if value else _("否")


# The list's earlier single filter (?filter=…) in terms of today's filters.
LEGACY_FILTERS = {
    "open": "",
    "overdue": "deadline=overdue",
    "extended": f"extension={Extension.APPROVED}",
    "closed": "status=closed",
    "all": "status=all",
}


class LetterIndexView(ChineseSpreadsheetMixin, IndexView):
    """The letters the user may see (`access.visible_messages`), with the dashboard above them.

    Letters are written by citizens and changed only by the handling actions on
    a letter's page, so this is a list only: no add, edit or delete. Access is
    the mailbox's own (`access.can_use_mailbox_admin`), not model permissions.
    """

    model = Message
    template_name = "mailbox/admin/index.html"
    index_url_name = "mailbox_admin_index"
    index_results_url_name = "mailbox_admin_index_results"
    page_title = gettext_lazy("政民互动信箱")
    header_icon = "mail"
    permission_policy = None
    any_permission_required = None
    paginate_by = 50
    filterset_class = LetterFilterSet
    search_fields = ["subject", "tracking_code", "content"]
    default_ordering = "due_date"
    columns = [
        TitleColumn("tracking_code", label=gettext_lazy("查询码"), url_name="mailbox_admin_detail"),
        Column("subject", label=gettext_lazy("标题")),
        Column("site", label=gettext_lazy("站点"), accessor="site_home.title"),
        Column("status", label=gettext_lazy("状态"), accessor=status_text),
        Column(
            "department_name", label=gettext_lazy("承办部门"), accessor=lambda message: message.department_name or "—"
        ),
        Column(
            "received_at",
            label=gettext_lazy("来信时间"),
            accessor=lambda message: local_time_text(message.received_at)[:16],
            sort_key="received_at",
        ),
        Column("due_date", label=gettext_lazy("答复期限"), accessor=due_text, sort_key="due_date"),
    ]
    # What the list shows, never the citizen's name, phone, e-mail or letter; the
    # subject masked as on public pages, since exported files travel (docs/mailbox.md).
    list_export = [
        "tracking_code",
        "public_subject",
        "site_home.title",
        "channel_name",
        "get_status_display",
        "get_extension_display",
        "department_name",
        "received_at",
        "due_date",
        "is_overdue",
        "closed_at",
    ]
    export_headings = {
        "tracking_code": gettext_lazy("查询码"),
        "public_subject": gettext_lazy("标题（已隐去个人信息）"),
        "site_home.title": gettext_lazy("站点"),
        "channel_name": gettext_lazy("类别"),
        "get_status_display": gettext_lazy("状态"),
        "get_extension_display": gettext_lazy("延期"),
        "department_name": gettext_lazy("承办部门"),
        "received_at": gettext_lazy("来信时间"),
        "due_date": gettext_lazy("答复期限"),
        "is_overdue": gettext_lazy("已超期"),
        "closed_at": gettext_lazy("办结时间"),
    }
    custom_field_preprocess = {"is_overdue": {"csv": yes_or_no, "xlsx": yes_or_no}}

    def dispatch(self, request, *args, **kwargs):
        _require_mailbox_access(request.user)
        legacy = LEGACY_FILTERS.get(request.GET.get("filter"))
        if legacy is not None:
            # Bookmarks and e-mails from before the filters (?filter=closed …) open the same letters.
            return redirect(f"{request.path}?{legacy}")
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"mailbox-letters-{timezone.localdate().isoformat()}"

    @cached_property
    def visible(self):
        return access.visible_messages(self.request.user)

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "queryset": self.visible}

    def get_base_queryset(self):
        return self.visible.select_related("site_home")

    def filter_queryset(self, queryset):
        # Open letters unless a state is chosen; a search (often a tracking code read out
        # over the phone) looks through them all.
        if not self.request.GET.get("status") and not self.is_searching:
            queryset = queryset.open()
        return super().filter_queryset(queryset)

    def order_queryset(self, queryset):
        # Ties broken, for a stable order across pages.
        return queryset.order_by(self.ordering, "received_at", "pk")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if not self.results_only:  # the figures stay put while the list below is filtered
            context["dashboard"] = dashboard.build(self.visible)
            context["missing_years"] = years_without_official_data()
        return context


class ActionForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=5000)
    department = forms.ModelChoiceField(queryset=MailboxDepartment.objects.none(), required=False)
    attachment = forms.FileField(required=False, validators=[validate_attachment])

    def __init__(self, *args, action, message, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if action.text_label:
            self.fields["text"].label = action.text_label
        else:
            del self.fields["text"]
        if action.needs_department:
            self.fields["department"].queryset = MailboxDepartment.objects.filter(page_id=message.mailbox_id)
            self.fields["department"].label = _("承办部门")
        else:
            del self.fields["department"]
        if action.allows_attachment:
            self.fields["attachment"].label = _("答复附件（选填）")
        else:
            del self.fields["attachment"]


def detail(request, pk):
    _require_mailbox_access(request.user)
    message = get_object_or_404(access.visible_messages(request.user).select_related("department"), pk=pk)
    return _render_detail(request, message)


def _render_detail(request, message, failed_form=None, status=200):
    actions = handling.available_actions(request.user, message)
    forms_by_action = [
        (
            action,
            failed_form
            if failed_form is not None and failed_form.action == action
            else ActionForm(action=action, message=message, prefix=action.name),
        )
        for action in actions
    ]
    history = ModelLogEntry.objects.for_instance(message).select_related("user").order_by("timestamp")
    return TemplateResponse(
        request,
        "mailbox/admin/detail.html",
        {"message": message, "action_forms": forms_by_action, "history": history},
        status=400 if failed_form is not None else status,
    )


@require_POST
def act(request, pk, action_name):
    _require_mailbox_access(request.user)
    message = get_object_or_404(access.visible_messages(request.user), pk=pk)
    action = handling.ACTIONS.get(action_name)
    if action is None:
        raise Http404
    form = ActionForm(request.POST, request.FILES, action=action, message=message, prefix=action.name)
    if form.is_valid():
        try:
            handling.perform(message, action.name, request.user, **form.cleaned_data)
        except PermissionDenied:
            # Answered here rather than by Wagtail's redirect to the dashboard: the handler stays on the message.
            flash.error(request, _("您没有权限“%(action)s”。") % {"action": action.label})
            return _render_detail(request, message, status=403)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            flash.success(request, _("已%(action)s。") % {"action": action.label})
            return redirect("mailbox_admin_detail", pk=message.pk)
    return _render_detail(request, message, failed_form=form)


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def attachment(request, pk, which):
    """A message's private file, for those who may see the message."""
    _require_mailbox_access(request.user)
    message = get_object_or_404(access.visible_messages(request.user), pk=pk)
    field, name = {
        "message": (message.attachment, message.attachment_name),
        "reply": (message.reply_attachment, message.reply_attachment_name),
    }.get(which, (None, None))
    if not field:
        raise Http404
    response = FileResponse(field.open("rb"), as_attachment=True, filename=name or field.name.rsplit("/", 1)[-1])
    response["X-Content-Type-Options"] = "nosniff"
    return response
