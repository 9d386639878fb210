"""The blocks editors compose a site's home page from (HomePage.body).

Each block shows LIVE content of one of the site's columns, under a title and with a 更多 link to that
column. home sits below the feature apps and imports none of them: the blocks reach their pages through
a small protocol that a page type implements on its own model.

* `home_role` (class attribute): the part the page type plays on a home page ("policies",
  "interpretations", "mailbox", "emergencies" …). A block left without a page shows the site's first
  live page of its role; plain columns (home.ColumnPage) play the roles of their update category
  ("news", "notice") and function family ("interact", "service").
* `home_listing(page, count, public, request)` (classmethod): the newest `count` live items below `page`, a
  Page of that class as the chooser returns it (not made specific, which would cost a query), as
  HomeItems, in one query. `public` is a Q keeping the pages outside login- or password-protected
  sections and held sites (the page's `.public()` would query the restrictions again for every block). A column type
  without it lists the articles filed below the column. Item URLs come from `full_url(page, request)`
  (govcms.core.page_urls): each page's own address, Wagtail's site root paths read once per request.
* `home_write_url(page, request)` (classmethod, mailboxes): where 我要写信 goes; `home_lookup_url(page, request)`,
  where 办理查询 goes, so that a citizen following up a letter is one tap from the home page too.
* `home_highlights(now)` (classmethod) and `home_highlight_label`: the pages, of any site, that their own site's
  home page shows at the top under that label while they last (an interview on air: 正在直播), as a queryset
  that `home_context` folds into its one query.

HomePage.get_context finds the default pages of every block, the sites below and the protected sections
in one query, the sites not yet public in another (`home_context`); each block then costs one query for its
listing, whatever it lists. A chosen page is shown only while the public may see it: live, outside protected
sections and held sites, wherever in the tree it is (an old revision or a platform administrator may have
chosen another site's page, which may since have been protected or held).
"""

import datetime
from contextvars import ContextVar
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Page, PageViewRestriction, get_page_models

from govcms.core.page_urls import full_url
from govcms.core.tree import under_any_of
from govcms.core.visibility import held_site_paths

# Roles a plain column (home.ColumnPage) plays, by its update category or its function family.
CATEGORY_ROLES = ("news", "notice")
FAMILY_ROLES = ("interact", "service")
# Pages the 互动交流 block links when the site has them (a page type declaring the role), in this order.
INTERACTION_ROLES = (("interviews", _("在线访谈")), ("consultations", _("意见征集")), ("surveys", _("网上调查")))


@dataclass(frozen=True)
class HomeItem:
    """One entry of a home-page listing. `number` is a short fact shown beside the title (a document's 文号, a
    consultation's state), `image` an article's cover image."""

    title: str
    url: str
    date: datetime.date | None = None
    number: str = ""
    image: object = None


def article_items(articles, request):
    """HomeItems for ArticlePages: the listing of a column type without a `home_listing` of its own."""
    return [
        HomeItem(title=article.title, url=full_url(article, request), date=article.date, image=article.cover_image)
        for article in articles
    ]


def request_of(parent_context):
    return (parent_context or {}).get("request")


def hidden_paths(parent_context):
    return (parent_context or {}).get("hidden_paths", [])


def is_public(page, parent_context):
    """Whether the public may see `page`: live, and outside protected sections and held sites."""
    return page.live and not page.path.startswith(tuple(hidden_paths(parent_context)))


def listing(page, count, parent_context):
    """The newest `count` items below `page` (a Page of any column type), in one query; none when `page`
    is hidden (HomePage.get_context's `hidden_paths`)."""
    if not is_public(page, parent_context):
        return []
    public = ~under_any_of(hidden_paths(parent_context))
    home_listing = getattr(page.specific_class, "home_listing", None)
    if home_listing is not None:
        return home_listing(page, count, public, request_of(parent_context))
    article_model = apps.get_model("home", "ArticlePage")  # home.models imports this module
    articles = article_model.objects.live().filter(public).descendant_of(page).select_related("cover_image")
    return article_items(articles.newest_first()[:count], request_of(parent_context))


