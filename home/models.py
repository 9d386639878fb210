"""The page tree of the site group: site homes, columns (栏目) and articles.

A portal and all its sub-sites form one tree. Every site, the portal
included, is rooted at a HomePage; a sub-site's HomePage sits inside its
parent's tree so the parent can list and search its content, and it may also
be a Wagtail Site with a hostname of its own.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from disclosure.metadata import DisclosureFields, organisation_code_validator
from govcms.blocks import RICH_TEXT_FEATURES, BodyBlock
from govcms.core.page_forms import ScopedPageForm
from govcms.core.routing import DirectRouteMixin, route_trail
from govcms.core.translation import facts
from govcms.core.tree import SiteIndex, paginate, site_home_of, under_any_of
from govcms.core.visibility import held_site_paths
from home.blocks import HomeBodyBlock, default_layout, home_context, loaded_blocks
from home.feeds import ColumnFeed


class SiteKind(models.TextChoices):
    PORTAL = "portal", _("门户网站")
    COUNTY = "county", _("区县")
    DEPARTMENT = "department", _("部门")
    TOPIC = "topic", _("专题")


class ColumnFamily(models.TextChoices):
    """The four function families of 国办发〔2017〕47号."""

    PUBLISH = "publish", _("信息发布")
    INTERPRET = "interpret", _("解读回应")
    SERVICE = "service", _("办事服务")
    INTERACT = "interact", _("互动交流")


class UpdateCategory(models.TextChoices):
    """How often inspection expects a column to be updated (see docs/monitoring)."""

    NEWS = "news", _("动态要闻")
    NOTICE = "notice", _("通知公告")
    POLICY = "policy", _("政策文件")
    PERSONNEL = "personnel", _("人事规划")
    OTHER = "other", _("其他")


class ArticleKind(models.TextChoices):
    NEWS = "news", _("新闻")
    MEETING = "meeting", _("会议")
    ACTIVITY = "activity", _("活动")
    NOTICE = "notice", _("通知公告")
    # A citizen's letter and its answer published as an article (信件选登), as many sites do besides the mailbox.
    REPLY = "reply", _("信件答复")


class HomePage(RoutablePageMixin, DirectRouteMixin, Page):
    """Root of the portal and of every sub-site."""

    base_form_class = ScopedPageForm

    kind = models.CharField(_("站点类型"), max_length=20, choices=SiteKind.choices, default=SiteKind.PORTAL)
    intro = models.TextField(_("站点简介"), blank=True, max_length=500)
    organisation_code = models.CharField(
        _("信息公开机构代码"),
        max_length=30,
        blank=True,
        validators=[organisation_code_validator],
        help_text=_("索引号的前缀，通常为主办机关的统一社会信用代码或组织机构代码。留空则使用站点编号。"),
    )
    body = StreamField(
        HomeBodyBlock(),
        verbose_name=_("首页版块"),
        blank=True,
        help_text=_("首页由这些版块组成，按顺序显示；留空则按站点类型显示默认版块。"),
    )

    content_panels = Page.content_panels + [
        # The kind places the site in the site group (站群导航, 专题) and picks its default home blocks: the
        # platform's to set (the right to open sites), not the site's own editors'.
        FieldPanel("kind", permission="sitegroup.provision_subsite"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("organisation_code")]
    # The code prefixes the site's 索引号 in every language; the blocks' texts are translated, their settings kept.
    override_translatable_fields = facts("kind", "organisation_code")
    parent_page_types = ["wagtailcore.Page", "home.HomePage"]
    # Only provisioning (sitegroup) opens a site: it gives the home its collection, role groups, workflows
    # and columns. A home added in the page editor would be a site without them, and Wagtail lets anyone
    # with add rights at a site home add one, a county's editors included. Provisioning asks can_exist_under.
    is_creatable = False
    subpage_types = [
        "home.ColumnPage",
        "home.HomePage",
        "emergency.EmergencyIndexPage",
        "policy.PolicyIndexPage",
        "policy.InterpretationIndexPage",
        "disclosure.DisclosureCatalogPage",
        "home.StandardPage",
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("站点首页")
        verbose_name_plural = _("站点首页")

    def disclosure_organisation_code(self):
        return self.organisation_code or f"S{self.pk:06d}"

    def site_articles(self):
        """Live articles of this site, excluding those of its own sub-sites."""
        return ArticlePage.objects.live().public().descendant_of(self).exclude(under_any_of(self.subsite_paths()))

    def subsite_paths(self):
        """Tree paths of every sub-site below this one (a short list: sites are few)."""
        return list(HomePage.objects.descendant_of(self).values_list("path", flat=True))

    def home_body(self):
        """The blocks the home page shows: the editors' composition, else the default of the site's kind."""
        if self.body:
            return self.body
        return self._meta.get_field("body").to_python(default_layout(self.kind))

    def get_context(self, request, *args, **kwargs):
        """What the blocks (home.blocks) read: the site's page of each role, the sites below, protected sections."""
        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(self, request))
        context["home_blocks"] = loaded_blocks(self.home_body())
        return context

    @path("sitemap/", name="site_map")
    def site_map(self, request):
        """网站地图: the site's columns, nested, and the services in them (on a sub-site too, at its own address)."""
        from home.entries import site_map  # home.entries builds on this module

        context = {
            "page": self,
            "self": self,
            "site_map": site_map(self),
            "current_title": _("网站地图"),
            "canonical_url": self.full_url + self.reverse_subpage("site_map"),
        }
        return TemplateResponse(request, "home/site_map.html", context)


