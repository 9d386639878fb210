"""Object storage (docs/scaling.md, "Object storage"): the STORAGES entries for an S3-compatible service.

Images and documents go to a media bucket, citizens' attachments to a second, private one, so app nodes keep no
files of their own. Path-style addressing works with MinIO and AWS alike; neither bucket overwrites a file of the
same name (Django's rule: a second upload gets a new name), which django-storages would otherwise do.
"""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

S3_BACKEND = "storages.backends.s3.S3Storage"
# A signed URL of the private bucket, were one ever made, expires this many seconds after it is made.
PRIVATE_URL_SECONDS = 60


def s3_storages(
    *,
    media_bucket,
    private_bucket,
    endpoint_url=None,
    region="us-east-1",
    access_key="",
    secret_key="",
    media_domain=None,
):
    """{"default": ..., "private": ...} for STORAGES."""
    if not private_bucket or private_bucket == media_bucket:
        raise ImproperlyConfigured("S3_MEDIA_BUCKET needs S3_PRIVATE_BUCKET, a second bucket, for attachments.")
    connection = {
        "endpoint_url": endpoint_url or None,
        "region_name": region,
        "access_key": access_key,
        "secret_key": secret_key,
        "addressing_style": "path",
        "signature_version": "s3v4",
        "file_overwrite": False,
    }
    return {
        # Plain URLs (no expiring signature) for images' renditions, which pages link to and proxies cache; the
        # bucket lets anyone read images/ only (docker-compose.yml, createbuckets). Documents are not readable
        # there: Wagtail's serve view streams them after its privacy checks (WAGTAILDOCS_SERVE_METHOD).
        "default": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **connection,
                "bucket_name": media_bucket,
                "querystring_auth": False,
                "default_acl": None,
                # Where browsers fetch media: the proxy or CDN in front of the bucket (www.example.gov.cn/media).
                "custom_domain": media_domain or None,
            },
        },
        # Citizens' attachments: private objects in a bucket nobody may read anonymously. The mailbox's
        # permission-checked view streams them (citizen_mailbox.admin_views.attachment); no URL of this bucket
        # is ever given out.
        "private": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": {
                **connection,
                "bucket_name": private_bucket,
                "querystring_auth": True,
                "querystring_expire": PRIVATE_URL_SECONDS,
                "default_acl": "private",
            },
        },
    }


@checks.register(checks.Tags.security, deploy=True)
def check_media_address(app_configs, **kwargs):
    """Images of a bucket reached over plain HTTP, with no S3_MEDIA_DOMAIN, are linked at the bucket's own address.

    That is the address the application uses (http://minio:9000 in docker-compose.yml): a name only the Docker
    network resolves, over plain HTTP, which browsers refuse on an HTTPS page. Every public image would be
    broken. An https:// endpoint (a cloud service's) is left alone: browsers can fetch it.
    """
    storage = settings.STORAGES.get("default", {})
    options = storage.get("OPTIONS", {})
    endpoint = options.get("endpoint_url") or ""
    if storage.get("BACKEND") != S3_BACKEND or options.get("custom_domain") or not endpoint.startswith("http://"):
        return []
    return [
        checks.Warning(
            f"Images are linked at {endpoint}/{options['bucket_name']}/, which browsers cannot fetch: "
            "S3_MEDIA_DOMAIN is not set.",
            hint="Set S3_MEDIA_DOMAIN to the host and path through which browsers fetch the bucket, e.g. "
            "www.example.gov.cn/media (deploy/nginx/govcms.conf proxies /media/ to it; docs/scaling.md).",
            id="govcms.W001",
        )
    ]
