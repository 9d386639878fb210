"""Benchmark the live transcript endpoint against an article page (not a test): `python bench/interviews.py`.

Builds a throw-away database (a SQLite file in /tmp, or a new PostgreSQL database next to the one
--database names) with production settings (DEBUG off, Redis as the shared cache the rate limits need),
provisions a site, publishes an article and a live interview whose host adds --entries entries from the
console (interviews.console), starts gunicorn as the Dockerfile runs it (sync workers, --workers defaulting to
the image's WEB_CONCURRENCY, recycled after --max-requests as there, the access log written and dropped),
and runs wrk with --connections connections for --seconds seconds against:
  (a) the article page, which is rendered on every request (no page cache);
  (b) GET /interviews/<id>/live.json?since=<last id> with If-None-Match of the current ETag: the poll of a
      reader who has everything (a 304);
  (c) the same poll without If-None-Match: the answer built from the cached transcript (a 200).
It prints requests/s and p50/p99 latency of each and the ratio (b)/(a); the target (docs/interviews.md) is
at least 20x, with p99 under 50 ms. wrk and gunicorn share the machine's CPUs, as a single-host
deployment does. The database, the Redis database (--redis-db, cleared) and the files are removed at the end.
"""

import argparse
import json
import os
import platform
import runpy
import secrets
import shutil
import socket
import subprocess  # nosec B404 - runs gunicorn and wrk, with fixed arguments
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import _common as common  # noqa: E402
from bench.throwaway import set_up_database  # noqa: E402

HOST = "bench.localhost"
TARGET_RATIO = 20
TARGET_P99_MS = 50


def deployed_workers():
    """The worker count the image runs: gunicorn.conf.py's (WEB_CONCURRENCY if set, else 2 x cores + 1, capped)."""
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="sqlite", help="'sqlite' or a postgres:// URL of an existing server")
    parser.add_argument("--entries", type=int, default=50, help="live entries of the interview")
    parser.add_argument("--workers", type=int, default=deployed_workers(), help="gunicorn sync workers")
    parser.add_argument(
        "--max-requests", type=int, default=10_000, help="a worker is recycled after about this many (0: never)"
    )
    parser.add_argument("--connections", type=int, default=50, help="wrk connections")
    parser.add_argument("--threads", type=int, default=4, help="wrk threads")
    parser.add_argument("--seconds", type=int, default=10, help="duration of each wrk run")
    parser.add_argument("--redis-db", type=int, default=13, help="Redis database for the cache (cleared)")
    parser.add_argument("--profile", action="store_true", help="also print cProfile's top functions for (b)")
    return parser.parse_args()


def production_environment(args, files):
    """What a deployment sets (docs/operations.md), on this machine: no TLS proxy in front, so no redirect."""
    return {
        "DJANGO_SETTINGS_MODULE": "govcms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",
        "CACHE_URL": f"rediscache://127.0.0.1:6379/{args.redis_db}",
        "STATIC_ROOT": str(files / "static"),
        "MEDIA_ROOT": str(files / "media"),
        "PRIVATE_MEDIA_ROOT": str(files / "private"),
        "LOG_LEVEL": "WARNING",
    }


