"""Public views of monitoring: 我为政府网站找错 (/zhaocuo/<site home id>/) and page feedback (/pingjia/<page id>/).

The platform's public-form pattern, with citizen_mailbox.views' helpers (as interviews.views): CSRF (Django's
middleware), a per-client rate limit on posts and on captchas, the offline captcha and its 看不清，换一张
without JavaScript, never cached, a too-big body refused, and one row stored in one transaction only once
everything is valid.

Content pages carry no form of their own (they stay cacheable): their 有帮助/没帮助 buttons are a GET form
leading here, where the real form is. Every id is checked here: the site must be a live site home in the
default locale, the page a live, public page that is not a site home; the page's site is worked out from the
tree, never taken from the form.
"""

from django.db import transaction
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.models import Page

from citizen_mailbox.views import post_data, private, refreshing, refused, too_big
from govcms.core.translation import original_of
from govcms.core.tree import MAX_PAGE_ID, site_home_of
from govcms.core.visibility import held_site_paths
from home.models import HomePage
from monitoring.forms import ErrorReportForm, FeedbackForm, platform_url
from monitoring.models import ErrorReport, PageFeedback, working_days_to_answer

REPORT_RATE = "10/h"
FEEDBACK_RATE = "20/h"
REPORT_TEMPLATE = "monitoring/public/error_report.html"
FEEDBACK_TEMPLATE = "monitoring/public/feedback.html"
REFUSED_TEMPLATE = "monitoring/public/rate_limited.html"
ERROR_TEMPLATE = "monitoring/public/form_error.html"


def held(request, page):
    """Whether `page` lies in a site not yet public (sitegroup.holding), for this visitor: the holding middleware
    judges only the request's own hostname, so a held county's page asked for under the portal's must be hidden
    here. Staff previewing the held site on its own hostname still see it."""
    if getattr(request, "previewing_held_site", False):
        return False
    return any(page.path.startswith(path) for path in held_site_paths())


def report_site(site_id, request=None):
    """The live site home in the default locale for this id, or 404. A translated home (the footer of an English
    page links its own home) stands for its live Chinese original: reports always belong to the Chinese site.
    A held site (not yet public) is not found."""
    if site_id > MAX_PAGE_ID:
        raise Http404
    home = original_of(HomePage.objects.live().filter(pk=site_id).first())
    if home is None or not home.live or (request is not None and held(request, home)):
        raise Http404
    return home


def feedback_page(page_id, request=None):
    """The live, public, non-home page with this id and its site home (default locale), or 404; nor a page of a
    held site."""
    if page_id > MAX_PAGE_ID:
        raise Http404
    page = Page.objects.live().filter(pk=page_id).select_related("locale").first()
    if page is None or page.specific_class is None or issubclass(page.specific_class, HomePage):
        raise Http404
    if page.get_view_restrictions().exists() or (request is not None and held(request, page)):
        raise Http404
    home = original_of(site_home_of(page))
    if home is None:
        raise Http404
    return page.specific, home


def _render(request, page, template, status=200, **context):
    return TemplateResponse(request, template, {"page": page, "self": page, **context}, status=status)


def _render_report_form(request, home, form, status=200):
    context = {"form": form, "working_days": working_days_to_answer()}
    return _render(request, home, REPORT_TEMPLATE, status=status, **context)


# --- 我为政府网站找错 ----------------------------------------------------------------------------------


def error_report(request, site_id):
    home = report_site(site_id, request)
    return private(_error_report(request, home))


def _error_report(request, home):
    data = post_data(request)
    refusal = refused(request, home, "monitoring.error_report", REPORT_RATE, refreshing(data), REFUSED_TEMPLATE)
    if refusal:
        return refusal
    if request.method != "POST":
        initial = {"page_url": platform_url(request.GET.get("url", "")) or ""}
        return _render_report_form(request, home, ErrorReportForm(initial=initial))
    if data is None:
        return too_big(request, home, ErrorReportForm, template=ERROR_TEMPLATE)
    if refreshing(data):
        return _render_report_form(request, home, ErrorReportForm.refreshed(data[0]))
    form = ErrorReportForm(data[0])
    if not form.is_valid():
        return _render_report_form(request, home, form, status=400)
    with transaction.atomic():
        report = ErrorReport.objects.create(
            site_home=home,
            received_at=timezone.now(),
            **{name: form.cleaned_data[name] for name in ("page_url", "problem_type", "description", "contact")},
        )
    return _render(request, home, "monitoring/public/error_reported.html", report=report)


# --- 这条信息对您有帮助吗 -----------------------------------------------------------------------------


def feedback(request, page_id):
    page, home = feedback_page(page_id, request)
    return private(_feedback(request, page, home))


def _feedback(request, page, home):
    data = post_data(request)
    refusal = refused(request, page, "monitoring.feedback", FEEDBACK_RATE, refreshing(data), REFUSED_TEMPLATE)
    if refusal:
        return refusal
    if request.method != "POST":
        helpful = request.GET.get("helpful")
        initial = {"helpful": helpful} if helpful in ("0", "1") else {}
        return _render(request, page, FEEDBACK_TEMPLATE, form=FeedbackForm(initial=initial))
    if data is None:
        return too_big(request, page, FeedbackForm, template=ERROR_TEMPLATE)
    if refreshing(data):
        return _render(request, page, FEEDBACK_TEMPLATE, form=FeedbackForm.refreshed(data[0]))
    form = FeedbackForm(data[0])
    if not form.is_valid():
        return _render(request, page, FEEDBACK_TEMPLATE, status=400, form=form)
    with transaction.atomic():
        PageFeedback.objects.create(
            page=page, site_home=home, helpful=form.cleaned_data["helpful"], comment=form.cleaned_data["comment"]
        )
    return _render(request, page, "monitoring/public/feedback_thanks.html")
