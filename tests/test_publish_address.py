"""`invoke publish` and `invoke intranet` refuse, in one line, to build without an address."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sites import ROOT

CASES = [
    # task, environment, expected line
    (
        "publish",
        {},
        "publishconf.py: SITEURL ist nicht gesetzt; ohne die Adresse der Website wären alle Links "
        "und Canonical-Tags falsch. Setzen Sie sie, z. B. "
        "SITEURL=https://blog.example.com uv run invoke publish",
    ),
    (
        "publish",
        {"SITEURL": "", "FACES_LOCALE": "en_GB"},
        "publishconf.py: SITEURL is not set; without the site's address every link and canonical "
        "tag would be wrong. Set it, e.g. SITEURL=https://blog.example.com uv run invoke publish",
    ),
    (
        "publish",
        {"SITEURL": "/"},
        "publishconf.py: SITEURL ist nicht gesetzt; ohne die Adresse der Website wären alle Links "
        "und Canonical-Tags falsch. Setzen Sie sie, z. B. "
        "SITEURL=https://blog.example.com uv run invoke publish",
    ),
    (
        "intranet",
        {"SITEURL": "https://blog.example.com", "FACES_LOCALE": "en"},
        "intranetconf.py: INTRANET_SITEURL is not set; without the site's address every link and "
        "canonical tag would be wrong. Set it, e.g. "
        "INTRANET_SITEURL=https://intranet.example.com/blog uv run invoke intranet",
    ),
]


@pytest.mark.parametrize(("task", "environment", "expected"), CASES)
def test_a_build_without_the_sites_address_is_refused_before_it_starts(
    tmp_path: Path, task: str, environment: dict[str, str], expected: str
) -> None:
    inherited = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SITEURL", "INTRANET_SITEURL") and not k.startswith("FACES_")
    }
    output = tmp_path / "output"
    completed = subprocess.run(
        [sys.executable, "-m", "invoke", "-r", str(ROOT), task, "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**inherited, **environment},
    )
    assert (completed.returncode, completed.stdout, completed.stderr) == (2, "", expected + "\n")
    assert not output.exists()