def build_content(entries):
    """A public site with an article and a live interview of `entries` entries; returns both pages."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from wagtail.models import Page

    from home.models import ArticlePage, ColumnPage
    from interviews import console
    from interviews.models import InterviewGuest, InterviewIndexPage, InterviewPage, Speaker
    from sitegroup.models import SiteIdentity
    from sitegroup.provisioning import provision_subsite

    result = provision_subsite(
        parent=Page.get_first_root_node(), name="基准测试市", slug="bench", kind="portal", hostname=HOST
    )
    identity = SiteIdentity.for_site(result.site)
    identity.identifier_code, identity.icp_number = "9900000099", "示ICP备12345699号"
    identity.police_record_number, identity.sponsor = "示公网安备99010002000199号", "基准测试市人民政府办公室"
    identity.save()  # a complete identity: otherwise the site answers 网站建设中 (sitegroup.holding)
    now = timezone.now()
    paragraph = "<p>第{}段：基准测试文章的正文，说明政策的主要内容和办理方式。</p>"
    paragraphs = "".join(paragraph.format(number) for number in range(12))
    article = ArticlePage(
        title="基准测试文章", slug="article", date=now.date(), source="基准测试", summary="基准测试文章的摘要。"
    )
    article.body = [("paragraph", paragraphs)]
    ColumnPage.objects.child_of(result.home).get(slug="zwdt").add_child(instance=article)
    article.save_revision().publish()
    interview = InterviewPage(
        title="基准测试访谈",
        slug="interview",
        summary="基准测试访谈的简介。",
        host="王主持",
        scheduled_start=now - timedelta(minutes=10),
        scheduled_end=now + timedelta(hours=3),
    )
    interview.guests = [InterviewGuest(name="张明", title="局长", organisation="基准测试市发展和改革委员会")]
    InterviewIndexPage.objects.descendant_of(result.home).get().add_child(instance=interview)
    interview.save_revision().publish()
    host = get_user_model().objects.create_superuser("bench-host", "bench@example.gov.cn", secrets.token_urlsafe(16))
    for number in range(entries):
        speaker = Speaker.GUEST if number % 2 else Speaker.HOST
        text = f"第{number + 1}条直播记录：嘉宾介绍政策要点，主持人转述网友关心的问题。" * 3
        console.add_entry(interview, host, speaker=speaker, speaker_name="张明", text=text)
    return article.relative_url(result.site), InterviewPage.objects.get(pk=interview.pk)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port, args, environment):
    """gunicorn with the Dockerfile's options; its access log, written as deployed, is thrown away."""
    command = [
        sys.executable, "-m", "gunicorn", "govcms.wsgi",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(args.workers),
        "--worker-class", "sync",
        "--preload",
        "--timeout", "60",
        "--max-requests", str(args.max_requests),
        "--max-requests-jitter", str(args.max_requests // 10),
        "--worker-tmp-dir", "/dev/shm",  # noqa: S108  # nosec B108 - as the Dockerfile: the heartbeat file in memory
        "--no-control-socket",
        "--access-logfile", "-",
    ]  # fmt: skip
    environment = {**os.environ, **environment}
    server = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL)  # noqa: S603  # nosec B603
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):  # noqa: S310  # nosec B310
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz within 30 s")


def get(port, path, **headers):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": HOST, **headers})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310  # nosec B310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""


def wait_until_idle(port):
    """Return once gunicorn has answered what the last run left queued (wrk closes, the backlog stays)."""
    get(port, "/healthz")


def run_wrk(args, port, path, etag=""):
    """wrk's figures for `path`: requests, seconds, p50_ms, p99_ms, socket_errors, statuses."""
    wait_until_idle(port)
    return common.run_wrk(
        port, [path], HOST, seconds=args.seconds, connections=args.connections, threads=args.threads, etag=etag
    )


def requests_measured(port, article_path, interview):
    """{label: (path, headers)} of the three measured requests, each checked once against gunicorn."""
    status, headers, body = get(port, article_path)
    assert status == 200, status  # nosec B101 - a benchmark's sanity check
    poll = f"/interviews/{interview.pk}/live.json?since={interview.entries.latest('pk').pk}"
    status, headers, body = get(port, poll)
    assert status == 200 and json.loads(body)["entries"] == [], status  # nosec B101
    etag = headers["ETag"]
    assert get(port, poll, **{"If-None-Match": etag})[0] == 304  # nosec B101
    return {
        "(a) article page": (article_path, {}),
        "(b) live.json, If-None-Match": (poll, {"If-None-Match": etag}),
        "(c) live.json, no If-None-Match": (poll, {}),
    }


