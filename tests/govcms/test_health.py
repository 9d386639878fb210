"""/healthz: 200 while the database answers, 503 when it does not.

Container runtimes probe it as http://127.0.0.1:8000/healthz, so under production settings it must
answer over plain HTTP (no HTTPS redirect) for a Host that is not in ALLOWED_HOSTS.
"""

import json
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

# Settings are read once per process: each probe runs in a fresh interpreter with its own DATABASE_URL.
PROBE = """
import json
import django

django.setup()
from django.test import Client

response = Client().get("/healthz", HTTP_HOST="127.0.0.1:8000")
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


def probe_production(database_url):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "govcms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "www.example.gov.cn",
        "DATABASE_URL": database_url,
    }
    command = [sys.executable, "-c", PROBE]
    return subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120)  # noqa: S603


def closed_port():
    """A local TCP port nothing listens on: bound once by us, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_healthz_is_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_rejects_writes(client, db):
    assert client.post("/healthz").status_code == 405


def test_production_healthz_answers_plain_http_for_any_host(tmp_path):
    result = probe_production(f"sqlite:///{tmp_path / 'db.sqlite3'}")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"status": 200, "body": {"status": "ok", "database": "ok"}}


@pytest.mark.parametrize(
    "database_url",
    [
        pytest.param("sqlite:///{tmp}/missing-directory/db.sqlite3", id="sqlite-file-cannot-be-opened"),
        pytest.param("postgres://postgres@127.0.0.1:{port}/govcms", id="postgres-port-not-listening"),
    ],
)
def test_production_healthz_is_unavailable_when_the_database_is_unreachable(tmp_path, database_url):
    result = probe_production(database_url.format(tmp=tmp_path, port=closed_port()))

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"status": 503, "body": {"status": "unavailable", "database": "unreachable"}}
    assert "Health check: database unreachable" in result.stderr
