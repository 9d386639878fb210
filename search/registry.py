"""The content types public search knows, and the one place a result's type label comes from.

Each ContentKind is a page model: its date field, any extra facts to index, the type (a key of LABELS)
each of its pages is shown as, and search-only keywords (words a citizen types for a service page that
its text may not contain: 我要写信 for the mailbox). Adding a type is one entry here. Types whose app has no
such model yet are skipped, so an entry can be written before its model lands.

Types (SearchDocument.kind holds the LABELS key, so the 类型 filter is a column filter):
articles are 通知公告 or 信件答复 when typed so, 政府信息公开 when filed in a site's 政务公开 column itself (the
信息公开指南, the 年度报告), 办事指南 when under a 办事服务 column (ColumnFamily.SERVICE, whatever
their article type: editors file guides there), else 新闻动态; a site's columns and index pages (政策文件库,
政府信息公开目录, 突发事件 …) are 栏目; the mailbox is 互动交流. A letter answered in the mailbox is a row of
its page, not a page: it is 信件答复 when published as an article (信件选登). An online interview is 在线访谈, found
by its summary, guests and transcript (the frozen live record). A consultation is 意见征集, found by its summary,
its organiser, its draft and its feedback; a survey is 网上调查, found by its summary.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from govcms.core.provisioning import OPEN_GOVERNMENT_COLUMN
from home.models import ArticleKind, ColumnFamily, ColumnPage, HomePage
from policy.document_numbers import normalise_document_number

LABELS = {
    "policy": _("政策文件"),
    "interpretation": _("政策解读"),
    "interview": _("在线访谈"),
    "consultation": _("意见征集"),
    "survey": _("网上调查"),
    "notice": _("通知公告"),
    "guide": _("办事指南"),
    "reply": _("信件答复"),
    "disclosure": _("政府信息公开"),
    "article": _("新闻动态"),
    "emergency": _("突发事件"),
    "mailbox": _("互动交流"),
    "column": _("栏目"),
}


class IndexFacts:
    """What indexing needs to know beyond the page itself, looked up once per run: which site a page is in
    (a SiteIndex), where the 办事服务 columns and the sites' own 政务公开 columns are."""

    def __init__(self, sites):
        self.sites = sites

    @cached_property
    def service_paths(self):
        columns = ColumnPage.objects.filter(family=ColumnFamily.SERVICE)
        return tuple(columns.values_list("path", flat=True))

    @cached_property
    def disclosure_column_paths(self):
        """The 政务公开 column right below each site home (where 信息公开指南 and 年度报告 are filed)."""
        homes = set(HomePage.objects.values_list("path", flat=True))
        # Through Page's slug index and the content types: joined with home_columnpage, PostgreSQL may walk
        # every page's primary key instead (15 ms at 100,000 pages, on every save's indexing).
        columns = Page.objects.type(ColumnPage).filter(slug=OPEN_GOVERNMENT_COLUMN).values_list("path", flat=True)
        return frozenset(path for path in columns if parent_path(path) in homes)


@dataclass(frozen=True)
class ContentKind:
    model_label: str
    labels: tuple  # keys of LABELS its pages are shown as; the first unless `classify` says otherwise
    date_field: str | None = None
    extras: object = None  # callable(page) -> dict of SearchDocument fields, for type-specific facts
    classify: object = None  # callable(page, IndexFacts) -> one of `labels`
    keywords: str = ""  # searched, never shown in a snippet
    text_fields: tuple = ()  # attributes indexed as text although the model does not declare them searchable
    select_related: tuple = field(default_factory=tuple)
    prefetch_related: tuple = field(default_factory=tuple)

    @property
    def model(self):
        try:
            return apps.get_model(self.model_label)
        except LookupError:
            return None

    def label_key(self, page, facts):
        return self.classify(page, facts) if self.classify else self.labels[0]


