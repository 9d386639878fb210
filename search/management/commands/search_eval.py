"""`search_eval`: recall@10 and MRR of public search on the active backend (see docs/search.md)."""

from django.core.management.base import BaseCommand, CommandError

from search.evaluation import evaluate, load_queries


class Command(BaseCommand):
    help = "用 search/eval/queries.json 中的查询评估站内搜索：输出 recall@10 和 MRR（需先载入演示数据）。"

    def add_arguments(self, parser):
        parser.add_argument("--queries", help="JSON file of queries (default: search/eval/queries.json)")
        parser.add_argument("--min-recall", type=float, default=0.0, help="Exit with an error below this recall@10")

    def handle(self, *args, **options):
        queries = load_queries(options["queries"]) if options["queries"] else load_queries()
        result = evaluate(queries)
        for score in result.scores:
            if score.recall < 1 or score.reciprocal_rank < 1:
                missing = ", ".join(score.missing) or "-"
                self.stdout.write(
                    f"  {score.query}: recall {score.recall:.2f}, RR {score.reciprocal_rank:.2f}, missing {missing}"
                )
        self.stdout.write(f"engine: {result.engine}, queries: {len(result.scores)}")
        self.stdout.write(f"recall@10: {result.recall:.3f}")
        self.stdout.write(f"MRR: {result.mrr:.3f}")
        if result.recall < options["min_recall"]:
            raise CommandError(f"recall@10 {result.recall:.3f} is below {options['min_recall']}")
