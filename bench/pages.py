"""Benchmark the public pages (not a test; it prints figures): `python bench/pages.py` or `make bench-pages`.

On the demo site group in a throw-away database (PostgreSQL by default, --database sqlite for a SQLite file;
bench/_common.py builds it once per state of the migrations and demo/ and keeps it as a template) with production
settings, in one run:

1. In-process render times (Django's test client, the whole middleware stack, the page cache off) and query
   counts of every public page type, medians of --rounds x --repeats requests; the same pages are rendered by
   the baseline code (commit 87c2f7f, "today's code" of issue 18, checked out with `git worktree` in /tmp and
   removed afterwards) in a second process on its own copy of the demo, interleaved page by page and round by
   round, so both see the same machine load. Target: the article page <= 0.66x the baseline's time (a third
   faster: the issue measured it at 0.76x Wagtail bakerydemo's blog page and wants <= 0.5x).
2. wrk (unless --skip-wrk) against four configurations of the same pages, round-robin over --rounds rounds of
   --duration seconds each, medians of requests/s: nginx serving a static copy of the HTML gunicorn returned;
   nginx's proxy cache configured by deploy/nginx/govcms.conf (the deploy file, with only its addresses and paths
   replaced, in front of gunicorn); gunicorn (the checkout's gunicorn.conf.py) with the page cache
   (PAGE_CACHE_ENABLED=true, Redis when it answers on 127.0.0.1:6379) and without. Targets: proxy cache >= 0.5x
   static nginx; application cache >= 50x uncached.
3. Memory of gunicorn's master and workers (VmRSS and PSS from /proc) with and without preload_app, after the
   workers served every page type and a search.

nginx is started with its own prefix and configuration in a temporary directory, never as a service.
"""

import argparse
import re
import shutil
import subprocess  # nosec B404 - runs git, gunicorn, nginx, wrk and this script as a render process
import tempfile
import time
from pathlib import Path

import _common as common

