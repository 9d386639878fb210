from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


def private_storage():
    """Storage for citizens' attachments and replies' files: never under MEDIA_ROOT, never served directly.

    Deployments may name a "private" storage in STORAGES (the tests use memory); otherwise
    files go to PRIVATE_MEDIA_ROOT on disk.
    """
    if "private" in settings.STORAGES:
        return storages["private"]
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)
