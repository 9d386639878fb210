"""gunicorn settings for govcms (docs/operations.md, "Workers"); gunicorn reads this file from its working directory.

The application, and with it jieba's dictionary (govcms.wsgi), is loaded once in the master before the workers
fork: the workers share those pages copy-on-write instead of each loading ~64 MB of dictionary, and a recycled
worker starts in milliseconds. Everything here can be overridden on the command line or with GUNICORN_CMD_ARGS.
"""

import gc
import os

# Requests are CPU-bound (rendering) with short database waits: about two sync workers per core plus one.
# Capped: beyond that more workers only add memory and database connections (docs/scaling.md adds nodes instead).
MAX_DEFAULT_WORKERS = 12


def default_workers(cores=None):
    """2 x cores + 1, at most MAX_DEFAULT_WORKERS."""
    cores = cores or os.cpu_count() or 1
    return min(2 * cores + 1, MAX_DEFAULT_WORKERS)


wsgi_app = "govcms.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or default_workers())
preload_app = True
# A request taking over 60 s is killed (the proxy buffers uploads, so slow clients do not count); the proxy's
# read timeout is a little longer (docs/operations.md, "Reverse proxy"). A stopping worker gets 30 s to finish.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# No keepalive setting: a sync worker answers one request per connection and closes it, whatever the proxy asks
# (deploy/nginx's upstream keep-alive then opens a new connection each time). Threaded workers (gthread), which
# keep connections, served cached pages no faster here (bench/pages.py, docs/performance.md "Article page cache").
# Workers are recycled after about 10000 requests to bound memory growth; the jitter keeps them from all
# restarting at once. A live interview's polls reach that figure in seconds: lower would have workers
# restarting while polls queue (docs/interviews.md "Speed"; bench/interviews.py runs the same settings).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
# The heartbeat file lives in memory, not on the container's overlay file system.
SHARED_MEMORY = "/dev/shm"  # noqa: S108  # nosec B108 - gunicorn's heartbeat file only, no data
worker_tmp_dir = SHARED_MEMORY if os.path.isdir(SHARED_MEMORY) else None
# No control socket: gunicornc is not used, and the app user in the image cannot write its HOME.
control_socket_disable = True
accesslog = "-"


def when_ready(server):
    """In the master, after the preloaded application and before the first fork: move every object loaded so far
    (Django, the URL conf, jieba's dictionary) out of the garbage collector's reach, so the workers' collections
    never write to, and so never copy, the pages they share with the master."""
    gc.freeze()
