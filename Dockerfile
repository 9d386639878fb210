# govcms application image: gunicorn serving govcms.wsgi with production settings.
# Configuration comes from the environment at run time (see .env.example); nothing secret is baked in.
# Migrations are a release step, not part of start-up (see docs/operations.md):
#   docker compose run --rm web python manage.py migrate
# The base image may be overridden at build time (tools/compose-offline builds one where no registry is reachable).
ARG PYTHON_IMAGE=python:3.11-slim
FROM ${PYTHON_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=govcms.settings.production \
    STATIC_ROOT=/app/var/static \
    MEDIA_ROOT=/app/var/media \
    PRIVATE_MEDIA_ROOT=/app/var/private
# gunicorn.conf.py runs 2 x CPU cores + 1 workers (capped) unless WEB_CONCURRENCY says otherwise.

# A fixed uid/gid, so a host directory bind-mounted for media can be chown'ed to it (10001:10001).
RUN groupadd --gid 10001 govcms \
 && useradd --uid 10001 --gid govcms --home-dir /app --no-create-home --shell /usr/sbin/nologin govcms

WORKDIR /app

# Dependencies first, so code changes do not invalidate this layer.
# psycopg[binary] bundles libpq: no system packages needed.
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .

# Static files are part of the image (served by WhiteNoise). The production settings insist on a
# SECRET_KEY; this one is random, exists only for this command and never reaches the image.
# The media and private directories (used without object storage, a volume mounted on each: docker-compose.yml
# keeps files in MinIO instead) are created owned by the app user, so a fresh named volume inherits that owner;
# the private one (mailbox attachments) is readable by that user alone. `manage.py check` (and so `migrate`) reports a private store it cannot write.
RUN SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
        python manage.py collectstatic --noinput --verbosity 0 \
 && mkdir -p "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT" \
 && chown govcms:govcms "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT" \
 && chmod 0700 "$PRIVATE_MEDIA_ROOT"

USER govcms
EXPOSE 8000

# /healthz answers plain HTTP for any Host header; urlopen raises on a 503, failing the check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]

# gunicorn reads ./gunicorn.conf.py: the application and jieba's dictionary are loaded once before the workers
# fork (preload_app), worker count, timeouts and recycling are set there (docs/operations.md, "Workers").
CMD ["gunicorn"]
