"""The automated content check (内容检查) run before any human review.

It finds what the annual inspection calls serious errors before a reviewer
has to: words from the sensitive-word lists, wrong forms of official names
and titles (严重错别字), links to pages or documents that are deleted,
unpublished or private, and missing required metadata.

Apps add checks of their own through the `govcms_content_checks` hook
(CONTENT_CHECKS_HOOK): a function taking the page (as it would be published)
and returning Problems, run after release's own checks in the order of the
apps in INSTALLED_APPS (translations checks a translated page's glossary terms
and untranslated segments). Release imports none of them.
"""

from dataclasses import dataclass, field

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from govcms.core.hooks import hooks_in_app_order
from govcms.core.tree import site_home_of
from release.models import PlatformContentRules, SiteContentRules

# Problem kinds, in the order a report lists them.
SENSITIVE_WORD = "sensitive_word"
WRONG_NAME = "wrong_name"
BROKEN_LINK = "broken_link"
MISSING_METADATA = "missing_metadata"

CONTENT_CHECKS_HOOK = "govcms_content_checks"


@dataclass(frozen=True)
class Problem:
    kind: str
    message: str

    def as_dict(self):
        return {"kind": self.kind, "message": self.message}


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)

    @property
    def passed(self):
        return not self.problems

    def as_text(self):
        lines = [_("内容检查未通过，请修改以下问题后重新提交：")]
        lines += [f"{number}. {problem.message}" for number, problem in enumerate(self.problems, start=1)]
        return "\n".join(lines)

    def as_data(self):
        return [problem.as_dict() for problem in self.problems]


def check_page(page):
    """Check a page as it would be published (pass `revision.as_object()` for a draft)."""
    text = page_text(page)
    rules = applicable_rules(page)
    report = CheckReport()
    report.problems += find_sensitive_words(text, rules)
    report.problems += find_wrong_names(text, rules)
    report.problems += find_broken_links(page)
    report.problems += find_missing_metadata(page)
    for check in hooks_in_app_order(CONTENT_CHECKS_HOOK):
        report.problems += check(page)
    return report


def applicable_rules(page):
    """The platform's rules plus those of every site above the page (a county inherits its city's lists)."""
    ancestors = Page.objects.ancestor_of(page, inclusive=True)
    site_rules = SiteContentRules.objects.filter(site__root_page__in=ancestors.values("pk"))
    return [PlatformContentRules.load(), *site_rules]


def page_text(page):
    """All the text a reader would see: title, text fields, rich text and StreamField content."""
    parts = [page.title]
    for model_field in page._meta.concrete_fields:
        # Page's own fields are bookkeeping (slug, paths), bar the description readers see;
        # fields with choices hold codes, not prose.
        if (model_field.model is Page and model_field.name != "search_description") or model_field.choices:
            continue
        value = model_field.value_from_object(page)
        if hasattr(model_field, "get_searchable_content"):
            parts += [str(chunk) for chunk in model_field.get_searchable_content(value)]
        elif isinstance(value, str) and model_field.get_internal_type() in ("CharField", "TextField"):
            parts.append(value)
    return strip_tags("\n".join(parts))


def find_sensitive_words(text, rules):
    words = {word for rule in rules for word in rule.word_list()}
    return [
        Problem(SENSITIVE_WORD, _("含有敏感词“%(word)s”。") % {"word": word}) for word in sorted(words) if word in text
    ]


def find_wrong_names(text, rules):
    corrections = {pair for rule in rules for pair in rule.correction_list()}
    return [
        Problem(WRONG_NAME, _("“%(wrong)s”应为“%(right)s”。") % {"wrong": wrong, "right": right})
        for wrong, right in sorted(corrections)
        if wrong in text
    ]


