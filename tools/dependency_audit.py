"""pip-audit for `make audit`: a known vulnerability in an installed dependency fails; unreachable data does not.

CI may run without internet. pip-audit then either stops with a connection error (exit 1, like a finding)
or, behind a proxy that answers 404, skips every package ("Dependency not found on PyPI and could not be
audited") and exits 0 saying "No known vulnerabilities found". Neither has checked anything: this script
says so ("could not check") and passes, and fails only on vulnerabilities found or on any other error.

Usage: .venv/bin/python tools/dependency_audit.py   (audits the environment it runs in: the project's .venv)
"""

import json
import subprocess  # nosec B404 # the one call below is checked on its own
import sys

TIMEOUT_SECONDS = 300
# What pip-audit and requests print when the vulnerability service cannot be reached.
NETWORK_FAILURES = (
    "Could not connect",
    "ConnectionError",
    "ConnectTimeout",
    "ReadTimeout",
    "NameResolutionError",
    "Max retries exceeded",
    "Temporary failure in name resolution",
    "Network is unreachable",
)


def run_pip_audit():
    """(exit status, stdout, stderr) of pip-audit on this environment; status None when it timed out."""
    command = [sys.executable, "-m", "pip_audit", "--local", "--format", "json", "--progress-spinner", "off"]
    try:
        # A fixed command line: this interpreter's pip-audit.
        completed = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)  # noqa: S603  # nosec B603
    except subprocess.TimeoutExpired:
        return None, "", f"pip-audit did not finish within {TIMEOUT_SECONDS} s"
    return completed.returncode, completed.stdout, completed.stderr


def could_not_check(reason):
    return 0, f"pip-audit: COULD NOT CHECK the dependencies for known vulnerabilities ({reason}). Not a failure."


def verdict(returncode, stdout, stderr):
    """(exit status, report) of a pip-audit run: 1 for known vulnerabilities or a failure not the network's."""
    if returncode is None:
        return could_not_check(stderr)
    try:
        dependencies = json.loads(stdout)["dependencies"]
    except (ValueError, KeyError, TypeError):
        last_line = stderr.strip().splitlines()[-1] if stderr.strip() else f"exit status {returncode}"
        if any(marker in stderr for marker in NETWORK_FAILURES):
            return could_not_check(f"vulnerability data unreachable: {last_line}")
        return returncode or 1, f"pip-audit failed: {last_line}"

    vulnerable = [dependency for dependency in dependencies if dependency.get("vulns")]
    skipped = [dependency for dependency in dependencies if "skip_reason" in dependency]
    audited = len(dependencies) - len(skipped)
    if vulnerable:
        lines = [
            f"  {dependency['name']} {dependency['version']}: {vuln['id']}"
            f" (fixed in {', '.join(vuln['fix_versions']) or 'no release yet'})"
            for dependency in vulnerable
            for vuln in dependency["vulns"]
        ]
        return 1, "\n".join(["pip-audit: known vulnerabilities in installed packages:", *lines])
    if skipped and not audited:
        return could_not_check(f"none of {len(skipped)} packages could be looked up: {skipped[0]['skip_reason']}")
    report = f"pip-audit: no known vulnerabilities in {audited} packages."
    if skipped:
        names = ", ".join(dependency["name"] for dependency in skipped)
        report += f" Could not check {len(skipped)}: {names}."
    return 0, report


def main():
    status, report = verdict(*run_pip_audit())
    print(report)
    return status


if __name__ == "__main__":
    sys.exit(main())
