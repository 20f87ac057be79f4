"""Build sites for the tests the way a user does: through `invoke build` and `invoke publish`."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BuildRun:
    """A finished build: where it wrote, its exit code and what it printed."""

    output: Path
    returncode: int
    log: str

    def html(self, relative: str) -> BeautifulSoup:
        """Parse one written page."""
        return BeautifulSoup((self.output / relative).read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> list[Path]:
        """Every HTML file written, relative to the output folder."""
        return sorted(p.relative_to(self.output) for p in self.output.rglob("*.html"))


def run_build(
    output: Path,
    *,
    task: str = "build",
    settings: str = "",
    strict: bool = False,
    env: dict[str, str] | None = None,
    cwd: Path = ROOT,
) -> BuildRun:
    """Run `invoke build|publish` in a fresh process and return what happened."""
    command = [sys.executable, "-m", "invoke", "-r", str(ROOT), task, "--output", str(output)]
    if settings:
        command += ["--settings", settings]
    if strict:
        command.append("--strict")
    if task == "build":
        command.append("--no-cache")
    completed = subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
    )
    return BuildRun(output, completed.returncode, completed.stdout + completed.stderr)