def policy_extras(page):
    bodies = [body.name for body in page.issuing_bodies.all()]
    return {
        "document_number": page.document_number or "",
        "document_number_key": normalise_document_number(page.document_number or ""),
        "issuing_bodies": "".join(f"|{name}" for name in bodies) + ("|" if bodies else ""),
        "validity": page.validity or "",
    }


def article_label(page, facts):
    if any(page.path.startswith(path) for path in facts.service_paths):
        return "guide"
    if page.kind in (ArticleKind.NOTICE, ArticleKind.REPLY):
        return page.kind
    # Filed in 政务公开 itself rather than one of its sub-columns: the 信息公开指南, the 年度报告.
    return "disclosure" if parent_path(page.path) in facts.disclosure_column_paths else "article"


def parent_path(path):
    return path[: -Page.steplen]


KINDS = (
    ContentKind(
        "policy.PolicyPage",
        ("policy",),
        "publish_date",
        extras=policy_extras,
        prefetch_related=("issuing_bodies",),
    ),
    ContentKind("policy.InterpretationPage", ("interpretation",), "date"),
    ContentKind(
        "home.ArticlePage", ("article", "notice", "guide", "reply", "disclosure"), "date", classify=article_label
    ),
    ContentKind("emergency.EmergencyPage", ("emergency",)),
    ContentKind(
        "interviews.InterviewPage",
        ("interview",),
        "date",
        keywords=_("在线访谈 访谈 访谈实录 文字实录 实录 嘉宾 网友提问"),
        prefetch_related=("guests",),
    ),
    ContentKind(
        "consultations.ConsultationPage",
        ("consultation",),
        keywords=_("意见征集 征求意见 征求意见稿 公开征求意见 草案 采纳情况"),
        text_fields=("draft", "feedback"),
    ),
    ContentKind(
        "consultations.SurveyPage",
        ("survey",),
        keywords=_("网上调查 调查 问卷 问卷调查 民意调查"),
    ),
    ContentKind("home.ColumnPage", ("column",)),
    ContentKind(
        "mailbox.MailboxPage",
        ("mailbox",),
        keywords=_("我要写信 写信 信箱 领导信箱 来信 留言 咨询 投诉 建议 办理查询 信件 答复"),
        text_fields=("intro",),
    ),
    ContentKind(
        "disclosure.DisclosureCatalogPage",
        ("column",),
        keywords=_("公开目录 信息公开目录 政府信息公开 依申请公开 主动公开 信息公开指南 索引号"),
    ),
    ContentKind("policy.PolicyIndexPage", ("column",), keywords=_("政策文件库 文件库 规范性文件 政策查询 文号")),
    ContentKind("policy.InterpretationIndexPage", ("column",), keywords=_("政策解读 解读 图解 问答")),
    ContentKind(
        "interviews.InterviewIndexPage", ("column",), keywords=_("在线访谈 访谈 访谈预告 正在直播 往期回顾 实录")
    ),
    ContentKind("consultations.ConsultationIndexPage", ("column",), keywords=_("意见征集 征求意见 征求意见稿")),
    ContentKind("consultations.SurveyIndexPage", ("column",), keywords=_("网上调查 调查 问卷")),
    ContentKind(
        "emergency.EmergencyIndexPage", ("column",), keywords=_("突发事件 应急 预警 通报"), text_fields=("intro",)
    ),
)
# Words every page of a type is also found by: 办事指南 finds the guides whatever their titles say.
LABEL_KEYWORDS = {"guide": _("办事指南 办事服务 办理流程")}


def available_kinds():
    """The kinds whose model exists, in display order."""
    return [kind for kind in KINDS if kind.model is not None]


def kind_for_model(model):
    return next((kind for kind in available_kinds() if kind.model is model), None)


def type_keys():
    """The LABELS keys some available kind produces, in LABELS order: the choices of the 类型 filter."""
    produced = {key for kind in available_kinds() for key in kind.labels}
    return [key for key in LABELS if key in produced]


def type_label(key):
    return LABELS.get(key, "")
