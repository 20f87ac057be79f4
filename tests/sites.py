"""Build sites for the tests the way a user does: through `invoke build` and `invoke publish`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
INVOKE = [sys.executable, "-m", "invoke", "-r", str(ROOT)]


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
    command = [*INVOKE, task, "--output", str(output)]
    if settings:
        command += ["--settings", settings]
    if strict:
        command.append("--strict")
    if task == "build":
        command.append("--no-cache")
    return run_command(output, command, {**os.environ, "COLUMNS": "200", **(env or {})}, cwd)


def run_command(
    output: Path, command: list[str], env: dict[str, str], cwd: Path = ROOT
) -> BuildRun:
    """Run a build command in a fresh process (600 s at most) and return what happened."""
    completed = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=600, env=env
    )
    return BuildRun(output, completed.returncode, completed.stdout + completed.stderr)


def built(output: Path, **options: Any) -> BuildRun:
    """run_build that must succeed: a failed build stops the test and shows its log."""
    run = run_build(output, **options)
    assert run.returncode == 0, run.log
    return run


def run_invoke(
    *arguments: str, cwd: Path = ROOT, env: Mapping[str, str] | None = None, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    """Run one of this repository's invoke tasks in a fresh process, without a terminal."""
    return subprocess.run(
        [*INVOKE, *arguments],
        cwd=cwd,
        env=None if env is None else dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def env_without_faces(**extra: str) -> dict[str, str]:
    """This process's environment without the FACES_ variables a developer may have set."""
    kept = {key: value for key, value in os.environ.items() if not key.startswith("FACES_")}
    return {**kept, **extra}


def build_run_module(
    module: str, settings: Path, output: Path, processes: int | str, **env: str
) -> tuple[dict[str, Any], str]:
    """Run a tests' build_run module in a fresh process; its outcome (last line) and its log."""
    environment = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'plugins'}", **env}
    done = subprocess.run(
        [sys.executable, "-m", module, str(settings), str(output), str(processes)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.splitlines()[-1]), done.stderr


def output_files(output: Path) -> dict[str, bytes]:
    """Every written file's bytes by its path, but the backend manifests (they carry the time)."""
    return {
        str(path.relative_to(output)): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file() and path.name != "manifest.json"
    }
