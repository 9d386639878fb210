"""CI's security checks (`make audit`): pip-audit fails on known vulnerabilities and only on them.

Without internet pip-audit checks nothing, yet may exit 0 ("No known vulnerabilities found", every package
skipped) or 1 (a connection error): tools/dependency_audit.py tells those apart from real findings.
"""

import importlib.util
import json
import subprocess

from tests.govcms.test_settings import BASE_DIR

spec = importlib.util.spec_from_file_location("dependency_audit", BASE_DIR / "tools" / "dependency_audit.py")
dependency_audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dependency_audit)
verdict = dependency_audit.verdict


def audit_json(*dependencies):
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


def audited(name, *vulns):
    return {"name": name, "version": "1.0", "vulns": list(vulns)}


def skipped(name):
    return {"name": name, "skip_reason": f"Dependency not found on PyPI and could not be audited: {name} (1.0)"}


def test_known_vulnerabilities_fail():
    vuln = {"id": "PYSEC-2026-1", "fix_versions": ["1.1"], "aliases": []}

    status, report = verdict(1, audit_json(audited("django", vuln), audited("wagtail")), "")

    assert status == 1
    assert "django 1.0: PYSEC-2026-1 (fixed in 1.1)" in report


def test_nothing_looked_up_is_could_not_check_not_a_pass():
    """What pip-audit answers here: every package skipped, exit status 0, "No known vulnerabilities found"."""
    status, report = verdict(0, audit_json(skipped("django"), skipped("wagtail")), "No known vulnerabilities found\n")

    assert status == 0
    assert report.startswith("pip-audit: COULD NOT CHECK")
    assert "none of 2 packages could be looked up" in report


def test_unreachable_service_is_could_not_check_not_a_failure():
    traceback = (
        "Traceback (most recent call last):\n"
        "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded\n"
    )

    status, report = verdict(1, "", traceback)

    assert status == 0
    assert "COULD NOT CHECK" in report
    assert "vulnerability data unreachable" in report


def test_a_run_that_times_out_is_could_not_check():
    status, report = verdict(None, "", "pip-audit did not finish within 300 s")

    assert status == 0
    assert "COULD NOT CHECK" in report


def test_any_other_failure_fails():
    status, report = verdict(1, "", "ERROR:pip_audit._cli:invalid requirement: Django==")

    assert status == 1
    assert report == "pip-audit failed: ERROR:pip_audit._cli:invalid requirement: Django=="


def test_clean_audit_passes_and_names_what_it_could_not_check():
    status, report = verdict(0, audit_json(audited("django"), audited("wagtail"), skipped("govcms-local")), "")

    assert status == 0
    assert report == "pip-audit: no known vulnerabilities in 2 packages. Could not check 1: govcms-local."


def test_ci_runs_the_security_checks_from_a_fresh_clone():
    """`make audit` installs what it needs (requirements-dev.txt) like every other target CI runs."""
    ci = (BASE_DIR / ".ci" / "run").read_text(encoding="utf-8")
    dry_run = subprocess.run(["make", "-n", "audit"], cwd=BASE_DIR, capture_output=True, text=True, check=True)  # noqa: S607

    assert "\nmake audit\n" in ci
    assert ".venv/bin/bandit -c pyproject.toml -r ." in dry_run.stdout
    assert ".venv/bin/python tools/dependency_audit.py" in dry_run.stdout
