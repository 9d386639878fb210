"""The cache of external checks (ExternalLinkCheck): a URL checked recently is not fetched again."""

import hashlib

from django.utils import timezone

from monitoring.links.external import Result
from monitoring.models import ExternalLinkCheck

BATCH_SIZE = 500


def url_hash(url):
    return hashlib.sha256(url.encode()).hexdigest()


def cached_results(urls, max_age):
    """{url: Result} for the URLs checked less than `max_age` ago."""
    hashes = {url_hash(url): url for url in urls}
    since = timezone.now() - max_age
    rows = ExternalLinkCheck.objects.filter(checked_at__gte=since).in_bulk(list(hashes), field_name="url_hash")
    return {
        hashes[digest]: Result(row.ok, row.status_code, row.problem) for digest, row in rows.items() if digest in hashes
    }


def store_results(results):
    """Record `results` ({url: Result}) as the URLs' latest checks."""
    if not results:
        return
    now = timezone.now()
    hashes = {url_hash(url): url for url in results}
    existing = ExternalLinkCheck.objects.in_bulk(list(hashes), field_name="url_hash")
    changed, new = [], []
    for digest, url in hashes.items():
        result = results[url]
        row = existing.get(digest) or ExternalLinkCheck(url=url, url_hash=digest)
        row.ok, row.status_code, row.problem, row.checked_at = result.ok, result.status_code, result.problem, now
        (changed if row.pk else new).append(row)
    ExternalLinkCheck.objects.bulk_update(
        changed, ["ok", "status_code", "problem", "checked_at"], batch_size=BATCH_SIZE
    )
    ExternalLinkCheck.objects.bulk_create(new, batch_size=BATCH_SIZE)
