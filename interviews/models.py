"""Online interviews (在线访谈): announced, broadcast live as text and pictures, kept as an interpretation.

An InterviewPage is editorial content: topic, schedule, guests, linked policies, released through the
site's workflow like any page. What happens during the broadcast is operational and never a page
revision: the Broadcast row (started early, extended, ended, the pinned announcement) and the
TranscriptEntry rows the host adds from the live console. Ending the interview freezes the entries into
the page's `transcript` (one revision); the entries stay, read-only. Citizens' Questions (网友提问) are
held for moderation; those left unanswered at the end get written answers, due 5 working days later.
See docs/interviews.md.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from citizen_mailbox.masking import mask_text
from govcms.core.translation import facts
from govcms.core.tree import under_any_of
from govcms.core.visibility import held_site_paths
from govcms.core.wording import join_words
from home.models import AbstractColumnPage
from interviews.blocks import InterviewBodyBlock, TranscriptBlock, VideoStreamBlock
from interviews.page_forms import InterviewPageForm
from policy.models import InterpretationKind, InterpretsPolicies, PolicyPage
from workdays.calendar import add_working_days

# Written answers to questions not answered live are due this many working days after the end.
ANSWER_WORKING_DAYS = 5
NICKNAME_MAX_LENGTH = 20
QUESTION_MAX_LENGTH = 500
CONTACT_MAX_LENGTH = 100
ENTRY_MAX_LENGTH = 5000
ANNOUNCEMENT_MAX_LENGTH = 300


class InterviewState(models.TextChoices):
    UPCOMING = "upcoming", _("预告")
    LIVE = "live", _("直播中")
    ENDED = "ended", _("已结束")


class InterviewIndexPage(AbstractColumnPage):
    """访谈列表: the interviews of the site and of the sites below it (upcoming, live now, past)."""

    subpage_types = ["interviews.InterviewPage"]
    home_role = "interviews"  # the home page's 互动交流 block links it (home.blocks)
    home_highlight_label = _("正在直播")  # the home page's strip of what is on air (home.blocks)

    class Meta:
        verbose_name = _("在线访谈栏目")
        verbose_name_plural = _("在线访谈栏目")

    @classmethod
    def home_listing(cls, page, count, public, request):
        """The column's own interviews for a home-page block, live and upcoming first (home.blocks)."""
        from interviews.listings import home_items

        return home_items(InterviewPage.objects.child_of(page).live().filter(public), count, timezone.now(), request)

    @classmethod
    def home_highlights(cls, now):
        """The interviews on air at `now`, which their site's home page shows while they run (home.blocks)."""
        from interviews.listings import in_state

        return in_state(InterviewPage.objects.all(), InterviewState.LIVE, now)

    def listed_interviews(self):
        """Live, public interviews of this site and of the sites below, bar the sites not yet public."""
        home = self.site_home()
        interviews = InterviewPage.objects.descendant_of(home) if home else InterviewPage.objects.child_of(self)
        return interviews.exclude(under_any_of(held_site_paths(self.path))).live().public()

    def get_context(self, request, *args, **kwargs):
        from interviews.listings import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(request, self, timezone.now()))
        return context


