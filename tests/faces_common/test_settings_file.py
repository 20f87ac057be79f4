"""A settings file that is missing or does not load: one line naming it and the fix, exit 2."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.sites import ROOT, run_invoke

_BROKEN = {
    "syntax": ("x = (\n", ":1: Die Einstellungsdatei lässt sich nicht laden (SyntaxError"),
    "import": (
        "SITENAME = 'x'\nimport gibt_es_nicht\n",
        ":2: Die Einstellungsdatei lässt sich nicht laden (ModuleNotFoundError",
    ),
    "invalid": (
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nPLUGINS = ['content_checks']\n"
        "SITEURL = 'https://x.example'\nTIMEZONE = 'UTC'\nMESSAGES_LANG = 'fr'\n",
        ": Eine Einstellung ist ungültig: MESSAGES_LANG has value 'fr'.",
    ),
}
_TASKS = {
    "check": [],
    "build": [],
    "new-post": ["--title", "Hallo", "--author", "miriam-keller", "--category", "Technik"],
    "linkcheck": [],
}


def _invoke(task: str, settings: str, cwd: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_invoke(
        task,
        "--settings",
        settings,
        *extra,
        cwd=cwd,
        env={**os.environ, "FACES_LOCALE": "de_CH"},
        timeout=300,
    )


def _lines(run: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]


@pytest.mark.parametrize("task", list(_TASKS))
def test_a_missing_settings_file_is_named_in_one_line(task: str, tmp_path: Path) -> None:
    run = _invoke(task, "nope.py", tmp_path, *_TASKS[task])
    assert run.returncode == 2, run.stderr
    [line] = _lines(run)
    assert line.endswith(
        "nope.py: Diese Einstellungsdatei gibt es nicht. Nennen Sie eine vorhandene Datei, "
        "z. B. --settings pelicanconf.py."
    )
    assert not list(tmp_path.iterdir()), "nothing written"


@pytest.mark.parametrize("case", list(_BROKEN))
@pytest.mark.parametrize("task", ["check", "build", "new-post"])
def test_a_settings_file_that_does_not_load_is_named_with_its_line(
    task: str, case: str, tmp_path: Path
) -> None:
    text, expected = _BROKEN[case]
    (tmp_path / "conf.py").write_text(text, encoding="utf-8")
    run = _invoke(task, "conf.py", tmp_path, *_TASKS[task])
    assert run.returncode == 2, run.stderr
    [line] = _lines(run)
    assert f"conf.py{expected}" in line
    assert "Traceback" not in line


def test_build_shows_the_traceback_with_debug(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text(_BROKEN["import"][0], encoding="utf-8")
    run = _invoke("build", "conf.py", tmp_path, "--debug")
    assert run.returncode == 2
    assert "Traceback" in run.stderr and "gibt_es_nicht" in run.stderr


def test_english_when_the_locale_says_so(tmp_path: Path) -> None:
    run = run_invoke(
        "check",
        "--settings",
        "nope.py",
        cwd=tmp_path,
        env={**os.environ, "FACES_LOCALE": "en_GB"},
        timeout=300,
    )
    assert run.returncode == 2
    assert run.stderr == (
        "nope.py: This settings file does not exist. Name an existing file, "
        "e.g. --settings pelicanconf.py.\n"
    )
