"""What bench/pages.py and bench/scale.py share (not a test helper): the demo site group in a throw-away database
built from a cached template, production settings, gunicorn, nginx and wrk as subprocesses, medians and memory.

The demo database takes about a minute to build (migrations, then `load_demo`), so it is built once per state of
the code that makes it (the migrations and demo/ of the checkout measured) and kept as a template: a PostgreSQL
database `govcms_bench_demo_<key>` or a SQLite file, with its media files, under var/bench/. Every run measures a
copy and drops it. `python bench/pages.py --drop-templates` removes them all.
"""

import hashlib
import json
import os
import platform
import secrets
import shutil
import socket
import statistics
import subprocess  # nosec B404 - runs manage.py, gunicorn, nginx and wrk with fixed arguments
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = ROOT / "var" / "bench"
TEMPLATE_PREFIX = "govcms_bench_"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/postgres"
# The commit the issue measured ("today's code"): bench/pages.py compares its render times in the same run.
BASELINE_COMMIT = "87c2f7f"
DEMO_HOSTS = "localhost,.localhost,127.0.0.1"
INSTALL_HINTS = {
    "wrk": "sudo apt-get install wrk",
    "nginx": "sudo apt-get install nginx libnginx-mod-http-cache-purge  (then never start it as a service)",
    "git": "sudo apt-get install git",
}


def cleanup_on_terminate():
    """SIGTERM (and SIGINT, which a shell's background job ignores) end the run through its `finally:` blocks, so
    the copies, gunicorn, nginx and the worktree are removed."""
    import signal

    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)


def require_tools(*names):
    """Exit with how to install each of `names` that is not on PATH (or in /usr/sbin, where Debian puts nginx)."""
    missing = [name for name in names if tool_path(name) is None]
    if missing:
        lines = [f"  {name}: {INSTALL_HINTS.get(name, 'install it')}" for name in missing]
        raise SystemExit("missing tools (or pass --skip-wrk):\n" + "\n".join(lines))


def tool_path(name):
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin")


def machine_line(vendor):
    """One line describing where the figures come from: CPU, memory, load, versions, time."""
    model = next(
        (line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines() if "model name" in line), "?"
    )
    memory = next((line.split()[1] for line in _read("/proc/meminfo").splitlines() if "MemTotal" in line), "0")
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return (
        f"machine: {model}, {os.cpu_count()} CPUs, {int(memory) // 1024 // 1024} GB, {platform.system()}"
        f" {platform.release()}, Python {platform.python_version()}, {vendor}; {when};"
        f" load average {os.getloadavg()[0]:.1f}; commit {git_commit(ROOT)}"
    )