class InterviewPage(RoutablePageMixin, InterpretsPolicies, Page):
    """One interview: announced before, broadcast live, kept afterwards as an interpretation of its policies."""

    summary = models.TextField(_("访谈简介"), max_length=500)
    scheduled_start = models.DateTimeField(_("开始时间"))
    scheduled_end = models.DateTimeField(_("结束时间"))
    host = models.CharField(_("主持人"), max_length=60, blank=True)
    cover_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("封面图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    video = StreamField(
        VideoStreamBlock(),
        verbose_name=_("视频"),
        blank=True,
        help_text=_("可选：文档库中的 MP4 或 WebM 视频，附封面图和文字稿。"),
    )
    body = StreamField(InterviewBodyBlock(), verbose_name=_("访谈介绍"), blank=True)
    transcript = StreamField(
        TranscriptBlock(),
        verbose_name=_("文字实录"),
        blank=True,
        help_text=_("访谈结束时由直播记录自动生成；之后可在此更正。"),
    )

    base_form_class = InterviewPageForm
    # A translation is the same event: its schedule, cover and the policies it interprets are the original's;
    # the guests are translatable rows (their names and titles to translate, InterviewGuest).
    override_translatable_fields = facts("scheduled_start", "scheduled_end", "cover_image", "policy_links")
    # The interpretation kind under which a policy page lists it (policy.models).
    kind = InterpretationKind.INTERVIEW

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("scheduled_start"), FieldPanel("scheduled_end")]), FieldPanel("host")],
            heading=_("时间和主持"),
        ),
        InlinePanel("guests", heading=_("访谈嘉宾"), label=_("嘉宾"), min_num=1),
        InlinePanel("policy_links", heading=_("解读的政策文件"), label=_("政策文件")),
        FieldPanel("cover_image"),
        FieldPanel("video"),
        FieldPanel("body"),
        FieldPanel("transcript"),
    ]
    parent_page_types = ["interviews.InterviewIndexPage"]
    subpage_types = []
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("host"),
        index.SearchField("body"),
        index.SearchField("transcript"),
        index.RelatedFields("guests", [index.SearchField("name"), index.SearchField("organisation")]),
        index.FilterField("scheduled_start"),
    ]

    class Meta:
        verbose_name = _("在线访谈")
        verbose_name_plural = _("在线访谈")
        permissions = [("host_interview", _("可以主持在线访谈"))]

    def clean(self):
        super().clean()
        if self.scheduled_start and self.scheduled_end and self.scheduled_end <= self.scheduled_start:
            raise ValidationError({"scheduled_end": _("结束时间须晚于开始时间。")})

    @property
    def date(self):
        """The interview's day: its date in interpretation listings."""
        return timezone.localdate(self.scheduled_start)

    def broadcast(self):
        """The operational state of this interview, saved (created on the host's first action)."""
        return Broadcast.objects.get_or_create(interview_id=self.pk)[0]

    def broadcast_or_blank(self):
        """The saved Broadcast, or a blank one until the host first acts: reading the state writes nothing."""
        try:
            return self.broadcast_record
        except Broadcast.DoesNotExist:
            return Broadcast(changed_at=self.last_published_at)

    def state(self, broadcast=None, now=None):
        return (broadcast or self.broadcast_or_blank()).state(self, now)

    def get_context(self, request, *args, **kwargs):
        # interviews.public_page reads this module, hence the import at call time.
        from interviews.public_page import page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context

    # 我要提问: the public question form (the views import this module, hence the import at call time).
    @path("ask/", name="ask")
    def ask(self, request):
        from interviews import views

        return views.ask(request, self)


class InterviewGuest(TranslatableMixin, Orderable):
    """A guest of the interview (访谈嘉宾); transcript entries name one as their speaker.

    Translatable, so wagtail-localize offers the name, title and organisation for translation; the photo is
    the same person in every language.
    """

    page = ParentalKey(InterviewPage, related_name="guests", on_delete=models.CASCADE)
    name = models.CharField(_("姓名"), max_length=40)
    title = models.CharField(_("职务"), max_length=60, blank=True)
    organisation = models.CharField(_("单位"), max_length=100, blank=True)
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("照片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(
        _("照片说明"), max_length=120, blank=True, help_text=_("供读屏软件朗读，例如“张明在访谈现场”。")
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("title")]),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("photo"), FieldPanel("photo_alt")]),
    ]
    override_translatable_fields = facts("photo")

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("访谈嘉宾")
        verbose_name_plural = _("访谈嘉宾")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.photo_id and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": _("有照片时须填写照片说明。")})

    @property
    def description(self):
        """ "职务，单位" ("Director, City Bureau" in English) as the page shows it under the name."""
        return join_words((part for part in (self.title, self.organisation) if part), "clauses")


