"""Public pages of a MailboxPage: write, look up, answered messages, statistics.

Submissions and lookups are rate limited per client (django-ratelimit, counted
in the cache on every POST; the client as govcms.core.ratelimit.client_key tells
it, so a request without an address is limited, not a 500). Every page showing a
form makes a captcha, so those are limited too (citizen_mailbox.captchas). A
submission is validated completely before anything is written, and written in
one transaction; mail is sent after, and its failure never undoes the letter.
A form posted with the captcha's 看不清，换一张 button (the no-JavaScript way to
a new captcha) is shown again with what was typed, not submitted, and does not
count as a submission.
"""

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from wagtail.log_actions import log

from citizen_mailbox import captchas, notifications, statistics
from citizen_mailbox.forms import LookupForm, MessageForm, PublicForm
from citizen_mailbox.models import Message, new_query_password
from govcms.core.ratelimit import client_key
from govcms.core.tree import paginate, site_home_of

FEED_SIZE = 20
SUBMIT_RATE = "5/h"
LOOKUP_RATE = "20/h"


def _render(request, page, template, status=200, **context):
    return TemplateResponse(request, template, {"page": page, "self": page, **context}, status=status)


def private(response):
    """Forms and what they reveal (a query password, a letter's progress) stay out of every cache."""
    add_never_cache_headers(response)
    return response


def refused(request, page, group, rate, refreshing, template="mailbox/rate_limited.html"):
    """The 429 or 503 page (`template`) instead of the form when this client posts too often, has had its
    share of captchas, or when too many captchas are live altogether; None when the form may be shown. A
    post for a new captcha (refreshing) counts as a captcha, not as a post. Other apps' public forms call
    this with a page and a template of their own."""
    posts_limited = not refreshing and is_ratelimited(
        request, group=group, key=client_key, rate=rate, method="POST", increment=True
    )
    if posts_limited or captchas.client_over_limit(request):
        return _render(request, page, template, status=429)
    if captchas.table_full():
        return _render(request, page, template, status=503, busy=True)
    return None


def too_big(request, page, form_class, template="mailbox/form_error.html", **form_kwargs):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE cannot be read at all: say so (`template`), with an empty form."""
    form = form_class(**form_kwargs)
    return _render(
        request,
        page,
        template,
        status=400,
        form=form,
        error=_("提交的内容过大，未能收到。请缩短内容后重新填写。"),
    )


def post_data(request):
    """request.POST and FILES, or None when there are none (a GET) or the body exceeds the server's limit
    (read once: a second reading of a too big body does not raise again)."""
    if request.method != "POST":
        return None
    try:
        return request.POST, request.FILES
    except RequestDataTooBig:
        return None


def refreshing(data):
    """Whether the form was posted to get a new captcha: with 看不清，换一张 and no answer typed. With an answer
    it is a submission, since Enter in a field presses that button, the form's first (without JavaScript)."""
    return data is not None and PublicForm.REFRESH in data[0] and not data[0].get("captcha_1", "").strip()


def index(request, page):
    messages = page.messages.published().order_by("-closed_at", "-pk")
    return _render(request, page, "mailbox/mailbox_page.html", answered=paginate(request, messages))


def write(request, page):
    return private(_write(request, page))


def _write(request, page):
    form_kwargs = {"mailbox": page}
    data = post_data(request)
    refusal = refused(request, page, "mailbox.submit", SUBMIT_RATE, refreshing(data))
    if refusal:
        return refusal
    if request.method != "POST":
        return _render(request, page, "mailbox/write.html", form=MessageForm(**form_kwargs))
    if data is None:
        return too_big(request, page, MessageForm, **form_kwargs)
    if refreshing(data):
        return _render(request, page, "mailbox/write.html", form=MessageForm.refreshed(*data, **form_kwargs))
    form = MessageForm(*data, **form_kwargs)
    if not form.is_valid():
        return _render(request, page, "mailbox/write.html", status=400, form=form)
    message, password = _store(page, form.cleaned_data)
    lookup_url = page.get_full_url(request) + page.reverse_subpage("lookup")
    notifications.acknowledge(message, lookup_url)
    return _render(request, page, "mailbox/written.html", message=message, password=password)


