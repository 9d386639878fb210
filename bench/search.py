"""Benchmark public search at scale (not a test): `python bench/search.py --pages 10000 [--database URL]`.

Builds a throw-away database (a SQLite file in /tmp, or a new PostgreSQL database next to the one
--database names), generates N news articles of Chinese text, then reports:
  - indexing time: `search.indexing.rebuild()` over all pages (segmentation and writing the index);
  - p50/p95 latency through the public view (/search/, Django test client, full page rendered) and
    through the backend (search.engine.search) for a rare term (in ~0.01% of pages) and a common
    term (in a third of all pages).
The database is dropped at the end. Results go to stdout as a Markdown table row for docs/search.md.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.throwaway import set_up_database, tree_step  # noqa: E402

RARE_TERM = "翡翠湖湿地"
COMMON_TERM = "营商环境"
BATCH = 1000
HOST = "bench.localhost"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--database", default="sqlite", help="'sqlite' or a postgres:// URL of an existing server")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per term and path")
    parser.add_argument("--chars", type=int, default=400, help="approximate characters of body text per page")
    parser.add_argument("--keep", action="store_true", help="do not drop the database afterwards")
    return parser.parse_args()


def vocabulary():
    """Frequent Chinese words of jieba's own dictionary, without the two measured terms."""
    import jieba

    words = []
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as dictionary:
        for line in dictionary:
            word, frequency, _tag = line.split(" ")
            if 2 <= len(word) <= 4 and int(frequency) > 2000 and all("\u4e00" <= c <= "\u9fff" for c in word):
                words.append(word)
    excluded = set(RARE_TERM + COMMON_TERM)
    return [word for word in words if not excluded & set(word)]


def paragraph(rng, words, chars, extra=()):
    parts, length = list(extra), sum(len(word) for word in extra)
    while length < chars:
        sentence = "".join(rng.choices(words, k=rng.randint(4, 9)))
        parts.append(sentence + rng.choice("，。；"))
        length += len(sentence) + 1
    rng.shuffle(parts)
    return "".join(parts)


def generate(pages, chars, rng):
    """N live articles under one column, inserted in bulk (Wagtail's add_child is too slow for 100,000)."""
    import datetime

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from home.models import ArticlePage, ColumnPage
    from sitegroup.provisioning import provision_subsite

    result = provision_subsite(
        parent=Page.get_first_root_node(), name="基准测试市", slug="bench", kind="portal", hostname=HOST
    )
    column = ColumnPage.objects.child_of(result.home).first()
    words = vocabulary()
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    now = timezone.now()
    rare_every = max(pages // 10, 1)  # ~10 pages hold the rare term at any N
    fields = ArticlePage._meta.local_concrete_fields
    for start in range(0, pages, BATCH):
        articles = []
        for number in range(start, min(start + BATCH, pages)):
            extra = []
            if number % 3 == 0:
                extra.append(COMMON_TERM)
            if number % rare_every == 7:
                extra.append(RARE_TERM)
            step = column.numchild + number + 1
            article = ArticlePage(
                title="".join(rng.choices(words, k=5)),
                slug=f"a{number}",
                path=column.path + tree_step(step),
                depth=column.depth + 1,
                numchild=0,
                url_path=f"{column.url_path}a{number}/",
                content_type=content_type,
                locale=locale,
                live=True,
                first_published_at=now,
                last_published_at=now,
                date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number % 2000),
                source="基准测试",
                body=[("paragraph", f"<p>{paragraph(rng, words, chars, extra)}</p>")],
            )
            articles.append(article)
        Page.objects.bulk_create(articles)  # the wagtailcore_page rows, ids set on the objects
        for article in articles:
            article.page_ptr_id = article.id
        ArticlePage._base_manager._insert(articles, fields=fields, using="default")
    Page.objects.filter(pk=column.pk).update(numchild=column.numchild + pages)
    return result


def timed(function, repeats):
    function()  # warm caches (site root paths, query plans)
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(int(len(samples) * 0.95) - 1, 0)]


def measure(args):
    from django.db import connection
    from django.test import Client
    from wagtail.models import Locale

    from home.models import HomePage
    from search import engine, indexing
    from search.registry import type_keys
    from search.segment import query_terms

    started = time.perf_counter()
    documents = indexing.rebuild()
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load: without statistics the planner misjudges every table.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    indexing_seconds = time.perf_counter() - started
    home = HomePage.objects.get(slug="bench")
    client = Client()
    rows = []
    for label, term in (("rare", RARE_TERM), ("common", COMMON_TERM)):
        request = engine.SearchRequest(
            terms=query_terms(term),
            locale_id=Locale.get_default().pk,
            kinds=type_keys(),
            group_path=home.path,
        )
        hits = engine.search(request, term)
        backend = timed(lambda request=request, term=term: engine.search(request, term), args.requests)

        def view(term=term):
            response = client.get("/search/", {"q": term}, HTTP_HOST=HOST)
            assert response.status_code == 200  # nosec B101 # a benchmark's sanity check, never run in production

        public = timed(view, args.requests)
        rows.append((label, hits.total, hits.total_is_lower_bound, backend, public))

    def empty_search_page():
        assert client.get("/search/", HTTP_HOST=HOST).status_code == 200  # nosec B101 # a benchmark's sanity check, never run in production

    # The search page without a query: what the page itself (header, navigation, form, footer) costs.
    rows.append(("no query (page only)", None, False, (0.0, 0.0), timed(empty_search_page, args.requests)))
    return documents, indexing_seconds, rows


def main():
    args = parse_args()
    drop = set_up_database(args.database, "govcms_bench_search")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govcms.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        call_command("migrate", verbosity=0)
        rng = random.Random(20261128)  # noqa: S311 - reproducible filler text, not security  # nosec B311
        started = time.perf_counter()
        generate(args.pages, args.chars, rng)
        generation_seconds = time.perf_counter() - started
        documents, indexing_seconds, rows = measure(args)
        vendor = connection.vendor
        print(f"machine: {platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()}, {vendor}")
        print(f"pages: {args.pages} (generated in {generation_seconds:.0f} s), documents indexed: {documents}")
        print(f"indexing: {indexing_seconds:.1f} s ({args.pages / indexing_seconds:.0f} pages/s)")
        print("| database | pages | term | matches | backend p50 / p95 (ms) | public view p50 / p95 (ms) |")
        for label, total, capped, backend, public in rows:
            matches = "-" if total is None else f"{total}+" if capped else str(total)
            print(
                f"| {vendor} | {args.pages} | {label} | {matches} | {backend[0]:.1f} / {backend[1]:.1f}"
                f" | {public[0]:.1f} / {public[1]:.1f} |"
            )
    finally:
        if not args.keep:
            drop()


if __name__ == "__main__":
    main()
