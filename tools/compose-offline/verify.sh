#!/bin/sh
# Runs the docker-compose.yml stack of this checkout's committed code and takes a release and a citizen through
# it (README.md). Works in a scratch clone with its own .env, and removes the stack and its volumes at the end.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(git -C "$here" rev-parse --show-toplevel)
python=${PYTHON:-$repo/.venv/bin/python}
work=$(mktemp -d)
git clone -q "$repo" "$work/govcms"
cd "$work/govcms"

if docker compose version >/dev/null 2>&1; then compose="docker compose"; else compose="docker-compose"; fi
compose="$compose -p govcmsverify -f docker-compose.yml"
if ! docker image inspect elasticsearch:8.19.3 >/dev/null 2>&1; then
    compose="$compose -f $here/no-elasticsearch.yml"
    echo "no elasticsearch image: the database search backend is used"
fi
trap '$compose down -v >/dev/null 2>&1; rm -rf "$work"' EXIT

# Production settings as .env.example has them, on localhost: plain HTTP, the TLS proxy of a real deployment
# played by the requests' X-Forwarded-Proto header. Docker's health check probes 127.0.0.1, which is not an
# allowed host, as a load balancer's probe would not be.
"$python" - <<'PY'
import re, secrets
text = open(".env.example", encoding="utf-8").read()
values = {
    "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "localhost",
    "CSRF_TRUSTED_ORIGINS": "https://localhost:8000", "FRONTEND_CACHE_PURGE_URL": "", "EMAIL_URL": "consolemail://",
    "POSTGRES_PASSWORD": secrets.token_hex(12), "MINIO_ROOT_PASSWORD": secrets.token_hex(12),
    "S3_MEDIA_DOMAIN": "localhost:8080/media",
}
for name, value in values.items():
    text = re.sub(rf"^{name}=.*$", f"{name}={value}", text, count=1, flags=re.M)
open(".env", "w", encoding="utf-8").write(text)
PY

step() { printf '\n== %s\n' "$*"; }
step build; $compose build -q
step "migrate (the release command)"; $compose run --rm web python manage.py migrate --noinput -v 0
step "demo content"; $compose run --rm -e GOVCMS_DEMO=true web python manage.py load_demo | tail -1
step "up"; $compose up -d
until [ "$(docker inspect -f '{{.State.Health.Status}}' "$($compose ps -q web)")" = healthy ]; do sleep 2; done

step "the portal's home, twice: rendered, then from the page cache"
for attempt in 1 2; do
    curl -fsS -o home.html -D - -H "X-Forwarded-Proto: https" http://localhost:8000/ | grep -i '^x-page-cache'
done
grep -q 'src="https://localhost:8080/media/images/' home.html && echo "images linked through S3_MEDIA_DOMAIN"

step "the static files the home page and the admin's sign-in page name (the image's manifest, by WhiteNoise)"
curl -fsS -o login.html -H "X-Forwarded-Proto: https" http://localhost:8000/admin/login/
for asset in $(cat home.html login.html | grep -o '"/static/[^"]*"' | tr -d '"' | sort -u); do
    curl -fsS -o /dev/null -H "X-Forwarded-Proto: https" "http://localhost:8000$asset" || { echo "missing $asset"; exit 1; }
    found=$((${found:-0} + 1))
done
echo "$found static files, all served"

step "a citizen's letter with an attachment"
"$python" "$here/letter.py" http://localhost:8000 $compose
objects=$($compose exec -T web python manage.py shell -c "
from django.core.files.storage import storages
from wagtail.documents import get_document_model
private = storages['private']
letter = private.listdir('mailbox/')[0][0]
attachment = private.listdir('mailbox/' + letter)[1][0]
document = get_document_model().objects.first().file.name
print(f'govcms-private/mailbox/{letter}/{attachment} govcms-media/{document}')" | tail -1)
echo "stored: $objects"

step "what anyone may read in the buckets: images, and neither documents nor attachments"
image=$(grep -o 'src="https://localhost:8080/media/images/[^"]*"' home.html | head -1 | sed 's|^src="https://localhost:8080/media/||; s|"$||')
for object in "govcms-media/$image" $objects; do
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:9000/$object")
    echo "$status $object"
    case "$object:$status" in
        govcms-media/images/*:200 | govcms-media/documents/*:403 | govcms-private/*:403) ;;
        *) echo "unexpected"; exit 1 ;;
    esac
done

step "two schedulers: each daily job runs once"
$compose up -d --scale scheduler=2 scheduler
sleep 30
done_already=$($compose logs scheduler | grep -c "already done today" || true)
echo "daily jobs the second scheduler found done: $done_already"
[ "$done_already" -gt 0 ]

step "check --deploy, as docs/operations.md runs it"
$compose exec -T web python manage.py check --deploy --fail-level WARNING
