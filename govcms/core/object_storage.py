"""Object storage (docs/scaling.md, "Object storage"): the STORAGES entries for an S3-compatible service.

Images and documents go to a media bucket, citizens' attachments to a second, private one, so app nodes keep no
files of their own. Path-style addressing works with MinIO and AWS alike; neither bucket overwrites a file of the
same name (Django's rule: a second upload gets a new name), which django-storages would otherwise do.
"""

from django.core.exceptions import ImproperlyConfigured

S3_BACKEND = "storages.backends.s3.S3Storage"
# Linked at MEDIA_URL, proxied to the bucket on every site's hostname (govcms.core.media_storage).
MEDIA_BACKEND = "govcms.core.media_storage.ProxiedMediaStorage"
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
    if media_domain and ("://" in media_domain or media_domain.startswith("/")):
        raise ImproperlyConfigured("S3_MEDIA_DOMAIN is a host and path, without a scheme: cdn.example.gov.cn/media.")
    media_domain = (media_domain or "").rstrip("/")
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
        # Plain URLs (no expiring signature) for images' renditions, which pages link to and proxies cache:
        # /media/<key> on the page's own hostname, or on the CDN's. The bucket lets anyone read images/ only
        # (docker-compose.yml, createbuckets). Documents are not readable there: Wagtail's serve view streams them
        # after its privacy checks (WAGTAILDOCS_SERVE_METHOD).
        "default": {
            "BACKEND": MEDIA_BACKEND,
            "OPTIONS": {
                **connection,
                "bucket_name": media_bucket,
                "querystring_auth": False,
                "default_acl": None,
                # A CDN in front of the bucket (cdn.example.gov.cn/media); None: MEDIA_URL on each site's host.
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


def media_origin(media_domain):
    """The origin images are linked at with S3_MEDIA_DOMAIN, for the Content-Security-Policy's img-src."""
    return "https://" + media_domain.split("/", 1)[0]