EXPECTED_STATUS = {"(a) article page": "200", "(b) live.json, If-None-Match": "304"}


def measure(args, port, measured):
    return {
        label: (run_wrk(args, port, path, headers.get("If-None-Match", "")), EXPECTED_STATUS.get(label, "200"))
        for label, (path, headers) in measured.items()
    }


def cpu_per_request(paths, repeats=300, profile=False):
    """In this process, through the whole middleware stack (Django's test client): CPU ms per request.

    CPU time, not wall time: it holds on a busy machine, where wrk's figures do not. With `profile`, also
    cProfile's 25 costliest functions (cumulative) for the first path that carries headers.
    """
    import cProfile
    import pstats

    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    costs = {}
    for label, (path, headers) in paths.items():
        client.get(path, headers=headers)  # warm: site root paths, the cached transcript
        started = time.process_time()
        for _ in range(repeats):
            client.get(path, headers=headers)
        costs[label] = (time.process_time() - started) * 1000 / repeats
    if profile:
        label, (path, headers) = next((label, item) for label, item in paths.items() if item[1])
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [client.get(path, headers=headers) for _ in range(repeats)])
        print(f"cProfile of {label}, {repeats} requests:")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return costs


def recycling(max_requests):
    return f"recycled after ~{max_requests} requests" if max_requests else "never recycled"


def report(args, results, vendor, costs):
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(
        f"machine: {platform.machine()} {os.cpu_count()} CPUs, {platform.system()} {platform.release()},"
        f" Python {platform.python_version()}, {vendor}, Redis cache; {when}; load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"gunicorn {args.workers} sync workers, {recycling(args.max_requests)},"
        f" wrk {args.threads} threads {args.connections} connections"
        f" {args.seconds} s, {args.entries} entries"
    )
    print("| request | requests/s | p50 (ms) | p99 (ms) | CPU per request in-process (ms) | answers |")
    print("|---|---|---|---|---|---|")
    for label, (figures, expected) in results.items():
        others = {status: count for status, count in figures["statuses"].items() if status != expected}
        answers = f"{expected}: {figures['statuses'].get(expected, 0)}" + (f", other: {others}" if others else "")
        if figures["socket_errors"]:
            answers += f", socket errors: {figures['socket_errors']}"
        rate, p50, p99 = f"{figures['rps']:.0f}", f"{figures['p50_ms']:.1f}", f"{figures['p99_ms']:.1f}"
        print(f"| {label} | {rate} | {p50} | {p99} | {costs[label]:.2f} | {answers} |")
    article, poll = results["(a) article page"][0], results["(b) live.json, If-None-Match"][0]
    ratio = poll["rps"] / article["rps"]
    met = ratio >= TARGET_RATIO and poll["p99_ms"] < TARGET_P99_MS
    print(
        f"ratio (b)/(a): {ratio:.1f}x (target >= {TARGET_RATIO}x); (b) p99 {poll['p99_ms']:.1f} ms"
        f" (target < {TARGET_P99_MS} ms): {'met' if met else 'MISSED'}"
    )


def main():
    args = parse_args()
    drop = set_up_database(args.database, "govcms_bench_interviews")
    files = Path(tempfile.mkdtemp(prefix="govcms-bench-files-"))
    environment = production_environment(args, files)
    os.environ.update(environment)
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection, connections

    server = None
    try:
        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        cache.clear()
        article_path, interview = build_content(args.entries)
        vendor = connection.vendor
        connections.close_all()
        server = start_gunicorn(free_port(), args, environment)
        port = int(server.args[server.args.index("--bind") + 1].rsplit(":", 1)[1])
        measured = requests_measured(port, article_path, interview)
        results = measure(args, port, measured)
        report(args, results, vendor, cpu_per_request(measured, profile=args.profile))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        cache.clear()
        drop()
        shutil.rmtree(files, ignore_errors=True)


if __name__ == "__main__":
    main()