class AbstractColumnPage(Page):
    """What every column (栏目) has, whatever it lists.

    ColumnPage (articles) and the index pages of the feature apps (policy's 政策文件库 and 政策解读,
    disclosure's 政府信息公开目录) extend it directly: each keeps a column's function family, update
    category (update monitoring) and intro, sits under a site home or a plain column, and takes its
    place in the site's navigation (the top menu when show_in_menus is set, as for any page, and its
    parent column's sub-columns). Only ColumnPage lists articles, aggregates sub-sites and accepts
    submissions. `column_pages()` queries every column type at once.
    """

    base_form_class = ScopedPageForm

    family = models.CharField(_("栏目类别"), max_length=20, choices=ColumnFamily.choices, default=ColumnFamily.PUBLISH)
    update_category = models.CharField(
        _("更新类别"),
        max_length=20,
        choices=UpdateCategory.choices,
        default=UpdateCategory.OTHER,
        help_text=_("用于栏目更新监测：动态要闻两周、通知公告和政策文件六个月内须有更新。"),
    )
    intro = RichTextField(_("栏目说明"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("family"), FieldPanel("update_category")], heading=_("分类")),
        FieldPanel("intro"),
    ]
    # A translated column is the same column: its category and update monitoring are not the translator's.
    override_translatable_fields = facts("family", "update_category")
    parent_page_types = ["home.HomePage", "home.ColumnPage"]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True

    def site_home(self, request=None):
        """The home of the column's site: from the pages the route of `request` walked when it served this
        column (govcms.core.routing), else one query."""
        trail = route_trail(request, self)
        if trail is not None:
            home_type = ContentType.objects.get_for_model(HomePage)
            return next(page for page in reversed(trail) if page.content_type_id == home_type.pk)
        return site_home_of(self)


def column_pages():
    """Every column of whichever type, as a Page queryset (add .specific() for the column fields).

    ColumnPage.objects holds the plain columns only: the index pages extend AbstractColumnPage, not
    ColumnPage. Use this (or `.type(AbstractColumnPage)` on a tree query) wherever "columns" means
    all of them: navigation, sub-columns, update and blank-column monitoring.
    """
    return Page.objects.type(AbstractColumnPage)


