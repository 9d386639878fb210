"""Configuration: .env.example documents every setting, and production settings refuse unsafe ones.

Settings are evaluated once per process, so each case runs manage.py in a fresh interpreter whose
environment is exactly what an operator would pass.
"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = BASE_DIR / ".env.example"
# env("NAME"), env.bool("NAME", ...), env.db_url("NAME", ...) and friends in govcms/settings/.
ENV_READ = re.compile(r"\benv(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"")


def example_environment():
    """The variables .env.example sets: its KEY=value lines."""
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def manage(*args, **overrides):
    """Run manage.py with production settings and the .env.example environment plus overrides."""
    env = {
        "PATH": os.environ["PATH"],
        **example_environment(),
        "DJANGO_SETTINGS_MODULE": "govcms.settings.production",
        **overrides,
    }
    command = [sys.executable, "manage.py", *args]
    return subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120)  # noqa: S603


def test_env_example_documents_every_variable_the_settings_read():
    source = "".join(path.read_text(encoding="utf-8") for path in (BASE_DIR / "govcms" / "settings").glob("*.py"))
    read = set(ENV_READ.findall(source))
    # Commented-out lines count as documentation (e.g. test-only variables).
    documented = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(encoding="utf-8"), re.MULTILINE))

    assert {"SECRET_KEY", "DATABASE_URL", "SECURE_HSTS_SECONDS"} <= read, "the pattern no longer finds env reads"
    assert read - documented == set()


def test_env_example_selects_production_settings():
    assert example_environment()["DJANGO_SETTINGS_MODULE"] == "govcms.settings.production"


def test_production_passes_deploy_checks_with_example_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=secrets.token_urlsafe(50))

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize(
    "secret_key",
    [
        pytest.param(None, id="placeholder-from-env-example"),
        # Empty is what an unset variable reads as (an unset one could be filled from a developer's .env).
        pytest.param("", id="missing"),
        pytest.param("dev-only-insecure-key-do-not-use-in-production", id="dev-key"),
        pytest.param("too-short-" * 3, id="short"),
    ],
)
def test_production_refuses_to_start_without_a_real_secret_key(secret_key):
    overrides = {} if secret_key is None else {"SECRET_KEY": secret_key}

    result = manage("check", **overrides)

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set" in result.stderr


def test_production_sends_the_public_and_the_admin_content_security_policy():
    """The policies of govcms/settings/base.py reach production: no inline script on public pages."""
    code = (
        "from django.http import HttpResponse\n"
        "from django.test import RequestFactory\n"
        "from govcms.middleware import ContentSecurityPolicyMiddleware\n"
        "middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse())\n"
        "for path in ('/', '/zwgk/', '/admin/', '/admin/pages/3/edit/'):\n"
        "    print('CSP', middleware(RequestFactory().get(path, secure=True))['Content-Security-Policy'])\n"
    )

    result = manage("shell", "--no-imports", "-c", code, SECRET_KEY=secrets.token_urlsafe(50))

    assert result.returncode == 0, result.stderr
    home, column, admin, editor = (
        {name: sources for name, *sources in (part.split() for part in line.removeprefix("CSP ").split("; "))}
        for line in result.stdout.splitlines()
        if line.startswith("CSP ")
    )
    assert home == column
    assert home["script-src"] == ["'self'"]
    assert home["frame-ancestors"] == ["'none'"]
    assert admin == editor
    assert admin["script-src"] == ["'self'", "'unsafe-inline'"]
    assert admin["frame-ancestors"] == ["'self'"]
