"""Admin views: the mailbox dashboard and list, a message's page with its actions, attachments.

Every view works on `access.visible_messages(user)`: a message outside it is a
404, so a county's staff cannot even learn that another county's message exists.
"""

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.models import ModelLogEntry

from citizen_mailbox import access, dashboard, handling
from citizen_mailbox.forms import validate_attachment
from citizen_mailbox.models import CLOSED_STATUSES, Extension, MailboxDepartment
from workdays.calendar import years_without_official_data

FILTERS = {
    "open": gettext_lazy("未办结"),
    "overdue": gettext_lazy("已超期"),
    "extended": gettext_lazy("已延期"),
    "closed": gettext_lazy("已办结"),
    "all": gettext_lazy("全部"),
}


def _require_mailbox_access(user):
    if not access.can_use_mailbox_admin(user):
        raise PermissionDenied


def _filtered(messages, name):
    if name == "overdue":
        return messages.open().filter(due_date__lt=timezone.localdate())
    if name == "extended":
        return messages.filter(extension=Extension.APPROVED)
    if name == "closed":
        return messages.filter(status__in=CLOSED_STATUSES)
    if name == "all":
        return messages
    return messages.open()


def index(request):
    _require_mailbox_access(request.user)
    messages = access.visible_messages(request.user)
    current = request.GET.get("filter") if request.GET.get("filter") in FILTERS else "open"
    listing = _filtered(messages, current).select_related("site_home").order_by("due_date", "received_at")[:200]
    return TemplateResponse(
        request,
        "mailbox/admin/index.html",
        {
            "dashboard": dashboard.build(messages),
            "listing": listing,
            "filters": FILTERS,
            "current_filter": current,
            "current_label": FILTERS[current],
            "missing_years": years_without_official_data(),
        },
    )


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