def _store(page, data):
    """Write the message, its attachment and the log entry in one go; returns the message and its password."""
    password = new_query_password()
    channel = data["channel"]
    with transaction.atomic():
        message = Message(
            mailbox=page,
            site_home=site_home_of(page),
            channel=channel,
            channel_name=channel.name,
            password_hash=make_password(password),
            **{key: data[key] for key in ("name", "phone", "email", "subject", "content", "consent_to_publish")},
        )
        upload = data.get("attachment")
        if upload:
            message.attachment_name = upload.name[:200]
            message.attachment.save(upload.name, upload, save=False)
        message.save()
        log(instance=message, action="mailbox.submit", data={"channel": channel.name})
    return message, password


def lookup(request, page):
    return private(_lookup(request, page))


def _lookup(request, page):
    data = post_data(request)
    refusal = refused(request, page, "mailbox.lookup", LOOKUP_RATE, refreshing(data))
    if refusal:
        return refusal
    if request.method != "POST":
        return _render(request, page, "mailbox/lookup.html", form=LookupForm())
    if data is None:
        return too_big(request, page, LookupForm)
    if refreshing(data):
        return _render(request, page, "mailbox/lookup.html", form=LookupForm.refreshed(data[0]))
    form = LookupForm(data[0])
    found = None
    if form.is_valid():
        found = _find(page, form.cleaned_data["tracking_code"], form.cleaned_data["password"])
        if found is None:
            # One message for a wrong code and a wrong password: the form tells nothing about which.
            form.add_error(None, _("查询码或查询密码不正确。"))
    status = 200 if found else 400
    return _render(request, page, "mailbox/lookup.html", status=status, form=form, found=found)


def _find(page, code, password):
    message = Message.objects.filter(mailbox=page, tracking_code=code).first()
    if message is None:
        make_password(password)  # the same hashing work as a real check, so timing tells nothing either
        return None
    return message if check_password(password, message.password_hash) else None


def public_message(request, page, pk):
    message = page.messages.published().filter(pk=pk).first()
    if message is None:
        raise Http404
    canonical_url = page.full_url + page.reverse_subpage("message", args=[pk])
    return _render(request, page, "mailbox/message.html", message=message, canonical_url=canonical_url)


def statistics_view(request, page):
    months = statistics.monthly(page)
    canonical_url = page.full_url + page.reverse_subpage("statistics")
    return _render(
        request,
        page,
        "mailbox/statistics.html",
        months=months,
        chart=statistics.bar_chart(months),
        canonical_url=canonical_url,
    )


def notice(request, page):
    """写信须知: what the mailbox handles and what it does not, and how answers work."""
    return _render(request, page, "mailbox/notice.html", current_title=_("写信须知"))


def privacy(request, page):
    """个人信息保护说明: what the forms collect, why, who sees it, how long it is kept, how to have it deleted."""
    return _render(request, page, "mailbox/privacy.html", current_title=_("个人信息保护说明"))


def feed(request, page):
    """RSS of the latest published answers, masked like the pages."""
    link = page.get_full_url(request)
    rss = Rss201rev2Feed(title=page.title, link=link, description=_("公开答复"), language="zh-cn")
    for message in page.messages.published().order_by("-closed_at", "-pk")[:FEED_SIZE]:
        rss.add_item(
            title=message.public_subject,
            link=link + page.reverse_subpage("message", args=[message.pk]),
            description=message.public_reply,
            pubdate=message.closed_at,
            unique_id=f"{link}#message-{message.pk}",
        )
    return HttpResponse(rss.writeString("utf-8"), content_type="application/rss+xml; charset=utf-8")
