"""Relevance evaluation: recall@10 and MRR of public search over the demo content (search/eval/queries.json)."""

import json
from dataclasses import dataclass
from pathlib import Path

from wagtail.models import Locale, Page

from home.models import HomePage
from search import engine
from search.registry import type_keys
from search.segment import query_terms

QUERIES_FILE = Path(__file__).parent / "eval" / "queries.json"
CUTOFF = 10


@dataclass
class QueryScore:
    query: str
    recall: float
    reciprocal_rank: float
    missing: list


@dataclass
class Evaluation:
    scores: list
    engine: str

    @property
    def recall(self):
        return sum(score.recall for score in self.scores) / len(self.scores)

    @property
    def mrr(self):
        return sum(score.reciprocal_rank for score in self.scores) / len(self.scores)


def load_queries(path=QUERIES_FILE):
    return json.loads(Path(path).read_text(encoding="utf-8"))["queries"]


def evaluate(queries=None):
    """Search each query across the whole site group in the default language and score the first ten."""
    queries = load_queries() if queries is None else queries
    locale = Locale.get_default()
    group_root = HomePage.objects.filter(locale=locale, depth=2).order_by("path").first()
    scores, engine_used = [], "database"
    for item in queries:
        hits = engine.search(
            engine.SearchRequest(
                terms=query_terms(item["query"]),
                locale_id=locale.pk,
                kinds=type_keys(),
                group_path=group_root.path if group_root else "",
                limit=CUTOFF,
            ),
            item["query"],
        )
        engine_used = hits.engine
        scores.append(_score(item, hits.page_ids))
    return Evaluation(scores=scores, engine=engine_used)


def _score(item, page_ids):
    slugs = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "slug"))
    ranked = [slugs[pk] for pk in page_ids if pk in slugs]
    expected = set(item["expected"])
    found = expected & set(ranked)
    first = next((rank for rank, slug in enumerate(ranked, 1) if slug in expected), None)
    return QueryScore(
        query=item["query"],
        recall=len(found) / len(expected),
        reciprocal_rank=1 / first if first else 0.0,
        missing=sorted(expected - found),
    )
