"""Deployment: the Docker image owns the directories docker-compose.yml mounts, and start-up reports a
private file store the application cannot write (citizens' attachments would fail only when one is sent).
"""

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core import checks
from django.test import override_settings

from tests.govcms.test_settings import BASE_DIR

# The uid the check runs as when the suite runs as root, for whom every directory is writable.
NOBODY = 65534


def dockerfile_environment(text):
    """NAME=value pairs of the Dockerfile's ENV instructions."""
    instructions = re.findall(r"^ENV ((?:.*\\\n)*.*)$", text, re.MULTILINE)
    return dict(re.findall(r"(\w+)=(\S+)", " ".join(instructions)))


def test_the_image_creates_the_local_file_directories_owned_by_the_app_user():
    """For an installation without object storage, which mounts a volume on each (docs/operations.md)."""
    dockerfile = (BASE_DIR / "Dockerfile").read_text(encoding="utf-8")
    environment = dockerfile_environment(dockerfile)
    commands = " ".join(re.findall(r"^RUN ((?:.*\\\n)*.*)$", dockerfile, re.MULTILINE)).replace("\\\n", " ")

    def expanded(arguments):
        return {environment.get(name, name) for name in re.findall(r'"\$(\w+)"', arguments)}

    created = set().union(*map(expanded, re.findall(r"mkdir -p ((?:\"\$\w+\" ?)+)", commands)))
    owned = set().union(*map(expanded, re.findall(r"chown govcms:govcms ((?:\"\$\w+\" ?)+)", commands)))

    local = {environment["MEDIA_ROOT"], environment["PRIVATE_MEDIA_ROOT"]}
    assert local == {"/app/var/media", "/app/var/private"}
    assert local <= created
    assert local <= owned


def test_the_compose_stack_keeps_files_in_object_storage_not_in_the_app_containers():
    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text(encoding="utf-8"))
    app = compose["x-app"]

    assert "volumes" not in app
    assert app["environment"]["S3_MEDIA_BUCKET"] != app["environment"]["S3_PRIVATE_BUCKET"]
    assert app["environment"]["S3_ENDPOINT_URL"] == "http://minio:9000"
    assert app["depends_on"]["createbuckets"] == {"condition": "service_completed_successfully"}
    buckets = " ".join(compose["services"]["createbuckets"]["entrypoint"])
    assert f"mc anonymous set none govcms/{app['environment']['S3_PRIVATE_BUCKET']}" in buckets
    assert "python manage.py run_scheduled_jobs minutely" in compose["services"]["scheduler"]["command"][-1]


@pytest.fixture
def scratch_dir():
    """A directory other users can reach (pytest's tmp_path is private to its owner)."""
    path = Path(tempfile.mkdtemp(prefix="govcms-private-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path)


def file_checks_as_app_user(private_root):
    """The `files` system checks, as `manage.py check` runs them, with private files in `private_root`.

    In-process: an earlier version forked a child that dropped root's rights, which deadlocked or confused
    pytest-xdist (a forked copy of a worker with execnet's threads). Root may write anywhere, so the one case
    that needs an ordinary user is skipped under root.
    """
    storages = {name: value for name, value in settings.STORAGES.items() if name != "private"}
    with override_settings(STORAGES=storages, PRIVATE_MEDIA_ROOT=str(private_root)):
        return messages()


def messages():
    return [(message.id, message.msg, message.hint) for message in checks.run_checks(tags=[checks.Tags.files])]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to a read-only directory; run as an ordinary user")
def test_check_reports_a_private_store_the_application_cannot_write(scratch_dir):
    read_only = scratch_dir / "private"
    read_only.mkdir()
    read_only.chmod(0o555)

    [(check_id, text, hint)] = file_checks_as_app_user(read_only)

    assert check_id == "mailbox.E001"
    assert text == (
        f"The private file store {read_only} (PRIVATE_MEDIA_ROOT) is not writable by this process: "
        "letters with attachments cannot be saved."
    )
    assert hint.startswith("Create the directory owned by the user the application runs as (uid 10001")


def test_check_reports_a_private_store_that_cannot_be_created(scratch_dir):
    (scratch_dir / "file").write_text("not a directory")

    assert [check_id for check_id, *_ in file_checks_as_app_user(scratch_dir / "file" / "private")] == ["mailbox.E001"]


@pytest.mark.parametrize("existing", [True, False], ids=["existing", "created-on-first-file"])
def test_check_accepts_a_writable_private_store(scratch_dir, existing):
    scratch_dir.chmod(0o777)
    private = scratch_dir / "private"
    if existing:
        private.mkdir()
        private.chmod(0o777)

    assert file_checks_as_app_user(private) == []


def test_check_ignores_a_private_storage_that_is_not_a_directory():
    """The test settings keep private files in memory, as a deployment may name any storage "private"."""
    assert "private" in settings.STORAGES
    assert messages() == []
