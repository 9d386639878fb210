"""Benchmark the daily audit at scale (not a test): `python bench/audit.py [--pages 100000] [--sites 50]
[--database URL]`.

Builds a throw-away database (a SQLite file in /tmp, or a new PostgreSQL database next to the one --database
names), opens --sites sites with the platform's provisioning (the portal and its sub-sites, each with the
standard columns and a few more), then bulk-inserts --pages articles spread over the sites' columns with
their "wagtail.publish" log entries, publication dates spread over two years (some columns only hold old
articles, so they are stale). It then times `monitoring.audit.audit_sites()` over every site twice (cold,
then warm) and prints the seconds and the queries, in total and per site. The database is dropped at the end.
"""

import argparse
import os
import platform
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.throwaway import set_up_database  # noqa: E402

BATCH = 2000
EXTRA_COLUMNS = 6  # besides the standard ones, per site
HISTORY_DAYS = 730


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--sites", type=int, default=50)
    parser.add_argument("--database", default="sqlite", help="'sqlite' or a postgres:// URL of an existing server")
    parser.add_argument("--keep", action="store_true", help="do not drop the database afterwards")
    parser.add_argument("--profile", action="store_true", help="print the audit's top functions (cProfile)")
    return parser.parse_args()


def open_sites(count):
    """The portal and count - 1 sub-sites, provisioned as an administrator would; returns their homes."""
    from wagtail.models import Page

    from home.models import ColumnPage, UpdateCategory
    from sitegroup.provisioning import provision_subsite

    portal = provision_subsite(
        parent=Page.get_first_root_node(), name="基准测试市", slug="bench", kind="portal", hostname="bench.localhost"
    ).home
    homes = [portal]
    for number in range(1, count):
        kind = "county" if number % 2 else "department"
        result = provision_subsite(
            parent=portal, name=f"基准站点{number}", slug=f"site{number}", kind=kind, hostname=f"s{number}.localhost"
        )
        homes.append(result.home)
    categories = [UpdateCategory.NEWS, UpdateCategory.NOTICE, UpdateCategory.POLICY, UpdateCategory.PERSONNEL]
    for home in homes:
        for number in range(EXTRA_COLUMNS):
            column = ColumnPage(
                title=f"栏目{number}",
                slug=f"lm{number}",
                update_category=categories[number % len(categories)],
                live=True,
            )
            home.add_child(instance=column)
    return homes


def generate(homes, pages, rng):
    """`pages` live articles spread over the homes' plain columns, with their publication log entries; the
    articles of every fifth column are all more than a year old (a stale column). Returns the columns' count."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Locale, Page, PageLogEntry

    from bench.search import _step
    from home.models import ArticlePage, ColumnPage

    columns = [
        column for home in homes for column in ColumnPage.objects.child_of(home).filter(aggregate_subsites=False)
    ]
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    now = timezone.now()
    fields = ArticlePage._meta.local_concrete_fields
    children = {column.pk: column.numchild for column in columns}
    for start in range(0, pages, BATCH):
        articles, entries = [], []
        for number in range(start, min(start + BATCH, pages)):
            index = number % len(columns)
            column = columns[index]
            children[column.pk] += 1
            stale = index % 5 == 0
            days = rng.randint(400, HISTORY_DAYS) if stale else rng.randint(0, HISTORY_DAYS)
            published = now - timedelta(days=days, minutes=rng.randint(0, 600))
            articles.append(
                ArticlePage(
                    title=f"基准文章{number}",
                    draft_title=f"基准文章{number}",
                    slug=f"a{number}",
                    path=column.path + _step(children[column.pk]),
                    depth=column.depth + 1,
                    numchild=0,
                    url_path=f"{column.url_path}a{number}/",
                    content_type=content_type,
                    locale=locale,
                    live=True,
                    first_published_at=published,
                    last_published_at=published,
                    date=published.date(),
                    source="基准测试",
                    body=[("paragraph", f"<p>基准文章{number}的正文。</p>")],
                )
            )
        Page.objects.bulk_create(articles)  # the wagtailcore_page rows, ids set on the objects
        for article in articles:
            article.page_ptr_id = article.id
            entries.append(
                PageLogEntry(
                    page_id=article.id,
                    content_type=content_type,
                    label=article.title,
                    action="wagtail.publish",
                    timestamp=article.first_published_at,
                    content_changed=True,
                )
            )
        ArticlePage._base_manager._insert(articles, fields=fields, using="default")
        PageLogEntry.objects.bulk_create(entries)
    for column in columns:
        Page.objects.filter(pk=column.pk).update(numchild=children[column.pk])
    return len(columns)


def timed_audit(profile=False):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from monitoring.audit import audit_sites

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        if profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            audits = profiler.runcall(audit_sites)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        else:
            audits = audit_sites()
        seconds = time.perf_counter() - started
    return audits, seconds, len(queries.captured_queries)


def main():
    args = parse_args()
    drop = set_up_database(args.database, "govcms_bench_audit")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govcms.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Page

    try:
        call_command("migrate", verbosity=0)
        rng = random.Random(20261205)  # noqa: S311 - reproducible dates, not security  # nosec B311
        started = time.perf_counter()
        homes = open_sites(args.sites)
        provisioning_seconds = time.perf_counter() - started
        started = time.perf_counter()
        columns = generate(homes, args.pages, rng)
        generation_seconds = time.perf_counter() - started
        if connection.vendor == "postgresql":
            # What autovacuum does after a bulk load: without statistics the planner misjudges every table.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        total_pages = Page.objects.count()
        print(
            f"machine: {platform.machine()} {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}, {connection.vendor}"
        )
        print(
            f"sites: {len(homes)} (provisioned in {provisioning_seconds:.0f} s), columns with articles: {columns}, "
            f"articles: {args.pages} (inserted in {generation_seconds:.0f} s), pages in the tree: {total_pages}"
        )
        print("| database | pages | sites | run | seconds | queries | queries per site | statuses |")
        for run in ("cold", "warm"):
            audits, seconds, queries = timed_audit(profile=args.profile and run == "cold")
            statuses = {}
            for audit in audits:
                statuses[audit.status] = statuses.get(audit.status, 0) + 1
            shown = ", ".join(f"{status} {count}" for status, count in sorted(statuses.items()))
            print(
                f"| {connection.vendor} | {total_pages} | {len(audits)} | {run} | {seconds:.1f} | {queries} "
                f"| {queries / len(audits):.1f} | {shown} |"
            )
    finally:
        if not args.keep:
            drop()


if __name__ == "__main__":
    main()