class ColumnPage(RoutablePageMixin, AbstractColumnPage):
    """A column (栏目) or channel; lists its articles newest first, also as RSS (rss/)."""

    aggregate_subsites = models.BooleanField(
        _("汇集下级站点文章"),
        default=False,
        help_text=_("勾选后列出本站所有下级站点的最新文章（如“区县动态”），而非本栏目的文章。"),
    )
    accepts_submissions = models.BooleanField(
        _("接受下级报送"),
        default=False,
        help_text=_("勾选后，下级站点可向本栏目报送文章；本站编辑采用的文章列在本栏目中，链接到下级站点的原文。"),
    )

    content_panels = AbstractColumnPage.content_panels + [
        FieldPanel("aggregate_subsites"),
        FieldPanel("accepts_submissions"),
    ]
    override_translatable_fields = [
        *AbstractColumnPage.override_translatable_fields,
        *facts("aggregate_subsites", "accepts_submissions"),
    ]
    subpage_types = [
        "home.ColumnPage",
        "home.ArticlePage",
        "policy.PolicyIndexPage",
        "policy.InterpretationIndexPage",
        "disclosure.DisclosureCatalogPage",
        "mailbox.MailboxPage",
        "home.StandardPage",
    ]

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")

    def clean(self):
        super().clean()
        if self.aggregate_subsites and self.accepts_submissions:
            # An aggregating column lists every sub-site's articles already: adopting one would change nothing.
            raise ValidationError(
                {"accepts_submissions": _("汇集下级站点文章的栏目已列出全部下级文章，无需接受报送。")}
            )

    def listed_articles(self, subsites=None):
        """Live articles, newest first: of this column and its sub-columns, or when aggregating,
        of every sub-site (`subsites` as returned by aggregated_subsites(), to save a query).

        A column accepting submissions also lists the sub-sites' articles its editors adopted
        (submissions.Submission): the same pages, linked on their own site, in one query.
        """
        if self.aggregate_subsites:
            subsites = self.aggregated_subsites() if subsites is None else subsites
            articles = ArticlePage.objects.filter(under_any_of(subsites))
        elif self.accepts_submissions:
            adopted = self.submissions.adopted().values("article_id")
            adopted_public = Q(pk__in=adopted) & ~under_any_of(held_site_paths(self.path))
            articles = ArticlePage.objects.filter(Q(path__startswith=self.path) | adopted_public)
        else:
            articles = ArticlePage.objects.descendant_of(self)
        # public(): articles in a login- or password-protected section are not advertised.
        articles = articles.live().public()
        return articles.newest_first()

    def aggregated_subsites(self, home=None):
        """Live sub-sites below this column's own site (`home` when known), keyed by tree path."""
        home = home or self.site_home()
        if home is None:
            return {}
        subsites = HomePage.objects.live().descendant_of(home).only("path", "title")
        held = held_site_paths(self.path)
        return {subsite.path: subsite for subsite in subsites if not subsite.path.startswith(tuple(held))}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = self.site_home(request)
        subsites = self.aggregated_subsites(home) if self.aggregate_subsites else None
        articles = paginate(request, self.listed_articles(subsites), site_home=home, seek_keys=ARTICLE_LISTING_ORDER)
        if subsites:
            label_with_subsite(articles, subsites)
        context["articles"] = articles
        from home.entries import column_entries  # home.entries builds on this module

        # Everything else a citizen may look for here: sub-columns, the mailbox, the policy library, the
        # disclosure catalogue, interview lists … whatever their page type.
        context["entries"] = column_entries(self)
        return context

    @path("rss/", name="feed")
    def feed(self, request):
        return ColumnFeed()(request, column=self)


def label_with_subsite(articles, subsites_by_path):
    """Set `article.subsite` to the deepest sub-site each article belongs to, for the listing."""
    subsites = SiteIndex(subsites_by_path.values())
    for article in articles:
        article.subsite = subsites.site_for(article)


# Every listing of articles (columns, home blocks, 区县动态, feeds), newest first, in keys one index serves
# (ArticlePage.Meta.indexes): both columns are on home_articlepage, so the database walks the index backwards
# and stops at the LIMIT instead of sorting every article of the site. The tie-break between articles of the
# same date is creation order (the page id): first_published_at, on wagtailcore_page, would need a sort, and
# it mostly follows creation anyway (an article is written, then published).
ARTICLE_LISTING_ORDER = ("-date", "-page_ptr_id")


class ArticlePageQuerySet(PageQuerySet):
    def newest_first(self):
        return self.order_by(*ARTICLE_LISTING_ORDER)


