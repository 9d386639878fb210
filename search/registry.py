"""The content types public search knows: a label, a model, its date field and any extra facts to index.

Adding a type is one entry here. Types whose app has no such model yet are skipped, so an entry can
be written before its model lands. 在线访谈 (interviews) is left out until interviews/ has pages.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from policy.document_numbers import normalise_document_number


@dataclass(frozen=True)
class ContentKind:
    key: str
    label: str
    model_label: str
    date_field: str | None = None
    extras: object = None  # callable(page) -> dict of SearchDocument fields, for type-specific facts
    select_related: tuple = field(default_factory=tuple)
    prefetch_related: tuple = field(default_factory=tuple)

    @property
    def model(self):
        try:
            return apps.get_model(self.model_label)
        except LookupError:
            return None


def policy_extras(page):
    bodies = [body.name for body in page.issuing_bodies.all()]
    return {
        "document_number": page.document_number or "",
        "document_number_key": normalise_document_number(page.document_number or ""),
        "issuing_bodies": "".join(f"|{name}" for name in bodies) + ("|" if bodies else ""),
        "validity": page.validity or "",
    }


KINDS = (
    ContentKind(
        "policy",
        _("政策文件"),
        "policy.PolicyPage",
        "publish_date",
        extras=policy_extras,
        prefetch_related=("issuing_bodies",),
    ),
    ContentKind("interpretation", _("政策解读"), "policy.InterpretationPage", "date"),
    ContentKind("article", _("新闻动态"), "home.ArticlePage", "date"),
    ContentKind("emergency", _("突发事件"), "emergency.EmergencyPage", None),
    ContentKind("column", _("栏目"), "home.ColumnPage", None),
)


def available_kinds():
    """The kinds whose model exists, in display order."""
    return [kind for kind in KINDS if kind.model is not None]


def kind_for_model(model):
    return next((kind for kind in available_kinds() if kind.model is model), None)


def kind_by_key(key):
    return next((kind for kind in available_kinds() if kind.key == key), None)
