#!/bin/sh
# Runs the docker-compose.yml stack of this checkout's committed code and takes a release and a citizen through
# it (README.md). Works in a scratch clone with its own .env, and removes the stack and its volumes at the end.
# Uses the official images where this host has them, build.sh's stand-ins otherwise.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
case "$here" in *" "*) echo "verify.sh: run it from a path without spaces" >&2; exit 2 ;; esac
repo=$(git -C "$here" rev-parse --show-toplevel)
python=${PYTHON:-$repo/.venv/bin/python}
work=$(mktemp -d)
compose=true  # until the stack is defined, the clean-up has none to take down
trap '$compose down -v >/dev/null 2>&1; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
git clone -q "$repo" "$work/govcms"
cd "$work/govcms"

fail() { echo "FAILED: $*" >&2; $compose logs --no-color --tail 40 web >&2 || true; exit 1; }
step() { printf '\n== %s\n' "$*"; }

if docker compose version >/dev/null 2>&1; then compose="docker compose"; else compose="docker-compose"; fi
compose="$compose -p govcmsverify -f docker-compose.yml"
official="python:3.11-slim postgres:15 redis:7 minio/minio minio/mc"
if docker image inspect $official >/dev/null 2>&1; then
    echo "the official images:"
    docker image inspect -f '  {{index .RepoTags 0}} {{.Id}}' $official
else
    compose="$compose -f $here/standins.yml"
    echo "build.sh's stand-ins for the official images"
fi
if ! docker image inspect elasticsearch:8.19.3 >/dev/null 2>&1; then
    compose="$compose -f $here/no-elasticsearch.yml"
    echo "no elasticsearch image: the database search backend is used"
fi

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
}
for name, value in values.items():
    text, found = re.subn(rf"^{name}=.*$", f"{name}={value}", text, count=1, flags=re.M)
    assert found, name
open(".env", "w", encoding="utf-8").write(text)
PY

step build
$compose build -q
step "migrate (the release command)"
$compose run --rm web python manage.py migrate --noinput -v 0
step "demo content"
$compose run --rm -e GOVCMS_DEMO=true web python manage.py load_demo > load_demo.log
tail -1 load_demo.log
step up
$compose up -d
for attempt in $(seq 90); do
    [ "$(docker inspect -f '{{.State.Health.Status}}' "$($compose ps -q web)")" = healthy ] && break
    [ "$attempt" -lt 90 ] || fail "web is not healthy after 3 minutes"
    sleep 2
done

fetch() {  # fetch PATH FILE: as the TLS proxy passes a request on; fails unless the answer is 200
    status=$(curl -sS -o "$2" -D headers.txt -w '%{http_code}' -H "X-Forwarded-Proto: https" "http://localhost:8000$1" || true)
    [ "$status" = 200 ] || fail "$1 answered $status"
}
page() {  # page PATH FILE: fetch, then print what the page cache did
    fetch "$1" "$2"
    tr -d '\r' < headers.txt | sed -n 's/^[Xx]-[Pp]age-[Cc]ache: //p'
}
step "the portal's home, twice: rendered, then from the page cache"
page / home.html > state.txt
first=$(cat state.txt)
page / home.html > state.txt
second=$(cat state.txt)
echo "first: $first, second: $second"
[ "$first" = miss ] && [ "$second" = hit ] || fail "expected a miss, then a hit"
grep -q 'src="/media/images/' home.html || fail "images are not linked at /media/images/ on the page's host"
echo "images linked at /media/images/ on the page's own host"

step "the static files the home page and the admin's sign-in page name (the image's manifest, by WhiteNoise)"
fetch /admin/login/ login.html
grep -o '"/static/[^"]*"' home.html login.html | cut -d'"' -f2 | sort -u > assets.txt
found=0
while read -r asset; do
    fetch "$asset" asset.bin
    found=$((found + 1))
done < assets.txt
[ "$found" -gt 0 ] || fail "no static file named"
echo "$found static files, all served"

step "a citizen's letter with an attachment"
"$python" "$here/letter.py" http://localhost:8000 $compose
stored=$($compose exec -T web python manage.py shell -c "
from django.core.files.storage import storages
from wagtail.documents import get_document_model
private = storages['private']
letter = private.listdir('mailbox/')[0][0]
attachment = private.listdir('mailbox/' + letter)[1][0]
document = get_document_model().objects.first().file.name
print(f'govcms-private/mailbox/{letter}/{attachment} govcms-media/{document}')")
objects=$(printf '%s\n' "$stored" | tail -1)
echo "stored: $objects"

step "what anyone may read in the buckets: images, and neither documents nor attachments"
image=$(grep -o 'src="/media/images/[^"]*"' home.html | head -1 | sed 's|^src="/media/||; s|"$||')
for object in "govcms-media/$image" $objects; do
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:9000/$object")
    echo "$status $object"
    case "$object:$status" in
        govcms-media/images/*:200 | govcms-media/documents/*:403 | govcms-private/*:403) ;;
        *) fail "unexpected status" ;;
    esac
done

step "two schedulers: each daily job runs once"
$compose up -d --scale scheduler=2 scheduler
sleep 30
logs=$($compose logs --no-color scheduler)
done_already=$(printf '%s\n' "$logs" | grep -E '^scheduler[-_]2 ' | grep -c "already done today" || true)
echo "daily jobs the second scheduler found done: $done_already"
[ "$done_already" -gt 0 ] || fail "the second scheduler ran the daily jobs again"

step "check --deploy, as docs/operations.md runs it"
$compose exec -T web python manage.py check --deploy --fail-level WARNING
