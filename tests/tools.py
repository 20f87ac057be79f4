"""Run the test suite, installing first what it needs beyond Python (Chromium, Java, vnu, axe)."""

from __future__ import annotations

import contextlib
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
    return _in_parts(command)


# Three pytest processes share the machine's two cores: each waits part of its time (on servers
# starting, on pages going idle in Chromium, on subprocesses), so a third uses the cores the other
# two leave idle. The first process takes every test not named below, among them all that build
# the sample site, whose build caches under .cache/ belong to it alone. The other two take the
# folders and files whose tests build only small sites of their own in temporary folders (kept so
# by tests/test_suite_parts.py). The parts are balanced by the durations measured on 2026-12-07
# (`--durations`, whole suite): about 520 s, 520 s and 550 s of test time each on a busy machine.
SECOND_PART = (
    "tests/backend",
    "tests/comments/test_comments_browser.py",
    "tests/content_checks",
    "tests/faces_common",
    "tests/fast_preview",
    "tests/fragment_cache",
    "tests/output_folders",
    "tests/pulls",
    "tests/reach",
    "tests/transparency/test_generator.py",
    "tests/web_editor/test_board_browser.py",
    "tests/web_editor/test_editor_browser.py",
)
THIRD_PART = (
    "tests/clean_images/test_awkward_site.py",
    "tests/clean_images/test_clean.py",
    "tests/clean_images/test_clean_orders.py",
    "tests/clean_images/test_copy_orders.py",
    "tests/clean_images/test_svg_browser.py",
    "tests/clean_images/test_svg_site.py",
    "tests/devserver",
    "tests/idea_polls/test_blocks_properties.py",
    "tests/idea_polls/test_build.py",
    "tests/idea_polls/test_polls_browser.py",
    "tests/idea_polls/test_rendered_poll.py",
    "tests/parallel_read",
    "tests/parallel_write",
    "tests/test_escaping.py",
    "tests/test_escaping_browser.py",
)
BESIDE_PARTS = (SECOND_PART, THIRD_PART)
NO_TESTS_COLLECTED = 5


def _in_parts(command: list[str]) -> int:
    """Run the parts beside the first at once with it; print their output after the first's."""
    with contextlib.ExitStack() as stack:
        beside = []
        for part in BESIDE_PARTS:
            output = stack.enter_context(tempfile.TemporaryFile(mode="w+", encoding="utf-8"))
            process = subprocess.Popen(
                [*command, *part], stdout=output, stderr=subprocess.STDOUT, text=True
            )
            beside.append((part, process, output))
        ignored = [f"--ignore={path}" for part in BESIDE_PARTS for path in part]
        codes = [subprocess.run([*command, *ignored]).returncode]
        for part, process, output in beside:
            codes.append(process.wait())
            output.seek(0)
            print(f"\n--- run beside the others: {', '.join(part)} ---", flush=True)
            sys.stdout.write(output.read())
    if all(code == NO_TESTS_COLLECTED for code in codes):
        return NO_TESTS_COLLECTED
    # With -k, one part may match nothing: that is not a failure while another ran tests.
    return max(code for code in codes if code != NO_TESTS_COLLECTED)
