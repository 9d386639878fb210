"""The citizens' mailbox (政民互动信箱): one MailboxPage per site, its channels and departments, and messages.

A message is due 7 working days after the day it was received; an approved
extension moves that to 15 (see workdays.calendar for the convention). The
states and who may move a message between them live in `mailbox.handling`.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from citizen_mailbox.masking import mask_message_text, mask_name
from citizen_mailbox.page_forms import MailboxPageForm
from citizen_mailbox.storage import private_storage
from govcms.core.page_urls import full_url
from govcms.core.translation import facts
from home.blocks import HomeItem
from home.models import HomePage
from workdays.calendar import add_working_days

REPLY_WORKING_DAYS = 7
EXTENDED_WORKING_DAYS = 15
# A message open this long fails the national inspection on its own (单条留言超过3个月未回复).
RED_ALERT_DAYS = 90
REMIND_WITHIN_WORKING_DAYS = 2
# Created by migration 0002: gives department handlers admin access and nothing else.
HANDLERS_GROUP = "信箱办理人员"

# No 0/O or 1/I/L: codes are read out over the phone.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CODE_LENGTH = 12  # 31**12 ≈ 2**59 codes: not guessable, and lookups are rate limited too
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # noqa: S105 - an alphabet, not a password  # nosec B105
_PASSWORD_LENGTH = 8


def new_tracking_code():
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))


def new_query_password():
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(_PASSWORD_LENGTH))


class MailboxPage(RoutablePageMixin, Page):
    """A site's mailbox under its 互动交流 column: write, look up, answered messages, statistics."""

    base_form_class = MailboxPageForm

    intro = RichTextField(_("信箱说明"), blank=True, features=["bold", "link", "ol", "ul"])
    publish_replies = models.BooleanField(
        _("公开答复"),
        default=True,
        help_text=_("来信人同意公开、且经签发人员同意公开的答复显示在信件列表中。"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("publish_replies"),
        InlinePanel("channels", heading=_("信件类别"), label=_("类别"), min_num=1),
        InlinePanel("departments", heading=_("承办部门"), label=_("部门")),
    ]

    # Whether replies are published and who handles which department are the same mailbox's in every language.
    override_translatable_fields = facts("publish_replies", "channels", "departments")
    parent_page_types = ["home.ColumnPage"]
    subpage_types = []
    max_count_per_parent = 1
    home_role = "mailbox"  # the home page's 互动交流 block (home.blocks)

    class Meta:
        verbose_name = _("政民互动信箱")
        verbose_name_plural = _("政民互动信箱")

    # The home page's 互动交流 block (home.blocks) is given the mailbox as a plain Page, hence classmethods.
    @classmethod
    def home_listing(cls, page, count, public, request):
        """The latest published answers, subjects masked as on the mailbox's own list (the mailbox itself
        is public: home.blocks lists nothing of a protected one)."""
        messages = Message.objects.published().filter(mailbox_id=page.pk).order_by("-closed_at", "-pk")[:count]
        resolver = cls.get_resolver()
        return [
            HomeItem(
                title=message.public_subject,
                url=full_url(page, request) + resolver.reverse("message", pk=message.pk),
                date=timezone.localdate(message.closed_at) if message.closed_at else None,
            )
            for message in messages
        ]

    @classmethod
    def home_write_url(cls, page, request):
        return full_url(page, request) + cls.get_resolver().reverse("write")

    @classmethod
    def home_lookup_url(cls, page, request):
        return full_url(page, request) + cls.get_resolver().reverse("lookup")

    # The views import this module, hence the imports at call time.
    @path("", name="index")
    def index_route(self, request):
        from citizen_mailbox import views

        return views.index(request, self)

    @path("write/", name="write")
    def write(self, request):
        from citizen_mailbox import views

        return views.write(request, self)

    @path("lookup/", name="lookup")
    def lookup(self, request):
        from citizen_mailbox import views

        return views.lookup(request, self)

    @path("messages/<int:pk>/", name="message")
    def public_message(self, request, pk):
        from citizen_mailbox import views

        return views.public_message(request, self, pk)

    @path("feed/", name="feed")
    def feed(self, request):
        from citizen_mailbox import views

        return views.feed(request, self)

    @path("statistics/", name="statistics")
    def statistics(self, request):
        from citizen_mailbox import views

        return views.statistics_view(request, self)

    @path("notice/", name="notice")
    def notice(self, request):
        from citizen_mailbox import views

        return views.notice(request, self)

    @path("privacy/", name="privacy")
    def privacy(self, request):
        from citizen_mailbox import views

        return views.privacy(request, self)


class MailboxChannel(Orderable):
    """A kind of message a citizen can choose: 县长信箱, 咨询, 投诉, 建议 ..."""

    page = ParentalKey(MailboxPage, on_delete=models.CASCADE, related_name="channels")
    name = models.CharField(_("名称"), max_length=30)
    description = models.CharField(_("说明"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("信件类别")

    def __str__(self):
        return self.name


class MailboxDepartment(Orderable, ClusterableModel):
    """A department messages can be assigned to; its handlers see and answer only its messages."""

    page = ParentalKey(MailboxPage, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(_("部门名称"), max_length=60)
    handlers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="mailbox_departments",
        verbose_name=_("办理人员"),
        help_text=_("这些用户在后台只能看到并办理分派给本部门的信件。"),
    )

    panels = [FieldPanel("name"), FieldPanel("handlers")]

    class Meta(Orderable.Meta):
        verbose_name = _("承办部门")

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    PENDING = "pending", _("待受理")
    ACCEPTED = "accepted", _("已受理")
    PROCESSING = "processing", _("办理中")
    ANSWERED = "answered", _("已答复")
    REJECTED = "rejected", _("不予受理")
    UNABLE = "unable", _("无法办理")


OPEN_STATUSES = (Status.PENDING, Status.ACCEPTED, Status.PROCESSING)
CLOSED_STATUSES = (Status.ANSWERED, Status.REJECTED, Status.UNABLE)


class Extension(models.TextChoices):
    NONE = "", _("未延期")
    REQUESTED = "requested", _("延期待批准")
    APPROVED = "approved", _("已延期")
    DECLINED = "declined", _("延期未批准")


class MessageQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def published(self):
        """Answered messages shown on the public list: the citizen consented and the site approved."""
        return self.filter(
            status=Status.ANSWERED, consent_to_publish=True, is_public=True, mailbox__publish_replies=True
        )


def attachment_path(instance, filename):
    # Random names: the citizen's file name may carry personal details and is kept in the row only.
    return f"mailbox/{instance.tracking_code}/{secrets.token_hex(8)}{_suffix(filename)}"


def _suffix(filename):
    return "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


class Message(models.Model):
    """One citizen's message and its handling."""

    mailbox = models.ForeignKey(MailboxPage, on_delete=models.PROTECT, related_name="messages")
    # Denormalised so isolation by site is one indexed filter.
    site_home = models.ForeignKey(HomePage, on_delete=models.PROTECT, related_name="+")
    channel = models.ForeignKey(MailboxChannel, on_delete=models.SET_NULL, null=True, related_name="+")
    channel_name = models.CharField(_("类别"), max_length=30)

    tracking_code = models.CharField(_("查询码"), max_length=20, unique=True, default=new_tracking_code)
    password_hash = models.CharField(max_length=128)

    name = models.CharField(_("姓名"), max_length=30)
    phone = models.CharField(_("联系电话"), max_length=20)
    email = models.EmailField(_("电子邮箱"), blank=True)
    subject = models.CharField(_("标题"), max_length=100)
    content = models.TextField(_("内容"))
    consent_to_publish = models.BooleanField(_("同意公开"), default=False)
    attachment = models.FileField(_("附件"), storage=private_storage, upload_to=attachment_path, blank=True)
    attachment_name = models.CharField(max_length=200, blank=True)

    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.PENDING)
    received_at = models.DateTimeField(_("来信时间"), default=timezone.now)
    due_date = models.DateField(_("答复期限"))
    department = models.ForeignKey(
        MailboxDepartment, on_delete=models.SET_NULL, null=True, blank=True, related_name="messages"
    )
    department_name = models.CharField(_("承办部门"), max_length=60, blank=True)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)

    extension = models.CharField(_("延期"), max_length=20, choices=Extension.choices, blank=True, default="")
    extension_reason = models.TextField(_("延期理由"), blank=True)

    reply = models.TextField(_("答复内容"), blank=True)
    reply_attachment = models.FileField(_("答复附件"), storage=private_storage, upload_to=attachment_path, blank=True)
    reply_attachment_name = models.CharField(max_length=200, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    is_public = models.BooleanField(_("已公开"), default=False)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("来信")
        verbose_name_plural = _("来信")
        indexes = [models.Index(fields=["site_home", "status", "due_date"])]

    def __str__(self):
        # Log entries and admin titles use this: the code, never the citizen's details.
        return str(_("来信 %(code)s") % {"code": self.tracking_code})

    def save(self, *args, **kwargs):
        if not self.due_date:
            self.due_date = add_working_days(self.received_at, REPLY_WORKING_DAYS)
        super().save(*args, **kwargs)

    # What public pages and feeds show: personal details masked (mailbox.masking).
    @property
    def public_name(self):
        return mask_name(self.name)

    @property
    def public_subject(self):
        return mask_message_text(self.subject, self.name)

    @property
    def public_content(self):
        return mask_message_text(self.content, self.name)

    @property
    def public_reply(self):
        return mask_message_text(self.reply, self.name)

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.is_open and today > self.due_date

    def is_red_alert(self, now=None):
        now = now or timezone.now()
        return self.is_open and (now - self.received_at).days >= RED_ALERT_DAYS
