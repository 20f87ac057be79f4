"""The Nu HTML checker (vnu.jar) finds no errors in any page of the public site."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.sites import BuildRun
from tests.tools import VNU_JAR


def test_every_page_is_valid_html(public_site: BuildRun) -> None:
    java = shutil.which("java")
    if not java:
        pytest.fail("Java is missing: run `uv run invoke test`, which installs it.")
    pages = [str(public_site.output / p) for p in public_site.pages()]
    completed = subprocess.run(
        [java, "-jar", VNU_JAR, "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(completed.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{m.get('url', '').rsplit('/output/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
    assert errors == []
