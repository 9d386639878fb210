"""意见征集 (opinion solicitation on draft policies) and 网上调查 (online surveys), under a site's 互动交流.

A consultation keeps one address from announcement to feedback (GOV.UK's rule): its state — 未开始, 征集中,
已截止, 已反馈 — follows from its dates and from whether its feedback (采纳情况) is written. A survey asks
editor-built questions between two dates; its results are public only when it says so, free text never.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from consultations.page_forms import ConsultationPageForm
from consultations.panels import FeedbackCountsPanel
from consultations.periods import MinimumPeriod
from govcms.blocks import RICH_TEXT_FEATURES
from govcms.core.page_forms import ScopedPageForm
from govcms.core.translation import facts
from home.models import AbstractAttachment, AbstractColumnPage

NAME_MAX_LENGTH = 30
CONTACT_MAX_LENGTH = 100
COMMENT_MAX_LENGTH = 2000
ANSWER_MAX_LENGTH = 1000
SUMMARY_MAX_LENGTH = 300


class ConsultationKind(models.Model):
    """A kind of draft put to the public and the legal minimum of its comment period (kept by the platform)."""

    name = models.CharField(_("名称"), max_length=40, unique=True)
    minimum_days = models.PositiveSmallIntegerField(_("最短征集期（天数）"), validators=[MinValueValidator(1)])
    working_days = models.BooleanField(_("按工作日计算"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("征集类型")
        verbose_name_plural = _("征集类型")

    def __str__(self):
        return self.name

    @property
    def minimum(self):
        return MinimumPeriod(self.minimum_days, self.working_days)

    @property
    def minimum_text(self):
        """The minimum in words (30日, 7个工作日): the kinds' list and the editor's choice of kind show it."""
        return self.minimum.describe()

    minimum_text.fget.short_description = _("最短征集期")


class State(models.TextChoices):
    UPCOMING = "upcoming", _("未开始")
    OPEN = "open", _("征集中")
    CLOSED = "closed", _("已截止")
    ANSWERED = "answered", _("已反馈")


class DraftSectionBlock(blocks.StructBlock):
    """One numbered section of the draft: comments can point to it by its number."""

    heading = blocks.CharBlock(label=_("标题"), required=False, max_length=100)
    body = blocks.RichTextBlock(label=_("内容"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "list-ol"
        label = _("条款")


class ConsultationIndexPage(RoutablePageMixin, AbstractColumnPage):
    """意见征集: the site's consultations (and its sub-sites'), open first; also as RSS (rss/)."""

    subpage_types = ["consultations.ConsultationPage"]
    home_role = "consultations"

    class Meta:
        verbose_name = _("意见征集栏目")
        verbose_name_plural = _("意见征集栏目")

    def listed_consultations(self):
        """Live, public consultations of this site and of the sites below, bar the sites not yet public."""
        from govcms.core.tree import under_any_of
        from govcms.core.visibility import held_site_paths

        home = self.site_home()
        pages = ConsultationPage.objects.descendant_of(home) if home else ConsultationPage.objects.child_of(self)
        return pages.exclude(under_any_of(held_site_paths(self.path))).live().public()

    @classmethod
    def home_listing(cls, page, count, public, request):
        """The column's own consultations for a home-page block, open ones first (home.blocks)."""
        from consultations.home import home_items

        return home_items(ConsultationPage.objects.child_of(page).live().filter(public), count, timezone.now(), request)

    def get_context(self, request, *args, **kwargs):
        from consultations.listings import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(request, self, timezone.now()))
        return context

    @path("rss/", name="feed")
    def feed(self, request):
        from consultations.listings import ConsultationFeed

        return ConsultationFeed()(request, column=self)


