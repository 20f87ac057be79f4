"""Run the test suite, installing first what it needs beyond Python (Chromium, Java, vnu, axe)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile

from tests.postgres_server import postgres_bin

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHROMIUM = "/usr/bin/chromium"
VNU_JAR = os.path.join(ROOT, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
AXE_JS = os.path.join(ROOT, "node_modules", "axe-core", "axe.min.js")
GOLDEN_TESTS = ("tests/golden/test_pages.py", "tests/golden/test_screens.py")


def _apt_install(*packages: str) -> None:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(
            f"The tests need the Debian packages {', '.join(packages)}. "
            f"Install them with: sudo apt-get install -y {' '.join(packages)}"
        )
    print(f"Installing {', '.join(packages)} with apt-get …", file=sys.stderr)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


# Decap CMS and its local proxy: the preview build carries the web editor.
WEB_EDITOR_FILES = (
    os.path.join(ROOT, "node_modules", "decap-cms", "dist", "decap-cms.js"),
    os.path.join(ROOT, "node_modules", "decap-server", "dist", "index.js"),
)


def ensure_test_tools() -> None:
    """Install what is missing; a tool that cannot be installed ends the run with the fix."""
    missing = []
    if not os.path.exists(CHROMIUM):
        missing.append("chromium")
    if not shutil.which("java"):
        missing.append("default-jre-headless")
    if not shutil.which("npm"):
        missing.append("npm")
    if postgres_bin() is None:
        # The backend tests run on PostgreSQL too (tests/postgres_server.py starts a cluster).
        missing.append("postgresql")
    if missing:
        _apt_install(*missing)
    if not all(os.path.exists(path) for path in (VNU_JAR, AXE_JS, *WEB_EDITOR_FILES)):
        print("Installing the npm packages from package-lock.json …", file=sys.stderr)
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=ROOT, check=True
        )


def run_suite(*, browser: bool, match: str, update_golden: bool) -> int:
    """Run the suite (or, with update_golden, rewrite golden pages and screens); the exit code."""
    from tests.golden.snapshots import UPDATE_VARIABLE

    ensure_test_tools()
    if update_golden:
        # One build serves both: the pages' snapshots and the screenshots taken of the same pages.
        command = [sys.executable, "-m", "pytest", "-q", *GOLDEN_TESTS]
        if match:
            command += ["-k", match]
        return subprocess.run(command, env={**os.environ, UPDATE_VARIABLE: "1"}).returncode
    command = [sys.executable, "-m", "pytest", "-q"]
    if not browser:
        command += ["-m", "not browser"]
    if match:
        command += ["-k", match]
    return _in_two_parts(command)


# Two pytest processes share the machine's two cores. The second takes the backend's tests and
# the folders and files whose tests build only small sites of their own in temporary folders,
# never the sample site, whose build caches under .cache/ belong to the first process (kept so
# by tests/test_suite_parts.py). Both take about the same time; one process took over 10 min.
SECOND_PART = (
    "tests/backend",
    "tests/content_checks",
    "tests/devserver",
    "tests/faces_common",
    "tests/fast_preview",
    "tests/fragment_cache",
    "tests/output_folders",
    "tests/pulls",
    "tests/reach",
    "tests/test_escaping.py",
    "tests/test_escaping_browser.py",
    "tests/idea_polls/test_blocks_properties.py",
)
NO_TESTS_COLLECTED = 5


def _in_two_parts(command: list[str]) -> int:
    """Run the second part and all other tests at once; print the second part's output after."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as second_output:
        second = subprocess.Popen(
            [*command, *SECOND_PART],
            stdout=second_output,
            stderr=subprocess.STDOUT,
            text=True,
        )
        ignored = [f"--ignore={folder}" for folder in SECOND_PART]
        others = subprocess.run([*command, *ignored]).returncode
        second_code = second.wait()
        second_output.seek(0)
        print(f"\n--- run beside the others: {', '.join(SECOND_PART)} ---", flush=True)
        sys.stdout.write(second_output.read())
    codes = [others, second_code]
    if all(code == NO_TESTS_COLLECTED for code in codes):
        return NO_TESTS_COLLECTED
    # With -k, one part may match nothing: that is not a failure while the other ran tests.
    return max(code for code in codes if code != NO_TESTS_COLLECTED)
