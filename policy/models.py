"""Policy documents (政策文件) and their interpretations (政策解读), linked both ways.

A site's policies live in its policy library (PolicyIndexPage, 政策文件库) and
its interpretations in an interpretation column (InterpretationIndexPage).
Both index pages are columns (home.models.AbstractColumnPage): they keep a column's
category and update monitoring and appear in the site's navigation like any other column.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page, Task, TaskState, get_page_models
from wagtail.search import index

from disclosure.models import DisclosureFields
from govcms.blocks import BodyBlock
from govcms.core.page_forms import ScopedPageForm
from govcms.core.page_urls import full_url
from govcms.core.translation import facts, in_language_of
from govcms.core.tree import paginate, under_any_of
from govcms.core.visibility import held_site_paths
from home.blocks import HomeItem
from home.models import AbstractAttachment, AbstractColumnPage, HomePage
from policy.blocks import InterpretationBodyBlock
from policy.document_numbers import MAX_LENGTH, normalise_document_number, validate_document_number
from release.models import RestartsAfterChanges


class Validity(models.TextChoices):
    VALID = "valid", _("有效")
    AMENDED = "amended", _("已修订")
    REPEALED = "repealed", _("已废止")
    EXPIRED = "expired", _("已失效")


class InterpretationKind(models.TextChoices):
    DEPARTMENT = "department", _("部门解读")
    EXPERT = "expert", _("专家解读")
    MEDIA = "media", _("媒体解读")
    GRAPHIC = "graphic", _("图解")
    VIDEO = "video", _("视频解读")
    RESPONSE = "response", _("回应关切")
    # Not written on an InterpretationPage: an online interview (interviews.InterviewPage) interprets its policies.
    INTERVIEW = "interview", _("在线访谈")


# The kinds an InterpretationPage may take.
WRITTEN_INTERPRETATION_KINDS = [
    choice for choice in InterpretationKind.choices if choice[0] != InterpretationKind.INTERVIEW
]


class IssuingBody(models.Model):
    """A 发文机关 in a site's own list; policies of the site and of its sub-sites may name it."""

    site_home = models.ForeignKey(
        HomePage, verbose_name=_("所属站点"), on_delete=models.CASCADE, related_name="issuing_bodies"
    )
    name = models.CharField(_("机关名称"), max_length=60)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0, help_text=_("数字小的排在前面。"))

    panels = [FieldPanel("site_home"), FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("发文机关")
        verbose_name_plural = _("发文机关")
        constraints = [models.UniqueConstraint(fields=["site_home", "name"], name="unique_issuing_body_per_site")]

    def __str__(self):
        return self.name


@register_setting(icon="doc-full")
class PolicySettings(BaseSiteSetting):
    """How strictly a site applies 三同步 (a policy and its interpretation released together)."""

    interpretation_grace_days = models.PositiveSmallIntegerField(
        _("解读宽限期（工作日）"),
        default=0,
        help_text=_(
            "0 表示重大政策必须与解读同步发布；大于 0 时，重大政策可先发布，"
            "并在“待解读政策”报表中列出，直到解读上线，超过此期限的标红。"
        ),
    )

    panels = [FieldPanel("interpretation_grace_days")]

    class Meta:
        verbose_name = _("政策解读规则")

    def __str__(self):
        return f"{self._meta.verbose_name}：{self.site}"

    def clean(self):
        super().clean()
        if self.interpretation_grace_days > 30:
            raise ValidationError({"interpretation_grace_days": _("宽限期不能超过 30 个工作日。")})


class PolicyPageForm(ScopedPageForm):
    """Offers only the issuing bodies of the policy's own site and the sites above it, and keeps 文号 unique.

    A 文号 is unique per issuing body among released documents: live ones and those approved for a
    scheduled publication. Drafts reserve nothing (a county's draft must not block the city's number,
    nor tell the county that the city is drafting it), and the error names no document: another site's
    unpublished title is not the editor's to read.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anchor = self.instance if self.instance.pk else self.parent_page
        if anchor is not None and "issuing_bodies" in self.fields:
            homes = HomePage.objects.ancestor_of(anchor, inclusive=True)
            self.fields["issuing_bodies"].queryset = IssuingBody.objects.filter(site_home__in=homes)

    def clean(self):
        cleaned_data = super().clean()
        number = normalise_document_number(cleaned_data.get("document_number"))
        bodies = cleaned_data.get("issuing_bodies")
        if number and bodies and self.instance.released_with_number(number, bodies).exists():
            self.add_error("document_number", _("该发文机关的文号已被已发布的文件使用。"))
        return cleaned_data


class PolicyPage(DisclosureFields, Page):
    """A policy document (政策文件) with the metadata of gov.cn's policy library."""

    document_number = models.CharField(
        _("文号"),
        max_length=MAX_LENGTH,
        blank=True,
        validators=[validate_document_number],
        help_text=_("例如 国办发〔2014〕57号；方括号和圆括号会自动改为六角括号。没有文号的文件留空。"),
    )
    issuing_bodies = ParentalManyToManyField(IssuingBody, verbose_name=_("发文机关"), related_name="policies")
    written_date = models.DateField(_("成文日期"))
    publish_date = models.DateField(_("发布日期"), default=timezone.localdate)
    validity = models.CharField(_("有效性"), max_length=20, choices=Validity.choices, default=Validity.VALID)
    validity_changed_on = models.DateField(
        _("失效或修订日期"), null=True, blank=True, help_text=_("有效性不是“有效”时必填。")
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("替代文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        help_text=_("修订或废止本文件的新文件；“已修订”时必填。"),
    )
    is_major = models.BooleanField(
        _("重大政策"), default=False, help_text=_("重大政策须同步发布解读（三同步），发布流程会检查。")
    )
    summary = models.TextField(_("摘要"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("正文"))

    base_form_class = PolicyPageForm
    # An interpretation may link the policies of the sites above its own (sitegroup's chooser hook).
    chosen_from_sites_above = True
    # A translation is the same document: its 文号, 发文机关, dates, validity, attachments and related policies
    # are the original's (the links point at the original policies; templates show their translations).
    override_translatable_fields = [
        *DisclosureFields.disclosure_translated_fields,
        *facts(
            "document_number",
            "issuing_bodies",
            "written_date",
            "publish_date",
            "validity",
            "validity_changed_on",
            "replaced_by",
            "is_major",
            "attachments",
            "related_policy_links",
        ),
    ]
    exclude_fields_in_copy = [*DisclosureFields.exclude_fields_in_copy, "document_number"]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("document_number"),
                FieldPanel("issuing_bodies"),
                FieldRowPanel([FieldPanel("written_date"), FieldPanel("publish_date")]),
                FieldPanel("is_major"),
            ],
            heading=_("文件信息"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("validity"),
                FieldPanel("validity_changed_on"),
                PageChooserPanel("replaced_by", "policy.PolicyPage"),
            ],
            heading=_("有效性"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("附件"), label=_("附件")),
        InlinePanel("related_policy_links", heading=_("相关文件"), label=_("相关文件")),
        *DisclosureFields.disclosure_panels,
    ]
    parent_page_types = ["policy.PolicyIndexPage"]
    subpage_types = []
    search_fields = Page.search_fields + [
        index.SearchField("document_number", boost=5),
        index.FilterField("document_number"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("issuing_bodies", [index.SearchField("name")]),
        index.FilterField("publish_date"),
        index.FilterField("validity"),
        index.FilterField("is_major"),
        *DisclosureFields.disclosure_search_fields,
    ]

    # Without these the content check returns the draft (release.workflow.checks).
    release_required_fields = ("issuing_bodies", "disclosure_category")

    class Meta:
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")

    def disclosure_date(self):
        return self.publish_date

    def clean(self):
        super().clean()
        self.document_number = normalise_document_number(self.document_number)
        errors = {}
        if self.written_date and self.publish_date and self.written_date > self.publish_date:
            errors["written_date"] = _("成文日期不能晚于发布日期。")
        errors.update(self.validity_errors())
        if errors:
            raise ValidationError(errors)

    def released_with_number(self, number, bodies):
        """Other released policies in this locale with the 文号 `number` from any of `bodies` (see PolicyPageForm).

        Released: live, or approved for a scheduled publication. A translation shares its source's number,
        and the locale keeps them apart.
        """
        policies = PolicyPage.objects.filter(
            Q(live=True) | Q(latest_revision__approved_go_live_at__isnull=False),
            document_number=number,
            locale_id=self.locale_id,
            issuing_bodies__in=bodies,
        )
        return policies.exclude(pk=self.pk) if self.pk else policies

    def validity_errors(self):
        if self.validity == Validity.VALID:
            self.validity_changed_on = None
            self.replaced_by = None
            return {}
        errors = {}
        if self.validity_changed_on is None:
            errors["validity_changed_on"] = _("请填写失效或修订日期。")
        if self.validity == Validity.AMENDED and self.replaced_by_id is None:
            errors["replaced_by"] = _("已修订的文件请选择修订后的文件。")
        if self.replaced_by_id is not None and self.replaced_by_id == self.pk:
            errors["replaced_by"] = _("替代文件不能是本文件。")
        return errors

    @property
    def in_force(self):
        return self.validity == Validity.VALID

    def live_interpretations(self):
        """Live, public interpretations of this policy, of every page type that interprets policies, newest first.

        Not those of the sites not yet public (govcms.core.visibility), unless this policy is on that site too.
        One query per such page type (InterpretationPage, an online interview …), one for the protected sections
        and one for the held sites.
        """
        private = Page.objects.private_q()
        held = under_any_of(held_site_paths(self.path))
        # The interpretations of the original policy in its language: a translation's links are copies of its
        # original's (they point at the original policy); a translated policy shows their translations.
        original = self.original()
        interpretations = [
            interpretation
            for model in interpreting_models()
            for interpretation in model.objects.live()
            .exclude(private)
            .exclude(held)
            .filter(policy_links__policy=original, locale_id=original.locale_id)
            .distinct()
        ]
        interpretations = in_language_of(self, interpretations)
        return sorted(interpretations, key=lambda page: (page.date, page.pk), reverse=True)

    def original(self):
        """This policy in the original language: itself, unless it is a translation (its links point there)."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return self.get_translation_or_none(default) or self

    def interpretations_by_kind(self):
        """[(kind label, [interpretations])] for the page, in the order of InterpretationKind."""
        grouped = {}
        for interpretation in self.live_interpretations():
            grouped.setdefault(interpretation.kind, []).append(interpretation)
        return [(label, grouped[kind]) for kind, label in InterpretationKind.choices if kind in grouped]

    def live_related_policies(self):
        related = PolicyPage.objects.live().public().filter(related_from__page=self)
        return in_language_of(self, related.order_by("related_from__sort_order"))

    def live_replacement(self):
        """The live policy replacing this one, in this page's language where it is translated."""
        if self.replaced_by_id is None or not self.replaced_by.live:
            return None
        return in_language_of(self, [self.replaced_by])[0]

    def live_consultations(self):
        """The live, public consultations on this policy's draft (意见征集 whose 正式出台的政策 is this page or one of
        its translations), in this page's language where translated, none of a site not yet public; oldest first.
        Reached through the reverse relation: policy sits below consultations and imports nothing of it."""
        consultations = (
            self.consultations.model.objects.live()
            .public()
            .filter(adopted_policy__translation_key=self.translation_key)
            .exclude(under_any_of(held_site_paths(self.path)))
            .order_by("opens_at", "pk")
        )
        # A consultation and its translation may both name the policy: one entry each, in this page's language.
        by_key = {}
        for consultation in consultations:
            if consultation.translation_key not in by_key or consultation.locale_id == self.locale_id:
                by_key[consultation.translation_key] = consultation
        return in_language_of(self, by_key.values())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["consultations"] = self.live_consultations()
        context["attachment_list"] = self.attachments.select_related("document")
        context["interpretation_groups"] = self.interpretations_by_kind()
        context["related_policies"] = self.live_related_policies()
        context["replacement"] = self.live_replacement()
        context["issuing_body_names"] = [body.name for body in self.issuing_bodies.all()]
        context["topic_names"] = [topic.name for topic in self.topics.all()]
        return context


class PolicyAttachment(AbstractAttachment):
    page = ParentalKey(PolicyPage, related_name="attachments", on_delete=models.CASCADE)

    class Meta(AbstractAttachment.Meta):
        verbose_name = _("附件")


class RelatedPolicy(Orderable):
    page = ParentalKey(PolicyPage, related_name="related_policy_links", on_delete=models.CASCADE)
    policy = models.ForeignKey(
        PolicyPage, verbose_name=_("相关文件"), on_delete=models.CASCADE, related_name="related_from"
    )

    panels = [PageChooserPanel("policy", "policy.PolicyPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("相关文件")


class InterpretsPolicies:
    """A page type that interprets policies: a policy page lists its live pages among the policy's interpretations,
    a live one fulfils 三同步, and publishing one releases the major policies waiting for it (signal_handlers).

    The page type declares a `policy_links` child relation whose rows have a `policy` (a PolicyPage), and its
    pages have a `kind` (an InterpretationKind: a field, or a class attribute) and a `date`. InterpretationPage is
    one; so is interviews.InterviewPage, which this app does not import: interpreting_models() finds them.
    """

    def pages_released_with(self):
        """The waiting major policies that publishing this page releases (三同步; release.workflow.checks)."""
        policy_ids = self.policies_interpreted_in_public()
        return {int(state.workflow_state.object_id) for state in waiting_interpretation_task_states(policy_ids)}

    def policies_interpreted_in_public(self):
        """Ids of the linked policies whose public sees this page beside them (see public_policy_links): none
        while the page is in a protected section; not those a held site of this page is held back from."""
        if self.get_view_restrictions().exists():
            return set()
        # A translation's links are copies of its original's: only the original releases the policy.
        policies = PolicyPage.objects.filter(
            pk__in=[link.policy_id for link in self.policy_links.all()], locale_id=self.locale_id
        )
        held = [path for path in held_site_paths() if self.path.startswith(path)]
        return set(policies.filter(*[Q(path__startswith=path) for path in held]).values_list("pk", flat=True))


def interpreting_models():
    """The page models that interpret policies (InterpretsPolicies), found among Wagtail's page models."""
    return [model for model in get_page_models() if issubclass(model, InterpretsPolicies)]


def public_policy_links(model):
    """The policy link rows of an interpreting `model` whose page the public sees beside the policy (三同步).

    Not a page in a protected section (login, password, groups): a major policy is released with an
    interpretation its readers can open. Not a page on a site not yet public (govcms.core.visibility), unless
    the policy is on that site too: both open together. Live or not: filter page__live for the live ones.
    """
    # A translation's link rows are copies of its original's (they point at the original policy): they do not count.
    links = model._meta.get_field("policy_links").related_model.objects.filter(
        page__in=model.objects.public(), page__locale_id=F("policy__locale_id")
    )
    held_from_the_policy = [
        Q(page__path__startswith=path) & ~Q(policy__path__startswith=path) for path in held_site_paths()
    ]
    return links.exclude(Q(*held_from_the_policy, _connector=Q.OR)) if held_from_the_policy else links


class PolicyLinksFormMixin:
    """For the form of a page type that interprets policies (its `policy_links` rows): refuses links to policies
    the chooser would not offer (a crafted POST names any page id), and a policy linked twice. Django's formset
    compares only the rows it was sent: a crafted POST that leaves out the rows already linked (a lower
    INITIAL_FORMS) and adds one of their policies again passed, and broke the rows' unique constraint when the
    page was saved or published (a 500). Put it before ScopedPageForm, whose is_valid() runs check_inline_rows()."""

    def check_inline_rows(self):
        rows = self.policy_rows()
        return all([super().check_inline_rows(), self.check_linked_policies(rows), self.check_duplicate_policies(rows)])

    def policy_rows(self):
        """(form, policy id, deleted) of the rows naming a policy, read once: an error takes it out of cleaned_data."""
        return [
            (form, form.cleaned_data["policy"].pk, bool(form.cleaned_data.get("DELETE")))
            for form in self.formsets["policy_links"].forms
            if getattr(form, "cleaned_data", None) and form.cleaned_data.get("policy")
        ]

    def check_duplicate_policies(self, rows):
        formset = self.formsets["policy_links"]
        # The links the POST does not mention stay as they are.
        mentioned = {form.instance.pk for form in formset.initial_forms}
        kept = {link.policy_id for link in formset.get_queryset() if link.pk not in mentioned}
        duplicates = []
        for form, policy_id, is_deleted in rows:
            if is_deleted:
                continue
            if policy_id in kept:
                duplicates.append(form)
            kept.add(policy_id)
        for form in duplicates:
            form.add_error("policy", _("该政策文件已关联，同一文件只能关联一次。"))
        return not duplicates

    def check_linked_policies(self, rows):
        from policy.chooser import linkable_policies

        chosen = [(form, policy_id) for form, policy_id, is_deleted in rows if not is_deleted]
        allowed = set(
            linkable_policies(self.for_user)
            .filter(pk__in=[policy_id for form, policy_id in chosen])
            .values_list("pk", flat=True)
        )
        refused = [form for form, policy_id in chosen if policy_id not in allowed]
        for form in refused:
            form.add_error("policy", _("只能选择本站或上级站点已发布（或正在审核）的政策文件。"))
        return not refused


class InterpretationPageForm(PolicyLinksFormMixin, ScopedPageForm):
    """The interpretation's form: its policy links checked (PolicyLinksFormMixin)."""


class InterpretationPage(InterpretsPolicies, Page):
    """An interpretation (政策解读) of one or more policies, or a response to a hot topic (回应关切)."""

    kind = models.CharField(
        _("解读形式"), max_length=20, choices=WRITTEN_INTERPRETATION_KINDS, default=InterpretationKind.DEPARTMENT
    )
    date = models.DateField(_("发布日期"), default=timezone.localdate)
    interpreter = models.CharField(_("解读人"), max_length=60, blank=True)
    interpreter_title = models.CharField(_("职务或职称"), max_length=60, blank=True)
    interpreter_organisation = models.CharField(_("所在单位"), max_length=100, blank=True)
    hot_topic = models.CharField(_("回应的热点问题"), max_length=200, blank=True)
    responded_at = models.DateTimeField(_("回应时间"), null=True, blank=True)
    summary = models.TextField(_("摘要"), max_length=300, blank=True)
    body = StreamField(InterpretationBodyBlock(), verbose_name=_("正文"))

    base_form_class = InterpretationPageForm
    # The interpreter's name, title and organisation and the hot topic are text to translate; the links to the
    # interpreted policies (三同步) and the dates are the original's.
    override_translatable_fields = facts("kind", "date", "responded_at", "policy_links")

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("date")],
            heading=_("解读信息"),
        ),
        MultiFieldPanel(
            [FieldPanel("interpreter"), FieldPanel("interpreter_title"), FieldPanel("interpreter_organisation")],
            heading=_("解读人"),
        ),
        InlinePanel("policy_links", heading=_("解读的政策文件"), label=_("政策文件")),
        MultiFieldPanel(
            [FieldPanel("hot_topic"), FieldPanel("responded_at")],
            heading=_("回应关切"),
            help_text=_("解读形式为“回应关切”时必填。"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    parent_page_types = ["policy.InterpretationIndexPage"]
    subpage_types = []
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("interpreter"),
        index.SearchField("hot_topic"),
        index.FilterField("date"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")

    def clean(self):
        super().clean()
        if self.kind != InterpretationKind.RESPONSE:
            return
        errors = {}
        if not self.hot_topic.strip():
            errors["hot_topic"] = _("回应关切须写明回应的热点问题。")
        if self.responded_at is None:
            errors["responded_at"] = _("回应关切须填写回应时间。")
        if errors:
            raise ValidationError(errors)

    def live_policies(self):
        """The live policies this page interprets; on a translation, their translations where live."""
        policies = (
            PolicyPage.objects.live()
            .public()
            .filter(interpretation_links__page=self)
            .distinct()
            .order_by("-publish_date")
        )
        return in_language_of(self, policies)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["policies"] = self.live_policies()
        return context


class InterpretationPolicy(Orderable):
    """The link from an interpretation to a policy it interprets; the policy page shows it the other way."""

    page = ParentalKey(InterpretationPage, related_name="policy_links", on_delete=models.CASCADE)
    policy = models.ForeignKey(
        PolicyPage, verbose_name=_("政策文件"), on_delete=models.CASCADE, related_name="interpretation_links"
    )

    panels = [PageChooserPanel("policy", "policy.PolicyPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("解读的政策文件")
        constraints = [models.UniqueConstraint(fields=["page", "policy"], name="unique_interpretation_policy")]


class PolicyIndexPage(RoutablePageMixin, AbstractColumnPage):
    """政策文件库: the site's policies with filters, a 文号 lookup and an RSS feed."""

    include_subsites = models.BooleanField(
        _("包含下级站点的文件"),
        default=False,
        help_text=_("勾选后同时列出本站所有下级站点已发布的政策文件（如门户网站的政策文件库）。"),
    )

    content_panels = AbstractColumnPage.content_panels + [FieldPanel("include_subsites")]
    override_translatable_fields = [*AbstractColumnPage.override_translatable_fields, *facts("include_subsites")]
    subpage_types = ["policy.PolicyPage"]
    home_role = "policies"  # the home page's 政策文件 block (home.blocks)

    class Meta:
        verbose_name = _("政策文件库")
        verbose_name_plural = _("政策文件库")

    @classmethod
    def home_listing(cls, page, count, public, request):
        """The library's own newest policies with their 文号, for the home page (home.blocks)."""
        policies = PolicyPage.objects.child_of(page).live().filter(public).order_by("-publish_date", "-pk")[:count]
        return [
            HomeItem(
                title=policy.title,
                url=full_url(policy, request),
                date=policy.publish_date,
                number=policy.document_number,
            )
            for policy in policies
        ]

    def library_policies(self):
        """Every live, public policy the library shows before filtering."""
        if self.include_subsites:
            home = self.site_home()
            policies = PolicyPage.objects.descendant_of(home) if home else PolicyPage.objects.child_of(self)
            # Sites not yet public (govcms.core.visibility) are not advertised by the sites above.
            policies = policies.exclude(under_any_of(held_site_paths(self.path)))
        else:
            policies = PolicyPage.objects.child_of(self)
        return policies.live().public()

    def filter_form(self, request):
        from policy.library import PolicyFilterForm

        policies = self.library_policies()
        bodies = IssuingBody.objects.filter(policies__in=policies).distinct()
        years = sorted({day.year for day in policies.dates("publish_date", "year")}, reverse=True)
        return PolicyFilterForm(request.GET, bodies=bodies, years=years)

    def filtered_policies(self, request):
        """(form, filters, policies newest first) for the request's filters."""
        from policy.library import apply_filters

        form = self.filter_form(request)
        filters = form.valid_filters()
        policies = apply_filters(self.library_policies(), filters)
        return form, filters, policies.order_by("-publish_date", "-pk")

    @path("")
    def library(self, request):
        from policy.library import filter_query_string

        form, filters, policies = self.filtered_policies(request)
        page_of_policies = paginate(request, policies.prefetch_related("issuing_bodies"))
        query = filter_query_string(filters)
        return self.render(
            request,
            context_overrides={
                "filter_form": form,
                "policies": page_of_policies,
                "filter_query": query,
                "feed_url": self.get_url(request) + self.reverse_subpage("feed") + (f"?{query}" if query else ""),
            },
        )

    @path("rss/", name="feed")
    def feed(self, request):
        from policy.feeds import PolicyFeed

        return PolicyFeed()(request, library=self)


class InterpretationIndexPage(AbstractColumnPage):
    """政策解读: the site's interpretations, newest first, optionally of one kind."""

    subpage_types = ["policy.InterpretationPage"]
    home_role = "interpretations"  # the home page's 政策解读 block (home.blocks)

    class Meta:
        verbose_name = _("政策解读栏目")
        verbose_name_plural = _("政策解读栏目")

    @classmethod
    def home_listing(cls, page, count, public, request):
        """The newest interpretations, for the home page (home.blocks)."""
        interpretations = InterpretationPage.objects.child_of(page).live().filter(public)
        interpretations = interpretations.order_by("-date", "-pk")[:count]
        return [HomeItem(title=item.title, url=full_url(item, request), date=item.date) for item in interpretations]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        interpretations = InterpretationPage.objects.child_of(self).live().public()
        # The column holds written interpretations only: no 在线访谈 filter that would always be empty.
        kinds = dict(WRITTEN_INTERPRETATION_KINDS)
        kind = request.GET.get("kind", "")
        if kind in kinds:
            interpretations = interpretations.filter(kind=kind)
        context["kind"] = kind if kind in kinds else ""
        context["kinds"] = WRITTEN_INTERPRETATION_KINDS
        context["interpretations"] = paginate(request, interpretations.order_by("-date", "-pk"))
        return context


def grace_days_for(page):
    """The interpretation grace period, in working days, of the site serving `page` (0: none)."""
    site = page.get_site()
    return PolicySettings.for_site(site).interpretation_grace_days if site else 0


def awaits_interpretation(page):
    """Whether `page` is a major policy that no live, public interpretation accompanies yet (public_policy_links)."""
    if not isinstance(page, PolicyPage) or not page.is_major:
        return False
    return not any(
        public_policy_links(model).filter(page__live=True, policy_id=page.pk).exists()
        for model in interpreting_models()
    )


class InterpretationTask(RestartsAfterChanges, Task):
    """三同步: a major policy completes its workflow only together with a live interpretation the public sees.

    The task waits while none exists; publishing an interpretation of the policy
    approves it (see signal_handlers), so policy and interpretation go live together.
    An interpretation in a protected section (login, password, groups) or on a site not
    yet public neither counts nor releases the policy (public_policy_links): 三同步 is
    about what the public reads, so a site whose interpretation column is protected
    cannot release a major policy until an interpretation is published where the public sees it.
    While it waits the policy is locked, so what goes live is the revision 签发
    approved; to change it, send it back. A site with a grace period lets the
    policy through at once and lists it in the 待解读政策 report instead. Other
    pages pass straight through.
    """

    class Meta:
        verbose_name = _("三同步检查")
        verbose_name_plural = _("三同步检查")

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        page = task_state.revision.as_object()
        if not awaits_interpretation(page):
            self.approve_automatically(task_state, _("无需等待解读：不是重大政策，或已有公开的解读上线。"))
        elif grace_days_for(page):
            self.approve_automatically(task_state, _("本站设有解读宽限期：文件发布后列入“待解读政策”。"))
        return task_state

    @staticmethod
    def approve_automatically(task_state, comment):
        # Inside start(), Wagtail's WorkflowState.update moves on by itself once the state is finished.
        task_state.status = TaskState.STATUS_APPROVED
        task_state.finished_at = timezone.now()
        task_state.comment = str(comment)
        task_state.save()

    def locked_for_user(self, obj, user):
        return True

    def get_actions(self, obj, user):
        """Nobody approves by hand; whoever may publish can send the policy back."""
        if obj.permissions_for_user(user).can_publish():
            return [("reject", _("退回修改"), True)]
        return []

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "reject":
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "重大政策须有公众可见的解读同步上线，解读发布后自动通过（站点设有宽限期时直接通过）；"
            "受保护栏目（需登录或密码）或尚未开通站点中的解读不算。"
        )


def waiting_interpretation_task_states(policy_ids):
    """The 三同步 task states of the given policies that wait for an interpretation."""
    return TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        task__in=InterpretationTask.objects.all(),
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        workflow_state__object_id__in=[str(pk) for pk in policy_ids],
    ).select_related("workflow_state")
