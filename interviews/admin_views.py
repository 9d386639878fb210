"""The live console in the admin (URL namespace "interviews_console"): the list of the user's interviews and,
per interview, the broadcast's header, its buttons and its entries.

Every view asks interviews.access.can_run_console first: an interview of a site the user does not run is a
404, so another site's staff learn nothing and change nothing. The actions themselves are interviews.console's,
which check again; a plain form POST and a redirect, so the console works without JavaScript.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govcms.core.tree import SiteIndex, paginate, under_any_of
from interviews import console
from interviews.access import can_run_console, console_site_ids
from interviews.admin_forms import AnnouncementForm, EntryEditForm, EntryForm, ExtendForm
from interviews.models import InterviewPage, InterviewState, QuestionStatus

TEMPLATES = "interviews/admin/"


# --- Who runs which interviews -----------------------------------------------------------------


def has_console_rights(user):
    """Whether the user runs the broadcasts of at least one site (the menu's 在线访谈 and the list)."""
    site_ids = console_site_ids(user)
    return site_ids is None or bool(site_ids)


def console_interviews(user):
    """The interviews whose consoles the user may open: those of their console sites, not of the sites below."""
    interviews = InterviewPage.objects.all()
    site_ids = console_site_ids(user)
    if site_ids is None:
        return interviews
    sites = SiteIndex()
    homes = [home for home in sites.sites if home.pk in site_ids]
    below = {path for home in homes for path in sites.subsite_paths(home)} - {home.path for home in homes}
    return interviews.filter(under_any_of([home.path for home in homes])).exclude(under_any_of(below))


def console_view(view):
    """Open the view for those who run the interview's console (else 404), on a live page only."""

    @wraps(view)
    def wrapped(request, page_id, *args, **kwargs):
        interview = get_object_or_404(InterviewPage, pk=page_id)
        if not can_run_console(request.user, interview):
            raise Http404
        if not interview.live:
            return TemplateResponse(request, TEMPLATES + "not_live.html", {"interview": interview}, status=409)
        return view(request, interview, *args, **kwargs)

    return wrapped


# --- Views -------------------------------------------------------------------------------------


def index(request):
    if not has_console_rights(request.user):
        raise PermissionDenied
    interviews = console_interviews(request.user).select_related("broadcast_record").order_by("-scheduled_start")
    page = paginate(request, interviews)
    sites = SiteIndex()
    rows = [_index_row(interview, sites) for interview in page]
    return TemplateResponse(request, TEMPLATES + "console_index.html", {"page": page, "rows": rows})


def _index_row(interview, sites):
    broadcast = interview.broadcast_or_blank()
    return {
        "interview": interview,
        "site": sites.site_for(interview),
        "state": broadcast.state(interview),
        "end_time": broadcast.end_time(interview),
    }


@console_view
def console_page(request, interview):
    return _render_console(request, interview)


@require_POST
@console_view
def add_entry(request, interview):
    form = EntryForm(request.POST, interview=interview, user=request.user, prefix="entry")
    return _perform(
        request,
        interview,
        form,
        lambda: console.add_entry(interview, request.user, **form.entry_arguments()),
        _("已添加直播记录。"),
        failed=lambda: _render_console(request, interview, entry_form=form, status=400),
    )


@console_view
def edit_entry(request, interview, entry_id):
    entry = get_object_or_404(interview.entries, pk=entry_id, retracted_at__isnull=True)
    if request.method != "POST":
        if _read_only(interview):  # a POST is refused by console.edit_entry, with the same reason
            return _back_read_only(request, interview)
        form = EntryEditForm(initial=_entry_initial(entry), user=request.user, prefix="entry")
        return _render_edit(request, interview, entry, form)
    form = EntryEditForm(request.POST, initial=_entry_initial(entry), user=request.user, prefix="entry")
    return _perform(
        request,
        interview,
        form,
        lambda: console.edit_entry(entry, request.user, **form.changes()),
        _("已修改直播记录。"),
        failed=lambda: _render_edit(request, interview, entry, form, status=400),
    )


@console_view
def retract_entry(request, interview, entry_id):
    """GET: the confirmation (the console's script asks in a dialog instead); POST: retract the entry."""
    entry = get_object_or_404(interview.entries, pk=entry_id, retracted_at__isnull=True)
    if request.method != "POST":
        if _read_only(interview):  # as for edit_entry
            return _back_read_only(request, interview)
        return TemplateResponse(request, TEMPLATES + "retract_confirm.html", {"interview": interview, "entry": entry})
    return _perform_button(
        request, interview, lambda: console.retract_entry(entry, request.user), _("已撤回直播记录。")
    )


@require_POST
@console_view
def pin(request, interview):
    form = AnnouncementForm(request.POST, prefix="announcement")
    return _perform(
        request,
        interview,
        form,
        lambda: console.pin_announcement(interview, request.user, form.cleaned_data["announcement"]),
        _("已更新置顶公告。"),
        failed=lambda: _render_console(request, interview, announcement_form=form, status=400),
    )


@require_POST
@console_view
def start(request, interview):
    return _perform_button(request, interview, lambda: console.start_early(interview, request.user), _("访谈已开始。"))


@require_POST
@console_view
def extend(request, interview):
    form = ExtendForm(request.POST, prefix="extend")
    return _perform(
        request,
        interview,
        form,
        lambda: console.extend(interview, request.user, form.cleaned_data["until"]),
        _("已延长访谈。"),
        failed=lambda: _render_console(request, interview, extend_form=form, status=400),
    )


@console_view
def end(request, interview):
    """GET: the confirmation; POST: end the interview and freeze its transcript."""
    if request.method != "POST":
        refusal = _end_refusal(interview)
        if refusal:
            messages.error(request, refusal)
            return redirect("interviews_console:console", interview.pk)
        context = {"interview": interview, "entry_count": _standing_entries(interview).count()}
        return TemplateResponse(request, TEMPLATES + "end_confirm.html", context)
    return _perform_button(
        request, interview, lambda: console.end_interview(interview, request.user), _("访谈已结束，文字实录已发布。")
    )


# --- Helpers -----------------------------------------------------------------------------------


def _back_read_only(request, interview):
    messages.error(request, _("访谈已结束，直播记录只读。"))
    return redirect("interviews_console:console", interview.pk)


def _end_refusal(interview):
    """Why 结束访谈 is not offered now (console.end_interview refuses the POST with the same reason), or None."""
    broadcast = interview.broadcast_or_blank()
    if broadcast.frozen_at is not None:
        return _("访谈已经结束，文字实录已生成。")
    if broadcast.state(interview) == InterviewState.UPCOMING:
        return console.END_BEFORE_START
    return None


def _perform(request, interview, form, action, success, failed):
    """Run `action` when `form` is valid; the console's refusals become the form's errors."""
    if form.is_valid():
        try:
            action()
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("interviews_console:console", interview.pk)
    return failed()


def _perform_button(request, interview, action, success):
    """A button without fields: a refusal is shown above the console."""
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _render_console(request, interview, status=400)
    messages.success(request, success)
    return redirect("interviews_console:console", interview.pk)


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _read_only(interview, broadcast=None):
    return (broadcast or interview.broadcast_or_blank()).state(interview) == InterviewState.ENDED


def _standing_entries(interview):
    return interview.entries.filter(retracted_at__isnull=True)


def _entry_initial(entry):
    return {name: getattr(entry, name) for name in console.EDITABLE_FIELDS}


def _render_console(request, interview, status=200, **forms):
    broadcast = interview.broadcast_or_blank()  # showing the console writes nothing
    read_only = _read_only(interview, broadcast)
    questions = interview.questions.all()
    context = {
        "interview": interview,
        "broadcast": broadcast,
        "state": broadcast.state(interview),
        "end_time": broadcast.end_time(interview),
        "read_only": read_only,
        "entries": interview.entries.select_related("question", "image").order_by("-spoken_at", "-pk"),
        "pending_count": questions.filter(status=QuestionStatus.PENDING).count(),
        "overdue_count": questions.overdue().count(),
        "announcement_form": forms.get("announcement_form")
        or AnnouncementForm(initial={"announcement": broadcast.announcement}, prefix="announcement"),
        "extend_form": forms.get("extend_form") or ExtendForm(prefix="extend"),
        "entry_form": None
        if read_only
        else forms.get("entry_form") or EntryForm(interview=interview, user=request.user, prefix="entry"),
    }
    return TemplateResponse(request, TEMPLATES + "console.html", context, status=status)


def _render_edit(request, interview, entry, form, status=200):
    context = {"interview": interview, "entry": entry, "form": form}
    return TemplateResponse(request, TEMPLATES + "edit_entry.html", context, status=status)


# --- URLs --------------------------------------------------------------------------------------

console_urls = [
    path("", index, name="index"),
    path("<int:page_id>/", console_page, name="console"),
    path("<int:page_id>/entries/add/", add_entry, name="add_entry"),
    path("<int:page_id>/entries/<int:entry_id>/edit/", edit_entry, name="edit_entry"),
    path("<int:page_id>/entries/<int:entry_id>/retract/", retract_entry, name="retract_entry"),
    path("<int:page_id>/announcement/", pin, name="pin"),
    path("<int:page_id>/start/", start, name="start"),
    path("<int:page_id>/extend/", extend, name="extend"),
    path("<int:page_id>/end/", end, name="end"),
]


def register_console_urls():
    return [path("interviews/console/", include((console_urls, "interviews_console"), namespace="interviews_console"))]
