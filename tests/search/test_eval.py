"""The relevance set: at least 40 queries, recall@10 at least 0.9 over the demo content."""

import pytest
from django.core.management import call_command

from search.evaluation import evaluate, load_queries

MIN_RECALL = 0.9


@pytest.fixture
def demo(without_site_group):
    call_command("load_demo", verbosity=0)


def test_the_relevance_set_has_forty_queries_with_expected_pages():
    queries = load_queries()
    assert len(queries) >= 40
    assert all(item["query"].strip() and item["expected"] for item in queries)


def test_recall_at_10_over_the_demo_content(demo, capsys):
    result = evaluate()
    assert result.recall >= MIN_RECALL, [score for score in result.scores if score.recall < 1]
    assert result.mrr >= 0.8
    call_command("search_eval", min_recall=MIN_RECALL)
    output = capsys.readouterr().out
    assert f"recall@10: {result.recall:.3f}" in output
    assert "MRR: " in output
