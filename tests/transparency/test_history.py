"""First-commit dates from one batched `git log`, cached by HEAD; every way git can be missing."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from transparency import history
from transparency.history import (
    NO_GIT,
    NO_REPOSITORY,
    SHALLOW,
    parse_log,
    read_history,
)


def git(repo: Path, *args: str, date: str = "2026-01-05T10:00:00+01:00") -> None:
    """Run git in the repository with a fixed author and date."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def write(path: Path, text: str = "Title: x\n\nText.\n") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with content/posts: two posts added on different days, one moved later."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root / "content" / "posts" / "eins.md")
    write(root / "README.md")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "eins", date="2026-01-05T10:00:00+01:00")
    write(root / "content" / "posts" / "zwei.md")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "zwei", date="2026-02-10T23:30:00+01:00")
    (root / "content" / "posts" / "2026").mkdir()
    git(root, "mv", "content/posts/eins.md", "content/posts/2026/eins.md")
    write(root / "content" / "posts" / "zwei.md", "Title: x\n\nMore text.\n")
    git(root, "commit", "-qam", "move and edit", date="2026-03-01T09:00:00+01:00")
    return root


def test_each_file_gets_the_date_it_was_first_added_even_after_a_move(repo: Path) -> None:
    found = read_history(str(repo / "content"), ["posts"], None, 30)
    assert found.available
    assert found.first_commit == {
        "posts/2026/eins.md": dt.datetime.fromisoformat("2026-01-05T10:00:00+01:00"),
        "posts/zwei.md": dt.datetime.fromisoformat("2026-02-10T23:30:00+01:00"),
    }


def test_git_log_runs_once_and_then_the_cache_answers_until_head_moves(
    repo: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(args: list[str], **kwargs: Any) -> Any:
        calls.append(args)
        return real_run(args, **kwargs)

    monkeypatch.setattr(history.subprocess, "run", counting_run)
    cache = tmp_path / "cache"
    first = read_history(str(repo / "content"), ["posts"], str(cache), 30)
    again = read_history(str(repo / "content"), ["posts"], str(cache), 30)
    assert again == first
    assert [c for c in calls if "log" in c] == [calls[1]]
    assert (cache / history.CACHE_FILE).exists()

    write(repo / "content" / "posts" / "drei.md")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "drei", date="2026-04-01T08:00:00+02:00")
    later = read_history(str(repo / "content"), ["posts"], str(cache), 30)
    assert len([c for c in calls if "log" in c]) == 2
    assert later.first_commit["posts/drei.md"].date() == dt.date(2026, 4, 1)


def test_a_folder_outside_any_repository_has_no_history(tmp_path: Path) -> None:
    export = tmp_path / "export" / "content"
    write(export / "posts" / "eins.md")
    found = read_history(str(export), ["posts"], None, 30)
    assert (found.available, found.missing_reason, found.first_commit) == (False, NO_REPOSITORY, {})


def test_without_a_git_program_there_is_no_history(repo: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("PATH", "")
    found = read_history(str(repo / "content"), ["posts"], None, 30)
    assert found.missing_reason == NO_GIT


def test_a_shallow_clone_is_not_trusted(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)],
        check=True,
        capture_output=True,
    )
    assert read_history(str(clone / "content"), ["posts"], None, 30).missing_reason == SHALLOW


def test_the_log_format_is_read_oldest_commit_first() -> None:
    output = (
        "\x1e2026-01-05T10:00:00+01:00\n\nA\tposts/a.md\nA\tposts/b.md\n"
        "\x1e2026-02-01T10:00:00+01:00\n\nR087\tposts/a.md\tposts/2026/a.md\nA\tposts/b.md\n"
    )
    assert parse_log(output) == {
        "posts/b.md": dt.datetime.fromisoformat("2026-01-05T10:00:00+01:00"),
        "posts/2026/a.md": dt.datetime.fromisoformat("2026-01-05T10:00:00+01:00"),
    }