def find_missing_metadata(page):
    problems = []
    for field_name in getattr(page, "release_required_fields", ()):
        value = getattr(page, field_name)
        # A many-to-many field (e.g. 发文机关) gives a manager, which is always true.
        if not (value.exists() if hasattr(value, "exists") else value):
            label = page._meta.get_field(field_name).verbose_name
            problems.append(Problem(MISSING_METADATA, _("缺少必填信息“%(field)s”。") % {"field": label}))
    return problems


def find_broken_links(page):
    page_ids, document_ids = linked_object_ids(page)
    # The page itself, and the pages that go live in the same moment (三同步), are no broken links.
    page_ids -= {page.pk, *pages_released_with(page)}
    return broken_page_links(page_ids, site_home_of(page)) + broken_document_links(document_ids)


def pages_released_with(page):
    """Ids of the pages that publishing `page` releases too (an interpretation's waiting policies)."""
    released_with = getattr(page, "pages_released_with", None)
    return released_with() if released_with else set()


def linked_object_ids(obj):
    """Ids of the pages and documents that `obj` links to, in rich text, StreamField and inline children."""
    document_model = get_document_model()
    page_ids, document_ids = set(), set()
    for model, object_id in _references(obj):
        if issubclass(model, Page):
            page_ids.add(int(object_id))
        elif issubclass(model, document_model):
            document_ids.add(int(object_id))
    return page_ids, document_ids


def _references(obj, parental_key=None):
    """(model, id) of what `obj`'s fields point to; `parental_key`, a child's key to its page, is not a link."""
    for model_field in obj._meta.concrete_fields:
        if model_field == parental_key:
            continue
        if hasattr(model_field, "extract_references"):
            value = model_field.value_from_object(obj)
            for model, object_id, _model_path, _content_path in model_field.extract_references(value):
                yield model, object_id
        # An inline child's foreign keys are its content (a document, a policy); the page's own are bookkeeping.
        elif parental_key is not None and model_field.many_to_one and getattr(obj, model_field.attname):
            yield model_field.related_model, getattr(obj, model_field.attname)
    for relation in get_all_child_relations(obj):
        for child in getattr(obj, relation.get_accessor_name()).all():
            yield from _references(child, parental_key=relation.field)


def broken_page_links(page_ids, own_site):
    """Problems of the links to `page_ids`, naming a hidden target only when it lies in `own_site` (its subtree).

    The report is read by the page's editors and reviewers: another site's draft or private page,
    which they may not see, is not named (no title), so the report is no window onto other sites.
    """
    if not page_ids:
        return []
    found = {page.pk: page for page in Page.objects.filter(pk__in=page_ids)}
    restricted_paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    problems = []
    for page_id in sorted(page_ids):
        target = found.get(page_id)
        if target is None:
            problems.append(Problem(BROKEN_LINK, _("链接的页面（ID %(id)s）已被删除。") % {"id": page_id}))
        elif not target.live or any(target.path.startswith(path) for path in restricted_paths):
            problems.append(Problem(BROKEN_LINK, hidden_page_message(target, own_site)))
    return problems


def hidden_page_message(target, own_site):
    if own_site is None or not target.path.startswith(own_site.path):
        return _("链接指向未发布或无权查看的页面。")
    if not target.live:
        return _("链接的页面“%(title)s”尚未发布或已撤下。") % {"title": target.title}
    return _("链接的页面“%(title)s”不对公众开放。") % {"title": target.title}


def broken_document_links(document_ids):
    if not document_ids:
        return []
    document_model = get_document_model()
    found = {document.pk: document for document in document_model.objects.filter(pk__in=document_ids)}
    problems = []
    for document_id in sorted(document_ids):
        document = found.get(document_id)
        if document is None:
            problems.append(Problem(BROKEN_LINK, _("链接的文件（ID %(id)s）已被删除。") % {"id": document_id}))
        elif document.collection.get_view_restrictions().exists():
            problems.append(Problem(BROKEN_LINK, _("链接的文件“%(title)s”不对公众开放。") % {"title": document.title}))
    return problems
