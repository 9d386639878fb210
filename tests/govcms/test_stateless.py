"""Stateless app nodes: the settings a shared Redis cache and object storage select, and a login that outlives the
cache (a restarted Redis) because cached_db sessions are written through to the database."""

import json
import secrets

import pytest
from django.core.cache import cache
from django.test import Client

from tests.govcms.test_settings import manage

PRINT_SETTINGS = (
    "import json; from django.conf import settings; "
    "print(json.dumps({'session': settings.SESSION_ENGINE, 'storages': settings.STORAGES, "
    "'cache': settings.CACHES['default']['BACKEND'], "
    "'img-src': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'], "
    "'admin img-src': settings.ADMIN_CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))"
)
OBJECT_STORAGE = {
    "S3_MEDIA_BUCKET": "govcms-media",
    "S3_PRIVATE_BUCKET": "govcms-private",
    "S3_ENDPOINT_URL": "http://minio:9000",
}


def production_settings(**environment):
    result = manage("shell", "-c", PRINT_SETTINGS, SECRET_KEY=secrets.token_urlsafe(50), **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # after anything start-up prints


def test_redis_and_object_storage_make_the_node_stateless():
    chosen = production_settings(CACHE_URL="rediscache://127.0.0.1:6379/1", **OBJECT_STORAGE)

    assert chosen["session"] == "django.contrib.sessions.backends.cached_db"
    media, private = chosen["storages"]["default"], chosen["storages"]["private"]
    assert media["BACKEND"] == "govcms.core.media_storage.ProxiedMediaStorage"  # an S3Storage linked at /media/
    assert private["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (media["OPTIONS"]["bucket_name"], private["OPTIONS"]["bucket_name"]) == ("govcms-media", "govcms-private")
    assert media["OPTIONS"]["querystring_auth"] is False
    assert private["OPTIONS"]["querystring_auth"] is True and private["OPTIONS"]["default_acl"] == "private"
    assert media["OPTIONS"]["endpoint_url"] == "http://minio:9000"
    assert chosen["storages"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_images_come_from_the_pages_own_site_unless_a_cdn_is_named():
    """Linked at /media/ on each site's hostname, images need no source beyond 'self'; a CDN's origin is added."""
    own_site = production_settings(**OBJECT_STORAGE)
    assert own_site["img-src"] == ["'self'", "data:"]

    cdn = production_settings(**OBJECT_STORAGE, S3_MEDIA_DOMAIN="cdn.example.gov.cn/media/")
    assert cdn["storages"]["default"]["OPTIONS"]["custom_domain"] == "cdn.example.gov.cn/media"
    assert cdn["img-src"] == ["'self'", "data:", "https://cdn.example.gov.cn"]
    assert cdn["admin img-src"] == ["'self'", "data:", "blob:", "https://cdn.example.gov.cn"]


@pytest.mark.parametrize("domain", ["https://cdn.example.gov.cn/media", "//cdn.example.gov.cn/media", "/media"])
def test_a_cdn_named_with_a_scheme_or_without_a_host_is_refused_at_start(domain):
    result = manage("check", SECRET_KEY=secrets.token_urlsafe(50), **OBJECT_STORAGE, S3_MEDIA_DOMAIN=domain)

    assert result.returncode != 0
    assert "S3_MEDIA_DOMAIN is a host and path, without a scheme" in result.stderr


def test_without_them_files_stay_on_disk_and_sessions_in_the_database():
    chosen = production_settings(CACHE_URL="locmemcache://", S3_MEDIA_BUCKET="")

    assert chosen["session"] == "django.contrib.sessions.backends.db"
    assert chosen["storages"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert "private" not in chosen["storages"]


def test_object_storage_needs_a_separate_private_bucket():
    result = manage("check", SECRET_KEY=secrets.token_urlsafe(50), S3_MEDIA_BUCKET="govcms-media")

    assert result.returncode != 0
    assert "S3_MEDIA_BUCKET needs S3_PRIVATE_BUCKET" in result.stderr


@pytest.mark.django_db
def test_a_login_survives_the_loss_of_the_cache(settings, make_user):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client = Client()
    client.force_login(make_user(username="editor", is_superuser=True))
    assert client.get("/admin/").status_code == 200

    cache.clear()  # Redis restarted without its data

    assert client.get("/admin/").status_code == 200
