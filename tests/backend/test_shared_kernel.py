"""The backend and the plugins share one `faces_common`, imported under one name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import faces_common.jsonfiles
import pytest

from faces_backend.pulls import commands as pull_commands

REPO = Path(__file__).resolve().parents[2]


def test_the_pull_commands_use_the_jsonfiles_module_the_plugins_and_tasks_use() -> None:
    # Under a second name (plugins.faces_common) the module would be loaded twice, and an
    # `except JsonFileError` on one side would not catch the other side's error.
    assert pull_commands.JsonFileError is faces_common.jsonfiles.JsonFileError
    assert pull_commands.locked is faces_common.jsonfiles.locked
    assert not [name for name in sys.modules if name.startswith("plugins.")]


@pytest.mark.parametrize(
    "command",
    [
        ["-m", "faces_backend", "--help"],
        ["-c", "from faces_backend.cli import main; main(['--help'])"],
    ],
    ids=["python -m", "script"],
)
def test_the_backend_finds_faces_common_by_itself(command: list[str]) -> None:
    # From the repository root with nothing on PYTHONPATH, as an operator or a script runs it:
    # the command line imports the pull commands, so it starts only if `faces_common` resolves.
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, *command],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: python -m faces_backend")
