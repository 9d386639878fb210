"""Emergency information (突发事件): each site's 突发事件 index, emergency pages with live updates,
and which emergencies the banner announces on a page.

An emergency sits two levels below its site's home (home → 突发事件 → emergency). Provisioning
gives that index a one-step workflow, so an emergency only needs the 签发 group's approval; see
docs/emergency.md.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BooleanField, Case, Max, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page, PageViewRestriction, TranslatableMixin
from wagtail.search import index

from govcms.core.page_forms import ScopedPageForm
from govcms.core.page_urls import full_url
from govcms.core.translation import facts
from govcms.core.tree import paginate
from home.blocks import HomeItem

# Every site's index is made by provisioning with this title and slug (data, like the column skeleton).
INDEX_TITLE = "突发事件"
INDEX_SLUG = "tfsj"


class EmergencyLevel(models.IntegerChoices):
    """The four levels of the Emergency Response Law (突发事件应对法); Ⅰ is the most serious."""

    RED = 1, _("红色（Ⅰ级）")
    ORANGE = 2, _("橙色（Ⅱ级）")
    YELLOW = 3, _("黄色（Ⅲ级）")
    BLUE = 4, _("蓝色（Ⅳ级）")


def ongoing_q(now=None):
    """Live, not resolved and not past its expiry time.

    Wagtail's publish_scheduled command unpublishes an expired page only when it next runs;
    until then expire_at alone takes the emergency off the banner.
    """
    now = now or timezone.now()
    return Q(live=True, resolved=False) & (Q(expire_at__isnull=True) | Q(expire_at__gt=now))


def of_sites_above_q(site_home):
    """Emergencies of `site_home`'s own site or of any site above it.

    Such an emergency's path starts with the path of one of `site_home`'s ancestors (or of
    `site_home` itself) and it is exactly two levels deeper than that ancestor: its home.
    """
    step = Page.steplen
    return Q(
        *[
            Q(path__startswith=site_home.path[: depth * step], depth=depth + 2)
            for depth in range(1, site_home.depth + 1)
        ],
        _connector=Q.OR,
    )


def banner_emergencies(site_home):
    """The ongoing emergencies to announce on every page of `site_home`'s site, most serious first.

    One query; a second one, for view restrictions, only when there is something to announce.
    """
    emergencies = list(
        EmergencyPage.objects.filter(ongoing_q(), of_sites_above_q(site_home))
        .annotate(last_update=Max("updates__time"))
        .order_by("level", "-last_update", "-pk")
    )
    if not emergencies:
        return []
    # An emergency in a login- or password-protected section is not advertised to the public.
    restricted_paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    return [page for page in emergencies if not any(page.path.startswith(path) for path in restricted_paths)]


class EmergencyIndexPage(Page):
    """突发事件: a site's emergencies, ongoing first. Its place in the tree gives them their workflow."""

    base_form_class = ScopedPageForm

    intro = models.TextField(_("栏目说明"), max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["emergency.EmergencyPage"]
    max_count_per_parent = 1
    home_role = "emergencies"  # a 栏目信息 block of the home page may list it (home.blocks)

    class Meta:
        verbose_name = _("突发事件栏目")
        verbose_name_plural = _("突发事件栏目")

    def listed_emergencies(self):
        """Live, public emergencies: ongoing ones first, then ended ones; latest news first within each."""
        ongoing = Case(When(ongoing_q(), then=True), default=False, output_field=BooleanField())
        return (
            EmergencyPage.objects.child_of(self)
            .live()
            .public()
            .annotate(ongoing=ongoing, last_update=Max("updates__time"))
            .order_by("-ongoing", "-last_update", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["emergencies"] = paginate(request, self.listed_emergencies())
        return context

    @classmethod
    def home_listing(cls, page, count, public, request):
        """The newest emergencies, for the home page (home.blocks)."""
        emergencies = EmergencyPage.objects.child_of(page).live().filter(public).order_by("-first_published_at")
        emergencies = emergencies[:count]
        return [
            HomeItem(title=item.title, url=full_url(item, request), date=timezone.localdate(item.first_published_at))
            for item in emergencies
        ]


class EmergencyPage(Page):
    """An emergency and its updates (首报、续报), announced across its site while it is ongoing."""

    base_form_class = ScopedPageForm

    level = models.PositiveSmallIntegerField(_("级别"), choices=EmergencyLevel.choices)
    summary = models.TextField(
        _("概要"),
        max_length=200,
        help_text=_("发生了什么、影响哪里、公众应当怎么做；200字以内，显示在页面顶部和列表中。"),
    )
    resolved = models.BooleanField(
        _("已结束"),
        default=False,
        help_text=_("事件处置完毕后勾选并发布：全站提示条随即撤下，页面保留供查阅。"),
    )
    resolved_at = models.DateTimeField(_("结束时间"), null=True, blank=True, help_text=_("留空则记为保存时的时间。"))

    content_panels = Page.content_panels + [
        FieldPanel("level"),
        FieldPanel("summary"),
        InlinePanel(
            "updates",
            heading=_("事件进展"),
            label=_("进展"),
            min_num=1,
            help_text=_("第一条为首报；每有新情况就添加一条。页面上按时间倒序显示，最新的在最上面。"),
        ),
        MultiFieldPanel([FieldPanel("resolved"), FieldPanel("resolved_at")], heading=_("处置状态")),
    ]
    # The level, the end and its time are the same emergency's in every language (copied to a live
    # translation as soon as the original is published); the updates are translatable rows (EmergencyUpdate).
    override_translatable_fields = facts("level", "resolved", "resolved_at")
    parent_page_types = ["emergency.EmergencyIndexPage"]
    subpage_types = []
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.RelatedFields("updates", [index.SearchField("text")]),
    ]

    class Meta:
        verbose_name = _("突发事件")
        verbose_name_plural = _("突发事件")

    def clean(self):
        super().clean()
        if not self.resolved:
            self.resolved_at = None
        elif self.resolved_at is None:
            self.resolved_at = timezone.now()

    def is_over(self, now=None):
        """Resolved or past its expiry time (a preview shows what readers will see, live or not)."""
        now = now or timezone.now()
        return self.resolved or bool(self.expire_at and self.expire_at <= now)

    @property
    def level_key(self):
        """ "red", "orange", … for the CSS class of the level badge."""
        return EmergencyLevel(self.level).name.lower()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Newest first by the time each update reports, whatever order the editor entered them in;
        # the first report (首报) ends up last.
        context["updates"] = (
            self.updates.select_related("image").prefetch_related("image__renditions").order_by("-time")
        )
        context["over"] = self.is_over()
        return context


class EmergencyUpdate(TranslatableMixin, Orderable):
    """One update of an emergency: when, what, and optionally a photo.

    Translatable, so wagtail-localize offers its text and image description for translation; its time and
    photo are the same in every language.
    """

    page = ParentalKey(EmergencyPage, related_name="updates", on_delete=models.CASCADE)
    time = models.DateTimeField(_("时间"), default=timezone.now)
    text = models.TextField(_("内容"), max_length=1000)
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("图片说明"), max_length=200, blank=True, help_text=_("向看不到图片的读者说明图片内容；选了图片就必须填写。")
    )

    panels = [FieldPanel("time"), FieldPanel("text"), FieldPanel("image"), FieldPanel("image_alt")]
    override_translatable_fields = facts("time", "image")

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("事件进展")
        verbose_name_plural = _("事件进展")

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("选了图片就请填写图片说明。")})