def has_listing(page):
    column_model = apps.get_model("home", "ColumnPage")
    page_class = page.specific_class
    return page_class is not None and (hasattr(page_class, "home_listing") or issubclass(page_class, column_model))


def highlighter_number(highlighters, now):
    """An annotation: the index in `highlighters` of the page type whose `home_highlights(now)` holds the page,
    else NULL (a subquery per highlighter, inside home_context's one query)."""
    cases = [
        When(pk__in=model.home_highlights(now).values("pk"), then=Value(number))
        for number, model in enumerate(highlighters)
    ]
    return Case(*cases, default=Value(None), output_field=IntegerField())


def home_context(home, request):
    """What the blocks read from the page's context, in one query (HomePage.get_context):

    * `home_columns`: {role: the site's first public page playing it, in tree order}; pages of the sites
      below do not count;
    * `child_sites`: the live sites directly below and open to the public, as Pages annotated with their
      `kind` and `intro`;
    * `hidden_paths`: the paths of login- or password-protected sections anywhere in the tree (a block may
      name another site's page) and of the sites not yet public (govcms.core.visibility);
    * `home_highlights`: [(label, [HomeItem])] of the site's own public pages that a page type highlights now.
    """
    role_models = [model for model in get_page_models() if getattr(model, "home_role", "")]
    highlighters = [model for model in role_models if hasattr(model, "home_highlights")]
    role_types = ContentType.objects.get_for_models(*role_models, for_concrete_models=False).values()
    home_type = ContentType.objects.get_for_model(type(home))
    # A page belongs to a site below when its ancestor one level below the home is a site home.
    site_path = Substr(OuterRef("path"), 1, len(home.path) + Page.steplen)
    plays_a_role = (
        Q(content_type__in=role_types)
        | Q(columnpage__update_category__in=CATEGORY_ROLES)
        | Q(columnpage__family__in=FAMILY_ROLES)
    )
    below_home = Q(path__startswith=home.path, depth__gt=home.depth, live=True)
    # Only the protected sections, the pages of the types that can play a role or be a site, and the pages
    # highlighted now can be shown. Read first (the types through their index), they leave out the articles,
    # most of a big site's pages, before any per-page subquery runs: the query stays flat as the site grows.
    column_model = apps.get_model("home", "ColumnPage")
    column_models = [model for model in get_page_models() if issubclass(model, column_model)]
    column_types = ContentType.objects.get_for_models(*column_models, for_concrete_models=False).values()
    # The pages of the sites below (each with its own columns) are left out here too, by the path of their
    # site's home: with 50 sites below a portal they would be most of the candidates.
    child_homes = Page.objects.filter(below_home, depth=home.depth + 1, content_type=home_type)
    in_child_site = Q(depth__gt=home.depth + 1) & Q(
        Exists(child_homes.filter(path=Substr(OuterRef("path"), 1, len(home.path) + Page.steplen)))
    )
    now = timezone.now()
    candidates = PageViewRestriction.objects.values("page").union(
        Page.objects.filter(below_home, content_type__in=[*role_types, *column_types, home_type])
        .exclude(in_child_site)
        .order_by()
        .values("pk"),
        *[model.home_highlights(now).order_by().values("pk") for model in highlighters],
    )
    pages = (
        Page.objects.filter(pk__in=candidates)
        .annotate(
            restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))),
            in_site_below=Exists(Page.objects.filter(path=site_path, content_type=home_type)),
            highlighter=highlighter_number(highlighters, now),
        )
        .filter(
            Q(pk__in=PageViewRestriction.objects.values("page"))
            | below_home & Q(in_site_below=False) & plays_a_role
            | below_home & Q(depth=home.depth + 1, content_type=home_type)
            | below_home & Q(in_site_below=False, highlighter__isnull=False)
        )
        .annotate(
            update_category=F("columnpage__update_category"),
            family=F("columnpage__family"),
            kind=F("homepage__kind"),
            intro=F("homepage__intro"),
        )
        .order_by("path")
    )
    columns, child_sites, highlights = {}, [], {}
    hidden = held_site_paths(home.path)
    for page in pages:
        if page.restricted:
            hidden.append(page.path)
        # In path order, a protected section comes before the pages in it: those never stand in for a role.
        inside = page.path.startswith(home.path) and page.depth > home.depth
        if not page.live or not inside or page.path.startswith(tuple(hidden)):
            continue
        if page.highlighter is not None and not page.in_site_below:
            label = highlighters[page.highlighter].home_highlight_label
            highlights.setdefault(label, []).append(HomeItem(title=page.title, url=full_url(page, request)))
        elif not page.in_site_below:
            for role in (getattr(page.specific_class, "home_role", ""), page.update_category, page.family):
                if role:
                    columns.setdefault(role, page)
        elif page.depth == home.depth + 1 and page.content_type_id == home_type.pk:
            child_sites.append(page)
    child_sites = [site for site in child_sites if not site.path.startswith(tuple(hidden))]
    return {
        "home_columns": columns,
        "child_sites": child_sites,
        "hidden_paths": hidden,
        "home_highlights": list(highlights.items()),
    }