class InterviewPolicy(Orderable):
    """A policy the interview interprets: the interview appears among that policy's interpretations."""

    page = ParentalKey(InterviewPage, related_name="policy_links", on_delete=models.CASCADE)
    policy = models.ForeignKey(
        PolicyPage, verbose_name=_("政策文件"), on_delete=models.CASCADE, related_name="interview_links"
    )

    panels = [PageChooserPanel("policy", "policy.PolicyPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("解读的政策文件")
        constraints = [models.UniqueConstraint(fields=["page", "policy"], name="unique_interview_policy")]


class Broadcast(models.Model):
    """What the host did to the schedule, and the pinned announcement: changed from the console, never a revision.

    `version` grows with every change to the broadcast or its entries; the live endpoint's ETag carries it.
    """

    interview = models.OneToOneField(
        InterviewPage, primary_key=True, on_delete=models.CASCADE, related_name="broadcast_record"
    )
    started_at = models.DateTimeField(_("提前开始于"), null=True, blank=True)
    extended_until = models.DateTimeField(_("延长至"), null=True, blank=True)
    ended_at = models.DateTimeField(_("结束于"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    frozen_at = models.DateTimeField(_("实录生成于"), null=True, blank=True)
    announcement = models.CharField(_("置顶公告"), max_length=ANNOUNCEMENT_MAX_LENGTH, blank=True)
    version = models.PositiveIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("访谈直播状态")
        verbose_name_plural = _("访谈直播状态")

    def __str__(self):
        return str(self.interview)

    def end_time(self, interview):
        return self.extended_until or interview.scheduled_end

    def state(self, interview, now=None):
        """预告 / 直播中 / 已结束: the schedule, unless the host started early, extended or ended it."""
        now = now or timezone.now()
        if self.ended_at is not None or now >= self.end_time(interview):
            return InterviewState.ENDED
        if self.started_at is not None or now >= interview.scheduled_start:
            return InterviewState.LIVE
        return InterviewState.UPCOMING

    def touch(self):
        """Record a change, so the live endpoint's cached answer and ETag change with it."""
        Broadcast.objects.filter(pk=self.pk).update(version=models.F("version") + 1, changed_at=timezone.now())
        self.refresh_from_db(fields=["version", "changed_at"])


class Speaker(models.TextChoices):
    GUEST = "guest", _("嘉宾")
    HOST = "host", _("主持人")
    NETIZEN = "netizen", _("网友")


class TranscriptEntry(models.Model):
    """One entry of the live transcript: what a guest or the host said, or a citizen's question quoted."""

    interview = models.ForeignKey(InterviewPage, on_delete=models.CASCADE, related_name="entries")
    speaker = models.CharField(_("发言人类别"), max_length=10, choices=Speaker.choices)
    # The name as shown, kept with the entry: a guest removed from the page later does not rename it.
    speaker_name = models.CharField(_("发言人"), max_length=60)
    question = models.ForeignKey(
        "Question",
        verbose_name=_("引用的网友提问"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("内容"), max_length=ENTRY_MAX_LENGTH)
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(_("图片说明"), max_length=120, blank=True)
    spoken_at = models.DateTimeField(_("时间"), default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("录入人")
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    retracted_at = models.DateTimeField(null=True, blank=True)
    retracted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("直播记录")
        verbose_name_plural = _("直播记录")
        ordering = ["spoken_at", "pk"]
        indexes = [models.Index(fields=["interview", "retracted_at"])]

    def __str__(self):
        return f"{self.speaker_name}：{self.text[:30]}"

    @property
    def anchor(self):
        """The id of the entry on the public page (#entry-12)."""
        return f"entry-{self.pk}"


class QuestionStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    ADOPTED = "adopted", _("已采用")
    ANSWERED = "answered", _("已回答")
    REJECTED = "rejected", _("不予采用")


# Questions that still owe the citizen an answer.
OPEN_STATUSES = (QuestionStatus.PENDING, QuestionStatus.ADOPTED)


class QuestionQuerySet(models.QuerySet):
    def published(self):
        """Questions the public page shows: adopted or answered (a pending or rejected one is never shown)."""
        return self.filter(status__in=(QuestionStatus.ADOPTED, QuestionStatus.ANSWERED))

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status__in=OPEN_STATUSES, answer_due__lt=today)


class Question(models.Model):
    """A citizen's question (网友提问), held for moderation; the contact is never shown."""

    interview = models.ForeignKey(InterviewPage, on_delete=models.CASCADE, related_name="questions")
    nickname = models.CharField(_("网名"), max_length=NICKNAME_MAX_LENGTH)
    text = models.TextField(_("问题"), max_length=QUESTION_MAX_LENGTH)
    contact = models.CharField(_("联系方式"), max_length=CONTACT_MAX_LENGTH, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.PENDING, db_index=True
    )
    submitted_at = models.DateTimeField(_("提问时间"), default=timezone.now)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Answered live: the transcript entry that answers it.
    answer_entry = models.ForeignKey(
        TranscriptEntry,
        verbose_name=_("回答的直播记录"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answered_questions",
    )
    # Answered afterwards in writing (书面答复).
    written_answer = models.TextField(_("书面答复"), max_length=ENTRY_MAX_LENGTH, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Set when the interview ends for every question still open: the end + ANSWER_WORKING_DAYS working days.
    answer_due = models.DateField(_("书面答复期限"), null=True, blank=True, db_index=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("网友提问")
        verbose_name_plural = _("网友提问")
        ordering = ["submitted_at", "pk"]

    def __str__(self):
        return f"{self.nickname}：{self.text[:30]}"

    @cached_property
    def public_text(self):
        """The text as the public reads it wherever it is shown: contact details typed into it masked."""
        return mask_text(self.text)

    @property
    def is_overdue(self):
        return self.status in OPEN_STATUSES and self.answer_due is not None and self.answer_due < timezone.localdate()


class HostRole(models.Model):
    """The 访谈主持 group of a site, recorded by provisioning like sitegroup.SiteRole records the others."""

    home = models.OneToOneField("home.HomePage", verbose_name=_("站点首页"), on_delete=models.CASCADE, related_name="+")
    group = models.OneToOneField(
        Group, verbose_name=_("用户组"), on_delete=models.CASCADE, related_name="interview_host_role"
    )

    class Meta:
        verbose_name = _("访谈主持角色")
        verbose_name_plural = _("访谈主持角色")

    def __str__(self):
        return self.group.name


def answer_due_after(ended_at):
    """The written-answer deadline for questions left open by an interview that ended at `ended_at`."""
    return add_working_days(timezone.localdate(ended_at), ANSWER_WORKING_DAYS)
