"""The media bucket's storage (govcms.core.object_storage): files linked at MEDIA_URL unless a CDN is named.

Every site's hostname serves /media/ through its reverse proxy, which passes it to the bucket
(deploy/nginx/govcms.conf). Images are then on the page's own origin, as with files on disk: the public
Content-Security-Policy (img-src 'self') allows them on every site of the group, and no address of the storage
service (http://minio:9000 inside Docker) ever reaches a browser. With S3_MEDIA_DOMAIN set (a CDN in front of
the bucket) links name that host, and the settings add its origin to img-src.
"""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class ProxiedMediaStorage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        if self.custom_domain:
            return super().url(name, parameters, expire, http_method)
        return settings.MEDIA_URL + filepath_to_uri(self._normalize_name(clean_name(name)))