# The pages chosen in a home page's blocks, by id, while `loaded_blocks` converts them (one query for all
# blocks; Wagtail would fetch them with a query per block type).
_prefetched_pages = ContextVar("home_block_pages", default=None)


class PrefetchedPageChooserBlock(blocks.PageChooserBlock):
    """A page chooser whose pages `loaded_blocks` fetches at once for the whole home page."""

    def bulk_to_python(self, values):
        pages = _prefetched_pages.get()
        if pages is None:
            return super().bulk_to_python(values)
        return [pages.get(value) for value in values]


def chosen_page_ids(block, raw):
    """The ids in `raw` (a block's raw data) chosen with a PrefetchedPageChooserBlock."""
    if isinstance(block, PrefetchedPageChooserBlock):
        return {raw} if raw else set()
    if isinstance(block, blocks.StreamBlock):
        children = [(block.child_blocks.get(item["type"]), item["value"]) for item in raw]
    elif isinstance(block, blocks.StructBlock):
        children = [(child, raw[name]) for name, child in block.child_blocks.items() if name in raw]
    elif isinstance(block, blocks.ListBlock):
        # Items are {"type": "item", "value": …, "id": …}, or bare values in data saved before Wagtail 2.16.
        values = [item["value"] if isinstance(item, dict) and item.get("type") == "item" else item for item in raw]
        children = [(block.child_block, value) for value in values]
    else:
        return set()
    return set().union(*(chosen_page_ids(child, value) for child, value in children if child is not None))


def loaded_blocks(stream):
    """The blocks of `stream` (a StreamValue of HomeBodyBlock), their chosen pages fetched in one query."""
    ids = chosen_page_ids(stream.stream_block, list(stream.raw_data))
    token = _prefetched_pages.set(Page.objects.in_bulk(ids) if ids else {})
    try:
        return list(stream)
    finally:
        _prefetched_pages.reset(token)


def chosen_or_default(page, role, parent_context):
    """The page an editor chose when the public may see it, else the site's page of `role`
    (HomePage.get_context)."""
    if page is not None:
        return page if is_public(page, parent_context) else None
    return (parent_context or {}).get("home_columns", {}).get(role)


class LinkBlock(blocks.StructBlock):
    """An entry with a short label, to a page of the site or to an address elsewhere."""

    label = blocks.CharBlock(label=_("名称"), max_length=12, help_text=_("不超过12个字，如“办事指南”。"))
    page = PrefetchedPageChooserBlock(label=_("本站页面"), required=False)
    url = blocks.URLBlock(label=_("其他网址"), required=False, help_text=_("链接到其他网站时填写，如政务服务网。"))

    class Meta:
        icon = "link"
        label = _("入口")

    def clean(self, value):
        value = super().clean(value)
        if bool(value["page"]) == bool(value["url"]):
            message = _("请选择本站页面或填写其他网址，二者选一。")
            raise StructBlockValidationError(block_errors={"url": ValidationError(message)})
        return value


def link_entries(links, parent_context):
    """(label, url) of the links whose page the public may see (a withdrawn page is not offered)."""
    entries = []
    for link in links:
        if link["url"]:
            entries.append((link["label"], link["url"]))
        elif link["page"] is not None and is_public(link["page"], parent_context):
            entries.append((link["label"], full_url(link["page"], request_of(parent_context))))
    return entries


