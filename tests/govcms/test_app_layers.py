"""sitegroup (sites, provisioning) and release (the release workflow) lie below the feature apps: the feature apps plug
into them through hooks, and neither imports any feature app (docs/architecture.md)."""

import ast
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
FEATURE_APPS = {
    "citizen_mailbox",
    "demo",
    "disclosure",
    "emergency",
    "interviews",
    "policy",
    "search",
    "submissions",
    "workdays",
}


def imported_apps(source_file):
    """The top-level packages `source_file` imports, anywhere in it (deferred imports included)."""
    tree = ast.parse(source_file.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


@pytest.mark.parametrize("app", ["sitegroup", "release"])
def test_the_app_imports_no_feature_app(app):
    offending = {
        str(source_file.relative_to(REPOSITORY)): sorted(set(imported_apps(source_file)) & FEATURE_APPS)
        for source_file in (REPOSITORY / app).rglob("*.py")
    }
    assert {path: apps for path, apps in offending.items() if apps} == {}
