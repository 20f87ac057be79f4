"""The second and third processes of the suite never build the sample site (the first one does)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from tests.sites import ROOT
from tests.tools import BESIDE_PARTS, _in_parts

# Session fixtures of tests/conftest.py that build the sample site with its .cache/ folder.
SAMPLE_BUILDS = {"preview_site", "public_site", "intranet_site", "served_public"}
BUILD_CALLS = {"run_build", "built"}


def _beside_part_files() -> list[Path]:
    paths = [ROOT / path for part in BESIDE_PARTS for path in part]
    return sorted(
        found for path in paths for found in ([path] if path.is_file() else path.rglob("*.py"))
    )


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    return node.arg if isinstance(node, ast.arg) else ""


def _sample_site_uses(source: str, name: str) -> list[str]:
    """Lines of one test module that would build the sample site."""
    found = []
    for node in ast.walk(ast.parse(source, filename=name)):
        if _name(node) in SAMPLE_BUILDS:
            found.append(f"{name}:{node.lineno}: sample-site fixture")  # type: ignore[attr-defined]
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tests.golden"):
            found.append(f"{name}:{node.lineno}: golden build")
        if (
            isinstance(node, ast.Call)
            and _name(node.func) in BUILD_CALLS
            and not any(keyword.arg == "settings" for keyword in node.keywords)
        ):
            found.append(f"{name}:{node.lineno}: build without settings=")
    return found


def test_the_parts_beside_the_first_hold_folders_and_files_that_exist() -> None:
    assert [path for part in BESIDE_PARTS for path in part if not (ROOT / path).exists()] == []
    assert len(_beside_part_files()) > 50


def test_no_test_file_runs_in_two_parts() -> None:
    files = _beside_part_files()
    assert sorted({str(path) for path in files if files.count(path) > 1}) == []


def test_no_test_beside_the_first_part_builds_the_sample_site() -> None:
    uses = [
        line
        for path in _beside_part_files()
        for line in _sample_site_uses(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert uses == [], "move these tests into the first part (out of tests/tools.py BESIDE_PARTS)"


@pytest.mark.parametrize(
    "source",
    [
        "def test_x(preview_site): pass",
        "from tests.golden.builds import golden_build",
        "run = built(tmp / 'output')",
    ],
)
def test_the_check_sees_each_kind_of_sample_build(source: str) -> None:
    assert len(_sample_site_uses(source, "probe.py")) == 1


def test_a_small_site_of_its_own_passes_the_check() -> None:
    assert _sample_site_uses("run = built(tmp / 'output', settings=str(conf))", "probe.py") == []


PROBE = """
import sys
arguments = sys.argv[1:]
print("part", "first" if arguments[0].startswith("--ignore=") else arguments[0])
sys.exit(int(os.environ.get("CODE_" + str(len(arguments)), "0")))
"""


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ({}, 0),
        ({"first": 1}, 1),
        ({"third": 2}, 2),
        ({"first": 5, "second": 5, "third": 5}, 5),
        ({"first": 5, "second": 0, "third": 5}, 0),
        ({"first": 5, "second": 1}, 1),
    ],
)
def test_every_part_runs_and_the_worst_exit_code_counts(
    codes: dict[str, int],
    expected: int,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    # Each part has its own number of arguments, so the probe finds its exit code by that count.
    sizes = {
        "first": sum(len(part) for part in BESIDE_PARTS),
        "second": len(BESIDE_PARTS[0]),
        "third": len(BESIDE_PARTS[1]),
    }
    assert len(set(sizes.values())) == 3
    for part, code in codes.items():
        monkeypatch.setenv(f"CODE_{sizes[part]}", str(code))
    command = [sys.executable, "-c", "import os\n" + PROBE]
    assert _in_parts(command) == expected
    printed = capfd.readouterr().out
    assert printed.count("part ") == 3
    assert "part first" in printed
    assert all(f"part {part[0]}" in printed for part in BESIDE_PARTS)
