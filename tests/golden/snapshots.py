"""Compare normalised pages with the committed snapshots, or rewrite the snapshots on request."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SNAPSHOT_FOLDER = Path(__file__).resolve().parent / "pages"
# `uv run invoke test --update-golden` sets it; the golden tests then write instead of compare.
UPDATE_VARIABLE = "GOLDEN_UPDATE"
UPDATE_COMMAND = "uv run invoke test --update-golden"
DIFF_LINE_LIMIT = 80


def update_requested() -> bool:
    """Whether this run should rewrite the snapshots rather than compare with them."""
    return os.environ.get(UPDATE_VARIABLE, "") == "1"


def rewritten_report(request: pytest.FixtureRequest, what: str) -> Iterator[list[str]]:
    """Yield a list for the names a module rewrote; on an update run, print them at its end."""
    names: list[str] = []
    yield names
    if update_requested():
        listed = ", ".join(names) if names else "none, everything matched"
        plugins = request.config.pluginmanager
        reporter = plugins.get_plugin("terminalreporter")
        capture = plugins.get_plugin("capturemanager")
        if reporter is not None and capture is not None:
            # Teardown output is captured and dropped for a passing test; this line must show.
            with capture.global_and_fixture_disabled():
                reporter.write_line(f"\n{what} rewritten: {listed}")


@dataclass(frozen=True)
class Comparison:
    """The outcome for one page: a readable diff if it differs from its snapshot, else None."""

    name: str
    problem: str | None
    updated: bool = False


def snapshot_path(name: str, folder: Path = SNAPSHOT_FOLDER) -> Path:
    """Where the snapshot of the page type `name` is kept."""
    return folder / f"{name}.html"


def readable_diff(name: str, expected: str, actual: str, limit: int = DIFF_LINE_LIMIT) -> str:
    """A unified diff of snapshot and page, cut to `limit` lines, with the command to accept it."""
    diff = list(
        difflib.unified_diff(
            expected.splitlines(),
            actual.splitlines(),
            fromfile=f"tests/golden/pages/{name}.html (snapshot)",
            tofile=f"{name} (this build)",
            lineterm="",
        )
    )
    shown = diff[:limit]
    if len(diff) > limit:
        shown.append(f"... {len(diff) - limit} more diff lines not shown")
    return (
        f"The page '{name}' differs from its golden snapshot:\n"
        + "\n".join(shown)
        + f"\nIf the change is intended, accept it with: {UPDATE_COMMAND}"
    )


def compare(name: str, actual: str, *, update: bool, folder: Path = SNAPSHOT_FOLDER) -> Comparison:
    """Compare `actual` with the snapshot `name`; with `update`, write it when it differs."""
    path = snapshot_path(name, folder)
    expected = path.read_text(encoding="utf-8") if path.exists() else None
    if expected == actual:
        return Comparison(name, None)
    if update:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return Comparison(name, None, updated=True)
    if expected is None:
        return Comparison(
            name,
            f"The page '{name}' has no golden snapshot yet ({path}); record it with: "
            f"{UPDATE_COMMAND}",
        )
    return Comparison(name, readable_diff(name, expected, actual))


def obsolete_snapshots(names: set[str], folder: Path = SNAPSHOT_FOLDER) -> list[Path]:
    """Snapshot files that no page type in the table produces any more."""
    return sorted(path for path in folder.glob("*.html") if path.stem not in names)


def remove_or_refuse(obsolete: list[Path], removed: list[str], *, what: str, table: str) -> None:
    """On an update run delete files no entry of `table` makes; otherwise fail naming them."""
    if obsolete and update_requested():
        for path in obsolete:
            path.unlink()
            removed.append(f"{path.stem} (removed)")
        return
    if obsolete:
        pytest.fail(
            f"{what} without an entry in {table}: {[path.name for path in obsolete]}; "
            f"add the page type to {table} or remove them with: {UPDATE_COMMAND}",
            pytrace=False,
        )