class ConsultationPage(RoutablePageMixin, Page):
    kind = models.ForeignKey(ConsultationKind, verbose_name=_("征集类型"), on_delete=models.PROTECT, related_name="+")
    organiser = models.CharField(_("征集单位"), max_length=100)
    summary = models.TextField(_("说明"), max_length=SUMMARY_MAX_LENGTH)
    opens_at = models.DateTimeField(_("开始时间"))
    closes_at = models.DateTimeField(_("截止时间"))
    short_period_explanation = models.TextField(
        _("征集期较短的说明"),
        blank=True,
        max_length=500,
        help_text=_("征集期短于该类型的法定最短期限时必填，并在页面上公开。"),
    )
    draft = StreamField([("section", DraftSectionBlock())], verbose_name=_("征求意见稿"))
    show_comments = models.BooleanField(
        _("公开意见"), default=False, help_text=_("勾选后，审核通过的意见在页面上公开（隐去个人信息）。")
    )
    adopted_policy = models.ForeignKey(
        "policy.PolicyPage",
        verbose_name=_("正式出台的政策"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    feedback = RichTextField(
        _("采纳情况反馈"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("征集截止后填写：意见的总体采纳情况。填写并发布后，页面显示为“已反馈”。"),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("organiser"), FieldPanel("summary")],
            heading=_("征集信息"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]), FieldPanel("short_period_explanation")],
            heading=_("征集期"),
        ),
        FieldPanel("draft"),
        InlinePanel("attachments", label=_("附件")),
        FieldPanel("show_comments"),
        MultiFieldPanel(
            [
                FeedbackCountsPanel(heading=_("意见统计")),
                FieldPanel("feedback"),
                InlinePanel("themes", label=_("按主题的采纳情况")),
                PageChooserPanel("adopted_policy"),
            ],
            heading=_("采纳情况反馈"),
        ),
    ]
    base_form_class = ConsultationPageForm
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("organiser")]
    # A translation is the same consultation: its kind, period, attachments and policy are the original's.
    override_translatable_fields = facts(
        "kind", "opens_at", "closes_at", "show_comments", "adopted_policy", "attachments"
    )

    class Meta:
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("截止时间须晚于开始时间。")})
        dated = self.kind_id and self.opens_at and self.closes_at
        if dated and not self.period_is_legal() and not self.short_period_explanation.strip():
            raise ValidationError(
                {
                    "short_period_explanation": _("征集期短于%(kind)s的法定最短期限（%(minimum)s），须公开说明理由。")
                    % {"kind": self.kind.name, "minimum": self.kind.minimum.describe()}
                }
            )

    def period_is_legal(self):
        return self.kind.minimum.kept_by(self.opens_at, self.closes_at)

    def state(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return State.UPCOMING
        if now < self.closes_at:
            return State.OPEN
        return State.ANSWERED if self.feedback.strip() else State.CLOSED

    def moderated_counts(self):
        """Received, adopted, partly adopted and not adopted — of the moderated comments (approved or rejected), the
        figures the feedback publishes — and those still pending moderation, in one query."""
        moderated = models.Q(status__in=[CommentStatus.APPROVED, CommentStatus.REJECTED])
        return self.comments.aggregate(
            received=models.Count("pk", filter=moderated),
            adopted=models.Count("pk", filter=moderated & models.Q(outcome=Outcome.ADOPTED)),
            partly=models.Count("pk", filter=moderated & models.Q(outcome=Outcome.PARTLY)),
            not_adopted=models.Count("pk", filter=moderated & models.Q(outcome=Outcome.NOT_ADOPTED)),
            pending=models.Count("pk", filter=models.Q(status=CommentStatus.PENDING)),
        )

    def sections(self):
        """[(number, heading)] of the draft's sections, numbered from 1 in their order."""
        return [(number, block.value.get("heading") or "") for number, block in enumerate(self.draft, start=1)]

    def get_context(self, request, *args, **kwargs):
        from consultations.views import page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context

    # 提交意见: the public comment form (the views import this module, hence the import at call time).
    @path("comment/", name="comment")
    def comment(self, request):
        from consultations import views

        return views.comment(request, self)


class ConsultationAttachment(AbstractAttachment):
    page = ParentalKey(ConsultationPage, related_name="attachments", on_delete=models.CASCADE)


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("未采纳")


class FeedbackTheme(TranslatableMixin, Orderable):
    """The feedback of one theme of the comments: what was done with them and why (its theme and reason are
    translated; its outcome is a fact)."""

    page = ParentalKey(ConsultationPage, related_name="themes", on_delete=models.CASCADE)
    theme = models.CharField(_("主题"), max_length=60)
    outcome = models.CharField(_("采纳情况"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("理由"), max_length=1000)

    panels = [FieldPanel("theme"), FieldPanel("outcome"), FieldPanel("reason")]
    override_translatable_fields = facts("outcome")

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("按主题的采纳情况")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已通过")
    REJECTED = "rejected", _("不予采用")


class Comment(models.Model):
    """One member of the public's comment on a consultation; the contact is never shown."""

    consultation = models.ForeignKey(ConsultationPage, on_delete=models.CASCADE, related_name="comments")
    # Denormalised so that isolation by site is one indexed filter.
    site_home = models.ForeignKey("home.HomePage", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("姓名"), max_length=NAME_MAX_LENGTH, blank=True)
    contact = models.CharField(_("联系方式"), max_length=CONTACT_MAX_LENGTH, blank=True)
    section = models.PositiveSmallIntegerField(_("针对条款"), null=True, blank=True)
    content = models.TextField(_("意见内容"), max_length=COMMENT_MAX_LENGTH)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    status = models.CharField(_("状态"), max_length=20, choices=CommentStatus.choices, default=CommentStatus.PENDING)
    outcome = models.CharField(_("采纳情况"), max_length=20, choices=Outcome.choices, blank=True)
    theme = models.CharField(_("主题"), max_length=60, blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("意见")
        verbose_name_plural = _("意见")
        indexes = [models.Index(fields=["site_home", "status"])]
        permissions = [("moderate_comment", _("审核意见征集的意见"))]

    def __str__(self):
        return str(_("意见 %(number)s") % {"number": self.pk})


class SurveyIndexPage(AbstractColumnPage):
    """网上调查: the site's surveys (and its sub-sites'), open first."""

    subpage_types = ["consultations.SurveyPage"]
    home_role = "surveys"

    class Meta:
        verbose_name = _("网上调查栏目")
        verbose_name_plural = _("网上调查栏目")

    @classmethod
    def home_listing(cls, page, count, public, request):
        """The column's own surveys for a home-page block, open ones first (home.blocks)."""
        from consultations.home import home_items

        return home_items(SurveyPage.objects.child_of(page).live().filter(public), count, timezone.now(), request)

    def get_context(self, request, *args, **kwargs):
        # consultations.survey_views reads this module, hence the import at call time.
        from consultations.survey_views import listing

        context = super().get_context(request, *args, **kwargs)
        context.update(listing(self, request))
        return context


class SurveyPage(RoutablePageMixin, Page):
    summary = models.TextField(_("调查说明"), max_length=SUMMARY_MAX_LENGTH)
    opens_at = models.DateTimeField(_("开始时间"))
    closes_at = models.DateTimeField(_("截止时间"))
    public_results = models.BooleanField(
        _("公开调查结果"), default=True, help_text=_("勾选后公开选择题和评分题的统计结果；文字回答从不公开。")
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("调查期")),
        FieldPanel("public_results"),
        InlinePanel("questions", label=_("问题"), min_num=1),
    ]
    base_form_class = ScopedPageForm
    parent_page_types = ["consultations.SurveyIndexPage"]
    subpage_types = []
    search_fields = Page.search_fields + [index.SearchField("summary")]
    # A translation is the same survey: its dates and whether results are public are the original's; its
    # questions are translated rows (SurveyQuestion) whose answers count with the original's.
    override_translatable_fields = facts("opens_at", "closes_at", "public_results")

    class Meta:
        verbose_name = _("网上调查")
        verbose_name_plural = _("网上调查")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("截止时间须晚于开始时间。")})

    def state(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return State.UPCOMING
        return State.OPEN if now < self.closes_at else State.CLOSED

    def get_context(self, request, *args, **kwargs):
        from consultations.survey_views import page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context

    # 参加调查: the public answer form (consultations.survey_views; imported at call time).
    @path("answer/", name="answer")
    def answer(self, request):
        from consultations import survey_views

        return survey_views.answer(request, self)


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("单选")
    MULTIPLE = "multiple", _("多选")
    RATING = "rating", _("评分（1–5）")
    TEXT = "text", _("文字回答")


class SurveyQuestion(TranslatableMixin, Orderable):
    """A question of a survey. Its text and options are translated, its kind and required flag are facts: an
    answer given on a translation counts as the same option of the original's question, by position
    (consultations.surveys.as_answers_to), so a translator keeps one option per line, in the same order."""

    page = ParentalKey(SurveyPage, related_name="questions", on_delete=models.CASCADE)
    text = models.CharField(_("问题"), max_length=200)
    kind = models.CharField(_("题型"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.SINGLE)
    options = models.TextField(_("选项"), blank=True, help_text=_("单选、多选题的选项，每行一个。"))
    required = models.BooleanField(_("必答"), default=True)

    panels = [FieldPanel("text"), FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]), FieldPanel("options")]
    override_translatable_fields = facts("kind", "required")

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("问题")

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        choices = self.choices()
        if self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(choices) < 2:
            raise ValidationError({"options": _("选择题至少需要两个选项。")})
        if len(set(choices)) != len(choices):
            raise ValidationError({"options": _("选项不能重复。")})

    def choices(self):
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class SurveyResponse(models.Model):
    """One person's answers (no account: see consultations.surveys for the one-response rule)."""

    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="responses")
    site_home = models.ForeignKey("home.HomePage", on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        permissions = [("export_surveyresponse", _("导出网上调查答卷"))]

    def __str__(self):
        return f"{self.survey_id}/{self.pk}"


class SurveyAnswer(models.Model):
    """One answer: a chosen option (one row per option of a multiple choice), a rating 1–5 or a text."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(max_length=ANSWER_MAX_LENGTH)

    def __str__(self):
        return self.value[:40]


@register_setting(icon="comment")
class ConsultationSettings(BaseGenericSetting):
    """The platform's consultation rules: how long after closing the feedback (采纳情况) may take."""

    feedback_due_days = models.PositiveSmallIntegerField(
        _("采纳情况反馈期限（截止后天数）"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("意见征集截止超过这个天数仍未发布采纳情况的，在意见审核和站点监测中标为超期。"),
    )

    class Meta:
        verbose_name = _("意见征集设置")
