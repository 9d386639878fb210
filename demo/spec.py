"""What a demo site holds, as plain data.

Content modules describe articles with the block helpers below (`para`,
`heading`, `table`, ...). Images and documents do not exist yet when the data
is written, so `figure` and `document` only name them; the loader creates them
in the site's collection and `to_raw` receives them through `media`.

Text may contain `{year}`: it becomes the year of the article's date, so
document numbers such as 示政办发〔{year}〕12号 stay consistent with dates that
are computed relative to the day the demo is loaded.
"""

from dataclasses import dataclass
from datetime import date
from uuid import uuid4

from django.utils.html import format_html, format_html_join

from home.models import ArticleKind, ColumnFamily, UpdateCategory


@dataclass(frozen=True)
class Paragraphs:
    texts: tuple[str, ...]
    bulleted: bool = False

    def to_raw(self, media, year):
        texts = [(text.format(year=year),) for text in self.texts]
        if self.bulleted:
            return "paragraph", format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", texts))
        return "paragraph", format_html_join("", "<p>{}</p>", texts)


@dataclass(frozen=True)
class Heading:
    text: str
    level: str = "h2"

    def to_raw(self, media, year):
        return "heading", {"text": self.text.format(year=year), "level": self.level}


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str = ""

    def to_raw(self, media, year):
        return "quote", {"text": self.text.format(year=year), "attribution": self.attribution.format(year=year)}


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""

    def to_raw(self, media, year):
        data = [[cell.format(year=year) for cell in row] for row in self.rows]
        return "table", {
            "data": data,
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": self.caption.format(year=year),
        }


@dataclass(frozen=True)
class Figure:
    """The site's banner image, with a caption and alt text of its own."""

    caption: str
    alt_text: str

    def to_raw(self, media, year):
        image = {"image": media.banner.pk, "alt_text": self.alt_text, "decorative": False}
        return "image", {"image": image, "caption": self.caption.format(year=year)}


@dataclass(frozen=True)
class DocumentLink:
    """A link to one of the article's documents, named by its title."""

    title: str

    def to_raw(self, media, year):
        return "document", {"document": media.document(self.title.format(year=year)).pk, "title": ""}


@dataclass(frozen=True)
class Gallery:
    """A 图解: frames read in order, each drawn on the site's banner image with a caption and alt text of its own."""

    title: str
    frames: tuple[tuple[str, str], ...]  # (caption, alt text)

    def to_raw(self, media, year):
        images = [
            {
                "type": "item",
                "id": str(uuid4()),
                "value": {
                    "image": {"image": media.banner.pk, "alt_text": alt_text, "decorative": False},
                    "caption": caption.format(year=year),
                },
            }
            for caption, alt_text in self.frames
        ]
        return "gallery", {"title": self.title.format(year=year), "images": images}


def para(*texts):
    return Paragraphs(texts)


def bullets(*items):
    return Paragraphs(items, bulleted=True)


def heading(text, level="h2"):
    return Heading(text, level)


def quote(text, attribution=""):
    return Quote(text, attribution)


def table(*rows, caption=""):
    """A table whose first row is the header."""
    return Table(rows, caption)


def figure(caption, alt_text):
    return Figure(caption, alt_text)


def document(title):
    return DocumentLink(title)


def gallery(title, *frames):
    return Gallery(title, frames)


class WithDocuments:
    """Content whose `attachments` and `document` blocks become generated PDFs in the site's collection."""

    def document_titles(self):
        linked = [block.title for block in self.body if isinstance(block, DocumentLink)]
        return list(dict.fromkeys([*self.attachments, *linked]))


@dataclass(frozen=True)
class Article(WithDocuments):
    """An article of a demo site.

    `column` is the path of column slugs below the site home ("zwgk/tzgg").
    The date is `days_ago` days before loading, or the fixed `published` date
    of a historical document. Every title in `attachments` (and every title a
    `document` block names) becomes a generated PDF in the site's collection.
    """

    column: str
    slug: str
    title: str
    summary: str
    body: tuple
    days_ago: int = 0
    published: date | None = None
    kind: str = ArticleKind.NEWS
    source: str = ""
    author: str = ""
    attachments: tuple[str, ...] = ()
    disclosure_category: str = ""  # a 公开类别 lists the article in the site's 政府信息公开目录
    topics: tuple[str, ...] = ()  # names of the seeded 主题分类
    cover: bool = False  # the site's banner as the cover image: the home page's 要闻 shows it large


@dataclass(frozen=True)
class Policy(WithDocuments):
    """A policy document (policy.PolicyPage) in the site's 政策文件库.

    `issuing_bodies` name the site's own 发文机关 or those of the sites above it.
    A policy `repealed_by` another (named by slug) is 已废止 from the day its
    replacement was published; list the replacement first. The 成文日期 is
    `written_days_before` the publish date.
    """

    slug: str
    title: str
    document_number: str
    issuing_bodies: tuple[str, ...]
    summary: str
    body: tuple
    disclosure_category: str
    topics: tuple[str, ...]
    days_ago: int = 0
    published: date | None = None
    written_days_before: int = 7
    is_major: bool = False
    repealed_by: str = ""
    attachments: tuple[str, ...] = ()
    column: str = "zwgk/zcwj"


@dataclass(frozen=True)
class Interpretation:
    """An interpretation (policy.InterpretationPage) of the site's policies, named by slug."""

    slug: str
    title: str
    kind: str
    policies: tuple[str, ...]
    summary: str
    body: tuple
    days_ago: int = 0
    published: date | None = None
    interpreter: str = ""
    interpreter_title: str = ""
    interpreter_organisation: str = ""
    column: str = "zwgk/zcjd"


@dataclass(frozen=True)
class Person:
    surname: str
    given_name: str


@dataclass(frozen=True)
class AggregateColumn:
    """A column listing the latest articles of every sub-site, such as the portal's 区县动态."""

    title: str
    slug: str
    intro: str
    family: str = ColumnFamily.PUBLISH
    update_category: str = UpdateCategory.NEWS


@dataclass(frozen=True)
class Update:
    """An update (首报、续报) posted `minutes_ago` minutes before the demo is loaded."""

    minutes_ago: int
    text: str


@dataclass(frozen=True)
class Emergency:
    """An ongoing emergency in the site's 突发事件 index (emergency.models.EmergencyPage)."""

    slug: str
    title: str
    summary: str
    level: int
    updates: tuple[Update, ...]


@dataclass(frozen=True)
class DemoSite:
    """A demo site: provisioned like any sub-site, then filled with identity, people and articles.

    `key` prefixes the usernames (qingshan_editor); `people` maps a role
    suffix of sitegroup.provisioning.ROLES (编辑), 访谈主持, and 翻译 on a site with English, to the person
    holding it.
    `banner_colours` are the sky and ground colours of the site's banner. A site with an
    `emergency` shows its banner on every page. Policies and interpretations go to the
    site's 政策文件库 and 政策解读 columns, with the site's `issuing_bodies` created first.
    """

    key: str
    name: str
    slug: str
    kind: str
    hostname: str
    intro: str
    identity: dict
    people: dict
    articles: tuple[Article, ...]
    banner_colours: tuple[str, str] = ("#1f5fa8", "#2e7d4f")
    aggregate_column: AggregateColumn | None = None
    emergency: Emergency | None = None
    organisation_code: str = ""  # 信息公开机构代码, the prefix of the site's 索引号
    issuing_bodies: tuple[str, ...] = ()  # the site's own 发文机关
    policies: tuple[Policy, ...] = ()
    interpretations: tuple[Interpretation, ...] = ()