class ArticlePage(DisclosureFields, Page):
    """News, meetings, activities and notices."""

    base_form_class = ScopedPageForm
    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    kind = models.CharField(_("文章类型"), max_length=20, choices=ArticleKind.choices, default=ArticleKind.NEWS)
    date = models.DateField(_("发布日期"), default=timezone.localdate, help_text=_("页面上显示的发布日期"))
    source = models.CharField(_("来源"), max_length=100, blank=True)
    author = models.CharField(_("作者"), max_length=100, blank=True)
    summary = models.TextField(
        _("摘要"), max_length=200, blank=True, help_text=_("用于列表和搜索结果，200字以内；留空则不显示。")
    )
    body = StreamField(BodyBlock(), verbose_name=_("正文"))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("封面图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("首页“要闻”以大图显示最新一条有封面图片的文章。图片的“描述”用作替代文字。"),
    )

    # A draft may lack these; the release workflow's content check will not pass it without them.
    release_required_fields = ("source",)
    # The source (来源) and author are names to translate; the rest is the same article in every language.
    override_translatable_fields = [
        *DisclosureFields.disclosure_translated_fields,
        *facts("kind", "date", "cover_image", "attachments"),
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("date"), FieldPanel("source"), FieldPanel("author")],
            heading=_("文章信息"),
        ),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("附件"), label=_("附件")),
        *DisclosureFields.disclosure_panels,
    ]
    parent_page_types = ["home.ColumnPage"]
    subpage_types = []
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("source"),
        index.FilterField("date"),
        index.FilterField("kind"),
        *DisclosureFields.disclosure_search_fields,
    ]

    class Meta:
        verbose_name = _("文章")
        verbose_name_plural = _("文章")
        indexes = [models.Index(fields=list(ARTICLE_LISTING_ORDER), name="home_article_newest_first")]

    def disclosure_date(self):
        return self.date

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachment_list"] = self.attachments.select_related("document")
        return context


class AbstractAttachment(Orderable):
    """A document attached to a page, listed under its body."""

    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("显示名称"), max_length=200, blank=True, help_text=_("留空则使用文件标题"))

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("附件")

    @property
    def display_title(self):
        return self.title or self.document.title


class ArticleAttachment(AbstractAttachment):
    page = ParentalKey(ArticlePage, related_name="attachments", on_delete=models.CASCADE)

    class Meta(AbstractAttachment.Meta):
        verbose_name = _("附件")


class FooterLink(models.TextChoices):
    """The pages every government site links from its footer (provisioned by home.provisioning)."""

    CONTACT = "contact", _("联系我们")
    STATEMENT = "statement", _("网站声明")
    PRIVACY = "privacy", _("隐私政策")


class StandardPage(Page):
    """A plain page of text: 联系我们, 网站声明, 隐私政策, 机构概况 and the like."""

    base_form_class = ScopedPageForm

    body = StreamField(BodyBlock(), verbose_name=_("正文"))
    footer_link = models.CharField(
        _("页脚链接"),
        max_length=20,
        choices=FooterLink.choices,
        blank=True,
        help_text=_("选择后，本站页脚的相应链接指向本页面（须是站点首页的下级页面）。"),
    )

    content_panels = Page.content_panels + [FieldPanel("body")]
    promote_panels = Page.promote_panels + [FieldPanel("footer_link")]
    override_translatable_fields = facts("footer_link")
    parent_page_types = ["home.HomePage", "home.ColumnPage"]
    subpage_types = []
    search_fields = Page.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = _("普通页面")
        verbose_name_plural = _("普通页面")


def footer_pages(home):
    """The live footer pages directly below a site home, by FooterLink value (one query).

    Selected by content type as well as by place: the content-type index finds the few standard pages, where
    `child_of` alone let PostgreSQL walk every page of the tree by primary key to find the portal's children
    (issue 18: 40 ms -> 0.2 ms at 100,000 pages). StandardPage has no subclasses, so the exact type is all.
    """
    standard_page = ContentType.objects.get_for_model(StandardPage)
    pages = (
        StandardPage.objects.child_of(home)
        .filter(content_type=standard_page)
        .live()
        .exclude(footer_link="")
        .order_by("-path")
    )
    # Ordered last to first: where two pages claim one link, the first in the tree wins.
    return {page.footer_link: page for page in pages}
