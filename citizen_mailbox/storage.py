import os
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateStorage(LazyObject):
    """Storage for citizens' attachments and replies' files: never under MEDIA_ROOT, never served directly.

    Deployments may name a "private" storage in STORAGES (the private bucket of object storage,
    govcms.core.object_storage; the tests use memory); otherwise files go to PRIVATE_MEDIA_ROOT on disk.
    Resolved lazily, and again when those settings change, like Django's default_storage: the model fields hold
    this one object.
    """

    def _setup(self):
        if "private" in settings.STORAGES:
            self._wrapped = storages["private"]
        else:
            self._wrapped = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)


_private_storage = PrivateStorage()


def private_storage():
    """The private storage (the callable the model fields and their migrations name)."""
    return _private_storage


@receiver(setting_changed)
def _forget_private_storage(setting, **kwargs):
    if setting in ("STORAGES", "PRIVATE_MEDIA_ROOT"):
        _private_storage._wrapped = empty


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
