"""The Nu HTML checker (vnu.jar from package-lock.json) over a list of pages."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.tools import VNU_JAR


def vnu_errors(pages: list[Path]) -> list[str]:
    """Errors the checker finds, as 'page:line: message'; fails (never skips) without Java."""
    java = shutil.which("java")
    if not java:
        pytest.fail("Java is missing: run `uv run invoke test`, which installs it.")
    if not Path(VNU_JAR).is_file():
        pytest.fail(f"The HTML checker {VNU_JAR} is missing: run `uv run invoke test` (npm ci).")
    completed = subprocess.run(
        [java, "-jar", VNU_JAR, "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        messages = json.loads(completed.stderr or '{"messages": []}')["messages"]
    except json.JSONDecodeError:
        pytest.fail(f"The HTML checker did not answer in JSON: {completed.stderr[:500]}")
    return [
        f"{m.get('url', '').rsplit('/output/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