ARTICLE_TARGET = 2 / 3  # "a third faster than today's"
PROXY_TARGET = 0.5
APP_CACHE_TARGET = 50
SEARCH_PATH = "/search/?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80"  # 政务公开
WRK_LABELS = ("portal home", "column", "article")
DEPLOY_NGINX = "deploy/nginx/govcms.conf"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=common.DEFAULT_DATABASE, help="'sqlite' or a postgres:// URL")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (medians over them)")
    parser.add_argument("--repeats", type=int, default=10, help="in-process requests per page per round")
    parser.add_argument("--duration", type=int, default=5, help="seconds of each wrk run")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--code", default=".", help="the code measured: '.' (this checkout as it is) or a commit")
    parser.add_argument("--baseline", default=common.BASELINE_COMMIT, help="the commit compared with")
    parser.add_argument("--skip-baseline", action="store_true", help="no comparison with the baseline commit")
    parser.add_argument("--skip-wrk", action="store_true", help="no gunicorn, nginx and wrk (in-process only)")
    parser.add_argument("--skip-memory", action="store_true", help="no RSS per worker")
    parser.add_argument("--profile", action="store_true", help="cProfile of the article page (current code)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached demo database templates")
    parser.add_argument("--drop-templates", action="store_true", help="remove the cached templates and exit")
    parser.add_argument(
        "--redis-db",
        type=int,
        default=10,
        help="first of three Redis databases used (cleared): current, baseline, builds",
    )
    parser.add_argument("--render-process", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


# The render process: Django set up on one checkout and one database, answering JSON requests on stdin.


def render_process():
    """Answer 'pages' (the measured pages), 'measure' (time one) and 'profile' (profile one)."""
    clients = []

    def client():
        if not clients:
            from django.test import Client

            clients.append(Client())
        return clients[0]

    common.serve(
        {
            "pages": demo_pages,
            "measure": lambda host, path, repeats: measure_page(client(), host, path, repeats),
            "profile": lambda host, path, repeats: profile_page(client(), host, path, repeats),
        }
    )


def demo_pages():
    """[label, host, path] of one page of every public type in the demo (chosen the same way in any checkout)."""
    from wagtail.models import Page, Site

    portal = Site.objects.get(is_default_site=True)
    portal_pages = Page.objects.live().descendant_of(portal.root_page).filter(locale=portal.root_page.locale)

    def first(model, pages=portal_pages, order=("path",)):
        page = pages.filter(content_type__model=model).order_by(*order).first()
        return page.specific if page else None

    def where(page, suffix=""):
        site_id, _root, path = page.get_url_parts()
        return Site.objects.get(pk=site_id).hostname, path + suffix

    column = (
        portal_pages.filter(content_type__model="columnpage", columnpage__aggregate_subsites=False)
        .order_by("-numchild", "path")
        .first()
    )
    # The portal's article with the most body: the page a reader most often lands on, at its heaviest.
    articles = portal_pages.filter(content_type__model="articlepage").specific().order_by("path")
    article = max(articles, key=lambda page: len(str(page.body.raw_data)))
    county = Site.objects.filter(root_page__homepage__kind="county").order_by("root_page__path").first()
    aggregating = portal_pages.filter(content_type__model="columnpage", columnpage__aggregate_subsites=True)
    aggregating = aggregating.order_by("path").first()
    found = [
        ("portal home", portal.hostname, "/"),
        ("county home", county.hostname, "/"),
        ("column", *where(column)),
        ("区县动态 (aggregating column)", *where(aggregating)),
        ("article", *where(article)),
        ("standard page", *where(first("standardpage"))),
        ("policy library", *where(first("policyindexpage"))),
        ("policy", *where(first("policypage"))),
        ("interpretation", *where(first("interpretationpage"))),
        ("disclosure catalogue", *where(first("disclosurecatalogpage"))),
        ("interview", *where(first("interviewpage", Page.objects.live()))),
        ("mailbox page", *where(first("mailboxpage"))),
        ("consultation", *where(first("consultationpage", Page.objects.live()))),
        ("survey", *where(first("surveypage", Page.objects.live()))),
        ("emergency", *where(first("emergencypage", Page.objects.live()))),
        ("search results", portal.hostname, SEARCH_PATH),
        ("column RSS feed", *where(column, "rss/")),
        ("English home", portal.hostname, "/en/"),
        ("sitemap.xml", portal.hostname, "/sitemap.xml"),
    ]  # fmt: skip
    return [list(item) for item in found]


def measure_page(client, host, path, repeats):
    """{status, bytes, queries, ms: [...]}: one counted request (queries), then `repeats` timed ones."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST=host)
    count = len(queries.captured_queries)  # now: the next request's request_started empties the log
    samples, cpu = [], []
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(path, HTTP_HOST=host)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {"status": response.status_code, "bytes": len(response.content), "queries": count, "ms": samples, "cpu": cpu}


def profile_page(client, host, path, repeats):
    import cProfile
    import io
    import pstats

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(path, HTTP_HOST=host)
    listed = [f"{query['time']} s  {query['sql'][:160]}" for query in queries.captured_queries]
    profiler = cProfile.Profile()
    profiler.runcall(lambda: [client.get(path, HTTP_HOST=host) for _ in range(repeats)])
    out = io.StringIO()
    out.write(f"{len(listed)} queries:\n" + "\n".join(listed) + "\n")
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
    out.write("--- the project's own functions (and templates' tags), cumulative ---\n")
    project = str(Path.cwd()).replace("/", "\\/") + r"\/(?!\.venv)"
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(project, 30)
    out.write("--- by own time ---\n")
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
    return {"text": out.getvalue()}


def start_renderer(code_root, database, files, cache_url):
    """A render process on `code_root` and `database` (production settings, the page cache off)."""
    environment = {
        **common.production_environment(files, cache_url),
        "DATABASE_URL": database.url,
        "MEDIA_ROOT": str(database.media),
    }
    environment["STATIC_ROOT"] = common.collected_static(code_root, environment)
    return common.Worker(__file__, "--render-process", code_root, environment)


# Checkouts


def checkout(commit, directory):
    """A detached `git worktree` of `commit` in `directory` (removed by remove_checkout, never committed)."""
    subprocess.run(  # noqa: S603  # nosec B603
        [common.tool_path("git"), "worktree", "add", "--detach", "--quiet", str(directory), commit],
        cwd=common.ROOT,
        check=True,
    )
    return directory


def remove_checkout(directory):
    subprocess.run(  # noqa: S603  # nosec B603
        [common.tool_path("git"), "worktree", "remove", "--force", str(directory)],
        cwd=common.ROOT,
        check=False,
    )
    shutil.rmtree(directory, ignore_errors=True)


# In-process renders


def render_rounds(args, renderers):
    """{side: {label: {status, bytes, queries, ms}}} over --rounds rounds, the sides interleaved page by page."""
    pages = renderers["current"].ask("pages")
    results = {side: {} for side in renderers}
    for renderer in renderers.values():  # warm: templates, site root paths, query plans
        for _label, host, path in pages:
            renderer.ask("measure", host=host, path=path, repeats=1)
    for round_number in range(args.rounds):
        for label, host, path in pages:
            order = list(renderers.items())
            if round_number % 2:
                order.reverse()
            for side, renderer in order:
                answer = renderer.ask("measure", host=host, path=path, repeats=args.repeats)
                entry = results[side].setdefault(label, {**answer, "ms": [], "cpu": [], "host": host, "path": path})
                entry["ms"] += answer["ms"]
                entry["cpu"] += answer["cpu"]
    return pages, results


def print_renders(results, baseline_commit):
    """The render table; wall time includes PostgreSQL's share, CPU time (this process only) is steadier on a busy
    machine. Returns the article's verdict, judged on wall time."""
    current, baseline = results["current"], results.get("baseline")
    header = "| page | status | KB | queries | median ms (CPU ms) |"
    if baseline:
        header += f" {baseline_commit}: queries | {baseline_commit}: median ms (CPU ms) | ratio (CPU ratio) |"
    print("\n## In-process render (test client, production settings, page cache off)\n")
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for label, entry in current.items():
        wall, cpu = common.median(entry["ms"]), common.median(entry["cpu"])
        size = entry["bytes"] / 1024
        row = f"| {label} | {entry['status']} | {size:.0f} | {entry['queries']} | {wall:.1f} ({cpu:.1f}) |"
        if baseline and label in baseline:
            old = baseline[label]
            old_wall, old_cpu = common.median(old["ms"]), common.median(old["cpu"])
            row += f" {old['queries']} | {old_wall:.1f} ({old_cpu:.1f}) | {wall / old_wall:.2f} ({cpu / old_cpu:.2f}) |"
        print(row)
    if not (baseline and "article" in baseline):
        return []
    ratio = common.median(current["article"]["ms"]) / common.median(baseline["article"]["ms"])
    cpu_ratio = common.median(current["article"]["cpu"]) / common.median(baseline["article"]["cpu"])
    verdict = "PASS" if ratio <= ARTICLE_TARGET else "FAIL"
    print(
        f"\narticle page vs {baseline_commit}: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU"
        f" (target <= {ARTICLE_TARGET:.2f}x, a third faster): {verdict}"
    )
    return [("article render vs baseline (wall time)", ratio, f"<= {ARTICLE_TARGET:.2f}x", verdict)]


# wrk: static nginx, nginx proxy cache, gunicorn with and without the page cache


def nginx_module_line():
    """load_module of ngx_cache_purge when Debian's package is installed (the deploy config's purge location)."""
    for path in ("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so",):
        if Path(path).exists():
            return f"load_module {path};"
    return ""


def deploy_config_for_bench(code_root, upstream_port, listen_port, cache_dir):
    """deploy/nginx/govcms.conf with only what differs on this machine replaced: the upstream address, the listen
    port (plain HTTP: TLS and its redirect removed), the cache directory, logs and static/media aliases. None if the
    checkout has no such file."""
    path = code_root / DEPLOY_NGINX
    if not path.exists():
        return None
    text = path.read_text()
    text = re.sub(r"(?m)^(\s*server\s+)[\w.\-]+:\d+", rf"\g<1>127.0.0.1:{upstream_port}", text)
    text = re.sub(r"(?m)^(\s*proxy_cache_path\s+)\S+", rf"\g<1>{cache_dir}", text)
    text = re.sub(r"(?m)^\s*listen\s+[^;]*443[^;]*;\s*$", "", text)
    # The first server is the one visitors reach; any other (the PURGE server) gets a free port of its own.
    ports = iter([listen_port])
    text = re.sub(
        r"(?m)^(\s*listen\s+)[^;]*;", lambda m: f"{m[1]}127.0.0.1:{next(ports, None) or common.free_port()};", text
    )
    text = re.sub(r"(?m)^\s*(ssl_\w+|http2|ssl)\b[^;]*;\s*$", "", text)
    text = re.sub(r"(?m)^(\s*(access_log|error_log)\s+)[^;]*;", r"\g<1>off;", text).replace("error_log off;", "")
    text = re.sub(r"(?m)^\s*include\s+[^;]*(snippets|letsencrypt|ssl)[^;]*;\s*$", "", text)
    return text


def write_nginx(directory, code_root, upstream_port, static_root):
    """An nginx.conf of our own (run with -p/-c, never as a service): a static server and the deploy config."""
    static_port, proxy_port = common.free_port(), common.free_port()
    # nginx's master creates the cache and temporary directories for its workers' user (nobody when started as
    # root); the workers must also be able to read the static copy below `directory`.
    cache_dir = directory / "proxy-cache"
    directory.chmod(0o755)
    deploy = deploy_config_for_bench(code_root, upstream_port, proxy_port, cache_dir)
    config = f"""{nginx_module_line()}
worker_processes auto;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 100000;
    client_body_temp_path {directory}/body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    server {{
        listen 127.0.0.1:{static_port};
        root {static_root};
        default_type text/html;
        index index.html;
        location / {{ try_files $uri $uri/ =404; }}
    }}
{deploy or ""}
}}
"""
    path = directory / "nginx.conf"
    path.write_text(config)
    return path, static_port, (proxy_port if deploy else None)


def static_copy(static_root, port, pages):
    """Save what gunicorn answers for each page as a file nginx serves at the same path."""
    for label, host, path in pages:
        status, _headers, body = common.get(port, path, host)
        target = static_root / path.lstrip("/")
        if path.endswith("/"):
            target = target / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        if status != 200:
            print(f"  note: {label} answered {status}")


def wrk_rounds(args, configurations, pages):
    """{(configuration, label): [rps per round]} with the configurations round-robin inside each round."""
    figures = {}
    for round_number in range(args.rounds):
        for label, host, path in pages:
            order = list(configurations.items())
            order = order[round_number % len(order) :] + order[: round_number % len(order)]
            for name, port in order:
                result = common.run_wrk(port, [path], host, seconds=args.duration, connections=args.connections)
                bad = {status: count for status, count in result["statuses"].items() if status != "200"}
                if bad or result["socket_errors"]:
                    print(f"  note: {name} {label}: statuses {result['statuses']}, errors {result['socket_errors']}")
                figures.setdefault((name, label), []).append(result)
    return figures


def print_wrk(figures, pages, names):
    print("\n## wrk requests/s (median of rounds; p50 / p99 ms of the median round)\n")
    print("| page | " + " | ".join(names) + " | proxy / static | app cache / uncached |")
    print("|---|" + "---|" * (len(names) + 2))
    verdicts = []
    for label, _host, _path in pages:
        cells, rates = [], {}
        for name in names:
            runs = figures.get((name, label))
            if not runs:
                cells.append("–")
                continue
            runs = sorted(runs, key=lambda run: run["rps"])
            middle = runs[len(runs) // 2]
            rates[name] = common.median([run["rps"] for run in runs])
            cells.append(f"{rates[name]:.0f} ({middle['p50_ms']:.1f} / {middle['p99_ms']:.1f})")
        proxy = rates.get("nginx proxy cache", 0) / rates["nginx static"] if "nginx static" in rates else 0
        app = rates.get("gunicorn page cache", 0) / rates["gunicorn uncached"] if "gunicorn uncached" in rates else 0
        print(f"| {label} | " + " | ".join(cells) + f" | {proxy:.2f} | {app:.1f} |")
        if "nginx proxy cache" in rates:
            verdicts.append(
                (f"proxy cache / static nginx, {label}", proxy, f">= {PROXY_TARGET}x", _pass(proxy >= PROXY_TARGET))
            )
        verdicts.append(
            (f"app cache / uncached, {label}", app, f">= {APP_CACHE_TARGET}x", _pass(app >= APP_CACHE_TARGET))
        )
    return verdicts


def _pass(condition):
    return "PASS" if condition else "FAIL"


def serve_and_measure(args, code_root, database, directory, pages):
    """The wrk part: two gunicorns (page cache on, off), nginx (static copy, deploy proxy cache); verdicts."""
    cache_url = common.redis_url(args.redis_db)
    base = {"DATABASE_URL": database.url, "MEDIA_ROOT": str(database.media)}
    cached_env = {
        **common.production_environment(directory, cache_url, page_cache=True),
        **base,
    }
    uncached_env = {**cached_env, "PAGE_CACHE_ENABLED": "false"}
    cached_env["STATIC_ROOT"] = uncached_env["STATIC_ROOT"] = common.collected_static(code_root, cached_env)
    processes = []
    nginx_conf = None
    try:
        cached, cached_port = common.start_gunicorn(code_root, cached_env, directory)
        processes.append(cached)
        uncached, uncached_port = common.start_gunicorn(code_root, uncached_env, directory)
        processes.append(uncached)
        static_root = directory / "html"
        static_copy(static_root, uncached_port, pages)
        nginx_conf, static_port, proxy_port = write_nginx(directory, code_root, cached_port, static_root)
        subprocess.run([common.tool_path("nginx"), "-p", str(directory), "-c", str(nginx_conf)], check=True)  # noqa: S603  # nosec B603
        common.wait_for(static_port, "/", pages[0][1])
        configurations = {"nginx static": static_port}
        if proxy_port:
            configurations["nginx proxy cache"] = proxy_port
        else:
            print(f"  note: {DEPLOY_NGINX} is not in the checkout: no proxy cache figures")
        configurations["gunicorn page cache"] = cached_port
        configurations["gunicorn uncached"] = uncached_port
        for name, port in configurations.items():  # fill the caches, show what each answers
            for _ in range(2):
                status, headers, body = common.get(port, pages[0][2], pages[0][1])
            hints = {key: headers[key] for key in ("Cache-Control", "X-Proxy-Cache", "Age") if headers.get(key)}
            print(f"  {name}: {pages[0][0]} {status}, {len(body)} bytes, {hints}")
        figures = wrk_rounds(args, configurations, pages)
        return print_wrk(figures, pages, list(configurations))
    finally:
        if nginx_conf is not None:
            stop = [common.tool_path("nginx"), "-p", str(directory), "-c", str(nginx_conf), "-s", "stop"]
            subprocess.run(stop, check=False)  # noqa: S603  # nosec B603
        for process in processes:
            common.stop(process)
        common.redis_url(args.redis_db)


def measure_memory(args, code_root, database, directory, all_pages):
    """Master and worker memory with and without preload, after every page type and a search on each worker."""
    environment = {
        **common.production_environment(directory, common.redis_url(args.redis_db)),
        "DATABASE_URL": database.url,
        "MEDIA_ROOT": str(database.media),
    }
    environment["STATIC_ROOT"] = common.collected_static(code_root, environment)
    print("\n## gunicorn memory (MB, after serving every page type and a search)\n")
    print("| preload | workers | master RSS / PSS | worker RSS (mean) | worker PSS (mean) | total PSS |")
    print("|---|---|---|---|---|---|")
    for preload in (True, False):
        process, port = common.start_gunicorn(code_root, environment, directory, preload=preload)
        try:
            time.sleep(1)
            workers = common.children(process.pid)
            by_host = {}
            for _label, host, path in all_pages:
                by_host.setdefault(host, []).append(path)
            for host, paths in by_host.items():
                common.run_wrk(port, paths, host, seconds=2, connections=len(workers) * 2)
            master = common.memory(process.pid)
            figures = [common.memory(pid) for pid in workers]
            rss = common.median([figure[0] for figure in figures])
            pss = common.median([figure[1] for figure in figures])
            total = master[1] + sum(figure[1] for figure in figures)
            state = "on" if preload else "off"
            master_cell = f"{master[0]:.0f} / {master[1]:.0f}"
            print(f"| {state} | {len(workers)} | {master_cell} | {rss:.0f} | {pss:.0f} | {total:.0f} |")
        finally:
            common.stop(process)


def main():
    args = parse_args()
    if args.render_process:
        render_process()
        return
    if args.drop_templates:
        common.drop_templates(args.database)
        return
    common.cleanup_on_terminate()
    common.require_tools("git", *(() if args.skip_wrk else ("wrk", "nginx")))
    directory = Path(tempfile.mkdtemp(prefix="govcms-bench-pages-"))
    checkouts, databases, renderers = [], [], {}
    verdicts = []
    try:
        code_root = common.ROOT
        if args.code != ".":
            code_root = checkout(args.code, directory / "current")
            checkouts.append(code_root)
        sides = {"current": code_root}
        if not args.skip_baseline:
            sides["baseline"] = checkout(args.baseline, directory / "baseline")
            checkouts.append(sides["baseline"])
        for side, root in sides.items():
            template = common.demo_template(args.database, root, args.redis_db + 2, rebuild=args.rebuild, label=side)
            database = common.copy_of_template(args.database, template, f"govcms_bench_pages_{side}")
            databases.append(database)
            files = directory / f"files-{side}"
            files.mkdir()
            renderers[side] = start_renderer(root, database, files, common.redis_url(args.redis_db + len(renderers)))
        vendor = "SQLite" if args.database == "sqlite" else "PostgreSQL"
        print(common.machine_line(vendor))
        print(f"rounds {args.rounds} x {args.repeats} requests per page and side; baseline {args.baseline}")
        pages, results = render_rounds(args, renderers)
        verdicts += print_renders(results, args.baseline)
        if args.profile:
            article = next(page for page in pages if page[0] == "article")
            print(renderers["current"].ask("profile", host=article[1], path=article[2], repeats=50)["text"])
        for renderer in renderers.values():
            renderer.close()
        if not args.skip_wrk:
            wrk_pages = [page for page in pages if page[0] in WRK_LABELS]
            print(f"\nwrk: {args.connections} connections, {args.duration} s per run, {args.rounds} rounds")
            verdicts += serve_and_measure(args, code_root, databases[0], directory, wrk_pages)
        if not args.skip_memory:
            measure_memory(args, code_root, databases[0], directory, pages)
        print("\n## Targets\n")
        for name, value, target, verdict in verdicts:
            print(f"- {name}: {value:.2f}x (target {target}): {verdict}")
    finally:
        for renderer in renderers.values():
            renderer.close()
        for database in databases:
            database.drop()
        for root in checkouts:
            remove_checkout(root)
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