def entries_or_defaults(links, default_roles, parent_context):
    """The entries the editors chose, else (label, url) of the site's own pages of `default_roles`
    ((role, label) pairs), those it has."""
    if links:
        return link_entries(links, parent_context)
    columns = (parent_context or {}).get("home_columns", {})
    request = request_of(parent_context)
    return [(label, full_url(columns[role], request)) for role, label in default_roles if role in columns]


class HomeBlock(blocks.StructBlock):
    """A titled section of the home page. `role` names the page its 更多 link goes to by default."""

    role = ""
    title = blocks.CharBlock(label=_("标题"), required=False, max_length=20, help_text=_("留空则使用版块名称。"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["more_page"] = chosen_or_default(value.get("column"), self.role, parent_context)
        context["heading"] = value["title"] or self.meta.label
        return context


class ColumnListingBlock(HomeBlock):
    """The newest items of a column: of the page chosen, else of the site's column playing `role`."""

    column = PrefetchedPageChooserBlock(
        label=_("栏目"), required=False, help_text=_("留空则自动使用本站相应的栏目；“更多”链接到这个栏目。")
    )
    count = blocks.IntegerBlock(label=_("条数"), min_value=3, max_value=15, default=6)

    class Meta:
        template = "home/blocks/column_listing.html"

    def clean(self, value):
        value = super().clean(value)
        if value["column"] is not None and not has_listing(value["column"]):
            # Not named by its title: the page may be another site's, which the page form then refuses.
            message = _("所选页面不是栏目，请选择栏目。")
            raise StructBlockValidationError(block_errors={"column": ValidationError(message)})
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        column = context["more_page"]
        context["items"] = listing(column, value["count"], parent_context) if column else []
        return context


class HeadlinesBlock(ColumnListingBlock):
    role = "news"

    class Meta:
        icon = "pick"
        label = _("要闻")
        help_text = _("最新一条带封面图片的文章以大图显示，其余列在旁边。")
        template = "home/blocks/headlines.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        lead = next((item for item in context["items"] if item.image), None)
        context["lead"] = lead
        context["items"] = [item for item in context["items"] if item is not lead]
        return context


class NoticesBlock(ColumnListingBlock):
    role = "notice"

    class Meta:
        icon = "warning"
        label = _("通知公告")
        help_text = _("列出通知公告栏目的最新信息。")


class PoliciesBlock(ColumnListingBlock):
    role = "policies"

    class Meta:
        icon = "doc-full"
        label = _("政策文件")
        help_text = _("列出政策文件库的最新文件及其文号。")


class InterpretationsBlock(ColumnListingBlock):
    role = "interpretations"

    class Meta:
        icon = "help"
        label = _("政策解读")
        help_text = _("列出政策解读栏目的最新解读。")


class LatestBlock(ColumnListingBlock):
    """Any other column, the 突发事件 index included: the editor chooses it."""

    column = PrefetchedPageChooserBlock(label=_("栏目"), help_text=_("“更多”链接到这个栏目。"))

    class Meta:
        icon = "list-ul"
        label = _("栏目信息")
        help_text = _("列出所选栏目的最新信息。")


class InteractionBlock(HomeBlock):
    """互动交流: 我要写信 to the site's mailbox, 在线访谈, 意见征集 and 网上调查, and the latest answered letters."""

    role = "interact"
    mailbox = PrefetchedPageChooserBlock(label=_("信箱"), required=False, help_text=_("留空则使用本站的政民互动信箱。"))
    links = blocks.ListBlock(
        LinkBlock(),
        label=_("其他入口"),
        max_num=6,
        default=[],
        help_text=_("如在线访谈、意见征集；留空则列出本站已有的在线访谈、意见征集和网上调查栏目。"),
    )
    count = blocks.IntegerBlock(label=_("答复信件条数"), min_value=0, max_value=10, default=5)

    class Meta:
        icon = "mail"
        label = _("互动交流")
        help_text = _("“我要写信”入口、其他互动入口和最新公开答复的来信；“更多”链接到互动交流栏目。")
        template = "home/blocks/interaction.html"

    def clean(self, value):
        value = super().clean(value)
        mailbox = value["mailbox"]
        if mailbox is not None and not hasattr(mailbox.specific_class, "home_write_url"):
            message = _("所选页面不是信箱，请选择政民互动信箱。")
            raise StructBlockValidationError(block_errors={"mailbox": ValidationError(message)})
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        mailbox = chosen_or_default(value["mailbox"], "mailbox", parent_context)
        write_url = getattr(mailbox.specific_class, "home_write_url", None) if mailbox else None
        request = request_of(parent_context)
        context["write_url"] = write_url(mailbox, request) if write_url else ""
        lookup_url = getattr(mailbox.specific_class, "home_lookup_url", None) if write_url else None
        context["lookup_url"] = lookup_url(mailbox, request) if lookup_url else ""
        context["letters"] = listing(mailbox, value["count"], parent_context) if write_url and value["count"] else []
        context["entries"] = entries_or_defaults(value["links"], INTERACTION_ROLES, parent_context)
        return context


class ServicesBlock(HomeBlock):
    """办事服务: entries chosen by the editors, each with a short label."""

    role = "service"
    links = blocks.ListBlock(LinkBlock(), label=_("入口"), min_num=0, max_num=12, default=[])

    class Meta:
        icon = "tasks"
        label = _("办事服务")
        help_text = _("编辑选定的办事入口；未设置时列出本站的办事服务、政策文件库和信箱。“更多”链接到办事服务栏目。")
        template = "home/blocks/services.html"

    # The entries of a site whose editors have chosen none yet: its own pages of these roles.
    DEFAULT_ENTRIES = (("service", _("办事指南")), ("policies", _("政策查询")), ("mailbox", _("咨询投诉")))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["entries"] = entries_or_defaults(value["links"], self.DEFAULT_ENTRIES, parent_context)
        return context


class SiteListBlock(HomeBlock):
    """Sites directly below this one (HomePage.get_context's `child_sites`); nothing when there are none."""

    topics = False

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        sites = (parent_context or {}).get("child_sites", [])
        context["sites"] = [site for site in sites if (site.kind == "topic") == self.topics]
        return context


class TopicsBlock(SiteListBlock):
    topics = True

    class Meta:
        icon = "folder-open-inverse"
        label = _("专题")
        help_text = _("列出本站之下的专题网站（站点类型为“专题”）；没有专题时不显示。")
        template = "home/blocks/sites.html"


class SubsitesBlock(SiteListBlock):
    class Meta:
        icon = "site"
        label = _("下级站点")
        help_text = _("列出本站之下的区县、部门网站；没有下级站点时不显示。")
        template = "home/blocks/sites.html"


class HomeBodyBlock(blocks.StreamBlock):
    headlines = HeadlinesBlock()
    notices = NoticesBlock()
    policies = PoliciesBlock()
    interpretations = InterpretationsBlock()
    latest = LatestBlock()
    interaction = InteractionBlock()
    services = ServicesBlock()
    topics = TopicsBlock()
    subsites = SubsitesBlock()

    class Meta:
        block_counts = {
            "headlines": {"max_num": 1},
            "interaction": {"max_num": 1},
            "services": {"max_num": 1},
            "topics": {"max_num": 1},
            "subsites": {"max_num": 1},
        }
        max_num = 12


# The home page a new site opens with, by site kind (provisioning, and the home of a site whose editors
# have not composed one). Every block finds its column by role, so a default never names a page.
DEFAULT_LAYOUTS = {
    "portal": (
        "headlines",
        "notices",
        "policies",
        "interpretations",
        "interaction",
        "services",
        "topics",
        "subsites",
    ),
    "county": ("headlines", "notices", "policies", "interpretations", "interaction", "services", "subsites"),
    "department": ("headlines", "notices", "policies", "interpretations", "services", "interaction"),
    # A topic site is a citizen's way in too: writing a letter and the services stay one tap from its home.
    "topic": ("headlines", "notices", "policies", "interpretations", "interaction", "services"),
}


def default_layout(kind):
    """The raw stream data of the default home page for a site of `kind`."""
    return [{"type": name, "value": {}} for name in DEFAULT_LAYOUTS[kind]]
