import os
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage, storages


def private_storage():
    """Storage for citizens' attachments and replies' files: never under MEDIA_ROOT, never served directly.

    Deployments may name a "private" storage in STORAGES (the tests use memory); otherwise
    files go to PRIVATE_MEDIA_ROOT on disk.
    """
    if "private" in settings.STORAGES:
        return storages["private"]
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)


@checks.register(checks.Tags.files)
def check_private_store_writable(app_configs, **kwargs):
    """A letter with an attachment fails only when a citizen sends one: say at start-up (migrate, check) instead.

    The directory may not exist yet (FileSystemStorage creates it on the first file): then the nearest
    existing parent must let the application create it.
    """
    storage = private_storage()
    if not isinstance(storage, FileSystemStorage):
        return []
    location = Path(storage.location)
    nearest = next(path for path in (location, *location.parents) if path.exists())
    if nearest.is_dir() and os.access(nearest, os.W_OK | os.X_OK):
        return []
    return [
        checks.Error(
            f"The private file store {location} (PRIVATE_MEDIA_ROOT) is not writable by this process: "
            "letters with attachments cannot be saved.",
            hint="Create the directory owned by the user the application runs as (uid 10001 in the Docker "
            "image), or point PRIVATE_MEDIA_ROOT at a writable one (docs/operations.md, 'Private files').",
            obj="PRIVATE_MEDIA_ROOT",
            id="mailbox.E001",
        )
    ]