def git_commit(root):
    try:
        return subprocess.run(  # noqa: S603  # nosec B603
            [tool_path("git"), "rev-parse", "--short", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip() + (" (+ uncommitted changes)" if _dirty(root) else "")
    except (OSError, subprocess.CalledProcessError):
        return "?"


def _dirty(root):
    status = subprocess.run(  # noqa: S603  # nosec B603
        [tool_path("git"), "status", "--porcelain", "--untracked-files=no"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return bool(status.strip())


def _read(path):
    try:
        return Path(path).read_text()
    except OSError:
        return ""


# Settings and databases


def redis_url(db):
    """The Redis database `db` on 127.0.0.1:6379, emptied: production settings need a cache shared by the workers
    (rate limits), as a deployment has."""
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, db=db, socket_connect_timeout=2).flushdb()
    except redis.RedisError as error:
        raise SystemExit(
            f"Redis does not answer on 127.0.0.1:6379 ({error}): sudo apt-get install redis-server"
        ) from error
    return f"rediscache://127.0.0.1:6379/{db}"


def production_environment(files, cache_url, *, page_cache=False):
    """What a deployment sets (docs/operations.md) on this machine: production settings, no TLS proxy in front.

    `page_cache` sets PAGE_CACHE_ENABLED (pagecache/); a checkout without the page cache ignores it.
    """
    return {
        "DJANGO_SETTINGS_MODULE": "govcms.settings.production",
        "GOVCMS_DEMO": "true",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": DEMO_HOSTS,
        "SECURE_SSL_REDIRECT": "false",
        "CACHE_URL": cache_url,
        "PAGE_CACHE_ENABLED": "true" if page_cache else "false",
        "STATIC_ROOT": str(files / "static"),
        "MEDIA_ROOT": str(files / "media"),
        "PRIVATE_MEDIA_ROOT": str(files / "private"),
        "LOG_LEVEL": "ERROR",
    }


def code_key(code_root, *, extra=""):
    """A digest of what builds the demo database: every migration and every file of demo/ in `code_root`."""
    digest = hashlib.sha256(extra.encode())
    files = sorted(code_root.glob("*/migrations/*.py")) + sorted((code_root / "demo").rglob("*.py"))
    for path in files:
        digest.update(str(path.relative_to(code_root)).encode())
        digest.update(path.read_bytes())
    digest.update(_read(code_root / "requirements.txt").encode())
    return digest.hexdigest()[:12]


def manage(code_root, environment, *arguments, quiet=True):
    """`python manage.py <arguments>` in `code_root` with `environment` on top of this process's."""
    command = [sys.executable, "manage.py", *arguments]
    output = subprocess.DEVNULL if quiet else None
    subprocess.run(  # noqa: S603  # nosec B603
        command, cwd=code_root, env={**os.environ, **environment}, stdout=output, check=True
    )


def collected_static(code_root, environment):
    """STATIC_ROOT with the checkout's static files collected (and compressed, as production does), cached under
    var/bench/static-<digest of the static files>/ since collectstatic takes a while."""
    digest = hashlib.sha256()
    for path in sorted(code_root.glob("*/static/**/*")):
        if path.is_file():
            digest.update(str(path.relative_to(code_root)).encode())
            digest.update(path.read_bytes())
    target = CACHE_DIR / f"static-{digest.hexdigest()[:12]}"
    if not (target / "staticfiles.json").exists():
        building = target.with_name(target.name + ".building")
        shutil.rmtree(building, ignore_errors=True)
        manage(code_root, {**environment, "STATIC_ROOT": str(building)}, "collectstatic", "--noinput")
        shutil.rmtree(target, ignore_errors=True)
        building.rename(target)
    return str(target)


class Database:
    """A throw-away copy of a cached template: `url` to point Django at, `media` its files, `drop()` when done."""

    def __init__(self, url, media, drop):
        self.url, self.media, self._drop = url, media, drop

    def drop(self):
        self._drop()


def _postgres(target, name):
    url = urlparse(target)
    return url._replace(path="/postgres").geturl(), url._replace(path=f"/{name}").geturl()


def _pg(admin_url, sql, fetch=False):
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        cursor = connection.execute(sql)
        return cursor.fetchall() if fetch else None


def template_exists(target, name):
    if target == "sqlite":
        return (CACHE_DIR / f"{name}.sqlite3").exists()
    admin_url, _url = _postgres(target, name)
    return bool(_pg(admin_url, f"SELECT 1 FROM pg_database WHERE datname = '{name}'", fetch=True))  # noqa: S608  # nosec B608 - our names


def build_template(target, name, build, *, start_from=None):
    """Make the template `name` with `build(database_url, media_dir)`, built under a temporary name and renamed when
    complete (an interrupted build leaves no half template); its media files go to var/bench/<name>/media. With
    `start_from` (PostgreSQL), the build starts from a copy of that template and its media files."""
    media = CACHE_DIR / name / "media"
    shutil.rmtree(media.parent, ignore_errors=True)
    if start_from:
        shutil.copytree(CACHE_DIR / start_from / "media", media)
    media.mkdir(parents=True, exist_ok=True)
    if target == "sqlite":
        building = CACHE_DIR / f"{name}.building.sqlite3"
        building.unlink(missing_ok=True)
        build(f"sqlite:///{building}", media)
        building.rename(CACHE_DIR / f"{name}.sqlite3")
        return
    admin_url, building_url = _postgres(target, f"{name}_building")
    _pg(admin_url, f'DROP DATABASE IF EXISTS "{name}_building"')
    source = f' TEMPLATE "{start_from}"' if start_from else ""
    _pg(admin_url, f'CREATE DATABASE "{name}_building"{source}')
    build(building_url, media)
    _pg(admin_url, f'ALTER DATABASE "{name}_building" RENAME TO "{name}"')


def copy_of_template(target, name, copy_name):
    """A new database `copy_name`_<pid> copied from the template `name` (and a copy of its media files)."""
    copy_name = f"{copy_name}_{os.getpid()}"
    files = Path(tempfile.mkdtemp(prefix="govcms-bench-media-"))
    media = files / "media"
    shutil.copytree(CACHE_DIR / name / "media", media)
    if target == "sqlite":
        path = files / "bench.sqlite3"
        shutil.copyfile(CACHE_DIR / f"{name}.sqlite3", path)
        return Database(f"sqlite:///{path}", media, lambda: shutil.rmtree(files, ignore_errors=True))
    admin_url, url = _postgres(target, copy_name)
    _pg(admin_url, f'DROP DATABASE IF EXISTS "{copy_name}"')
    _pg(admin_url, f'CREATE DATABASE "{copy_name}" TEMPLATE "{name}"')

    def drop():
        _pg(admin_url, f'DROP DATABASE IF EXISTS "{copy_name}" WITH (FORCE)')
        shutil.rmtree(files, ignore_errors=True)

    return Database(url, media, drop)


def demo_template(target, code_root, redis_db, *, rebuild=False, label=""):
    """The name of the demo template of the checkout `code_root`, built first if missing (about a minute)."""
    vendor = "sqlite" if target == "sqlite" else "pg"
    name = f"{TEMPLATE_PREFIX}demo_{vendor}_{code_key(code_root)}"
    if rebuild or not template_exists(target, name):
        if template_exists(target, name):
            drop_template(target, name)
        started = time.monotonic()
        print(f"building the demo database {name} ({label or code_root}): migrate, load_demo ...", flush=True)

        def build(database_url, media):
            files = Path(tempfile.mkdtemp(prefix="govcms-bench-build-"))
            try:
                environment = {
                    **production_environment(files, redis_url(redis_db)),
                    "DATABASE_URL": database_url,
                    "MEDIA_ROOT": str(media),
                }
                manage(code_root, environment, "migrate", "--noinput")
                manage(code_root, environment, "load_demo", "--port", "80")
            finally:
                shutil.rmtree(files, ignore_errors=True)

        build_template(target, name, build)
        print(f"  built in {time.monotonic() - started:.0f} s", flush=True)
    return name


def drop_template(target, name):
    if target == "sqlite":
        (CACHE_DIR / f"{name}.sqlite3").unlink(missing_ok=True)
    else:
        admin_url, _url = _postgres(target, name)
        _pg(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    shutil.rmtree(CACHE_DIR / name, ignore_errors=True)


def drop_templates(target):
    """Remove every cached bench template (databases and var/bench/)."""
    if target != "sqlite":
        admin_url, _url = _postgres(target, "postgres")
        query = f"SELECT datname FROM pg_database WHERE datname LIKE '{TEMPLATE_PREFIX}%'"  # noqa: S608  # nosec B608
        rows = _pg(admin_url, query, fetch=True)
        for (name,) in rows:
            _pg(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            print(f"dropped {name}")
    shutil.rmtree(CACHE_DIR, ignore_errors=True)


# Measuring


def median(samples):
    return statistics.median(samples) if samples else float("nan")


def percentile(samples, share):
    ordered = sorted(samples)
    return ordered[min(int(len(ordered) * share), len(ordered) - 1)] if ordered else float("nan")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path, host, **headers):
    """(status, headers, body) of GET http://127.0.0.1:<port><path> with the given Host header."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host, **headers})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310  # nosec B310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_for(port, path="/healthz", host="localhost", seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if get(port, path, host)[0] < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"nothing answered on port {port} within {seconds} s")


WRK_SCRIPT = ROOT / "bench" / "wrk.lua"


def run_wrk(port, paths, host, *, seconds, connections, threads=2, etag=""):
    """wrk's figures against 127.0.0.1:<port> cycling through `paths` (with If-None-Match: `etag` when given):
    requests, rps, p50_ms, p99_ms, socket_errors, statuses."""
    conditional = [f"etag={etag}"] if etag else []
    command = [
        tool_path("wrk"), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
        "-s", str(WRK_SCRIPT), f"http://127.0.0.1:{port}/", "--", host, *conditional, *paths,
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603  # nosec B603
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    figures = json.loads(line.removeprefix("RESULT "))
    figures["rps"] = figures["requests"] / figures["seconds"]
    return figures


# Processes


def gunicorn_config(code_root, directory, port, *, preload=True):
    """A gunicorn config file: the checkout's gunicorn.conf.py (when it has one) with the bench's bind address and
    preload choice on top, so the deployed settings are the ones measured."""
    repository_config = code_root / "gunicorn.conf.py"
    lines = []
    if repository_config.exists():
        lines.append(f"exec(compile(open({str(repository_config)!r}).read(), {str(repository_config)!r}, 'exec'))")
    else:
        lines.append("workers = 5")
    lines += [
        f"bind = ['127.0.0.1:{port}']",
        f"preload_app = {preload}",
        "accesslog = None",
        "loglevel = 'warning'",
        "control_socket_disable = True",
    ]
    path = directory / f"gunicorn-{port}.conf.py"
    path.write_text("\n".join(lines) + "\n")
    return path


def start_gunicorn(code_root, environment, directory, *, preload=True):
    """gunicorn serving govcms.wsgi with production settings; returns (process, port) once /healthz answers."""
    port = free_port()
    config = gunicorn_config(code_root, directory, port, preload=preload)
    command = [sys.executable, "-m", "gunicorn", "-c", str(config), "govcms.wsgi:application"]
    process = subprocess.Popen(  # noqa: S603  # nosec B603
        command, cwd=code_root, env={**os.environ, **environment}, stdout=subprocess.DEVNULL
    )
    wait_for(port)
    return process, port


def stop(process):
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def memory(pid):
    """(RSS, PSS) in MB of one process, from /proc (PSS shares each shared page among the processes using it)."""
    rss = pss = 0
    for line in _read(f"/proc/{pid}/status").splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) / 1024
    for line in _read(f"/proc/{pid}/smaps_rollup").splitlines():
        if line.startswith("Pss:"):
            pss = int(line.split()[1]) / 1024
    return rss, pss


def children(pid):
    """The child process ids of `pid` (gunicorn's workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            for line in _read(entry / "status").splitlines():
                if line.startswith("PPid:") and int(line.split()[1]) == pid:
                    found.append(int(entry.name))
    return sorted(found)


class Worker:
    """This bench script again, as a process with Django set up on `code_root` and `environment`, answering one JSON
    line per request (see `serve`); `ask(op, **arguments)` returns the answer."""

    def __init__(self, script, flag, code_root, environment):
        # The checkout measured on the path, never this one's root (bench/ is found as the script's directory).
        environment = {**os.environ, **environment, "PYTHONPATH": str(code_root)}
        command = [sys.executable, str(Path(script).resolve()), flag]
        self.process = subprocess.Popen(  # noqa: S603  # nosec B603
            command, cwd=code_root, env=environment, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def ask(self, op, **arguments):
        self.process.stdin.write(json.dumps({"op": op, **arguments}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"a bench process stopped (exit code {self.process.wait()})")
        return json.loads(line)

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=60)


def serve(handlers):
    """The worker's side: set Django up, then answer {"op": name, ...} lines with handlers[name](**arguments)."""
    # bench/ (this script's directory, first on the path) holds search.py, which would shadow the search app.
    here = Path(__file__).resolve().parent
    sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != here] + [str(here)]
    import django

    django.setup()
    for line in sys.stdin:
        request = json.loads(line)
        answer = handlers[request.pop("op")](**request)
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()
