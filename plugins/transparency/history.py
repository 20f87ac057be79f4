"""First-commit dates of post files, from one batched `git log` call, cached by HEAD."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

CACHE_FILE = "transparency-history.json"
# Bump when the cached data changes meaning, so old caches are ignored.
_CACHE_VERSION = 1
# Separates commits in the log output; the date follows it on the same line.
_COMMIT_MARK = "\x1e"

# Why the history is missing, as the page names it.
DISABLED = "disabled"
NO_GIT = "no-git"
NO_REPOSITORY = "no-repository"
SHALLOW = "shallow"
FAILED = "failed"


@dataclass(frozen=True)
class History:
    """When each post file was first committed (keys relative to the content folder)."""

    first_commit: dict[str, dt.datetime] = field(default_factory=dict)
    missing_reason: str | None = None

    @property
    def available(self) -> bool:
        """True when the repository could be read."""
        return self.missing_reason is None


def read_history(
    content_path: str,
    article_paths: Sequence[str],
    cache_dir: str | None,
    timeout: float,
) -> History:
    """Return first-commit dates for the files under the article folders."""
    try:
        state = _git(content_path, ["rev-parse", "--is-shallow-repository", "HEAD"], timeout)
    except FileNotFoundError:
        logger.info("transparency: no git program found; submission dates only from metadata")
        return History(missing_reason=NO_GIT)
    except subprocess.TimeoutExpired:
        logger.warning("transparency: git did not answer within %s s", timeout)
        return History(missing_reason=FAILED)
    if state.returncode != 0:
        reason = state.stderr.strip().splitlines()
        logger.info(
            "transparency: %s has no readable git history (%s)",
            content_path,
            reason[-1] if reason else "no commits",
        )
        return History(missing_reason=NO_REPOSITORY)
    shallow, head = state.stdout.split()
    if shallow == "true":
        # A shallow clone shows every file as added in its oldest commit: wrong dates.
        logger.info("transparency: the repository is a shallow clone; run 'git fetch --unshallow'")
        return History(missing_reason=SHALLOW)

    key = {"version": _CACHE_VERSION, "head": head, "paths": list(article_paths)}
    cached = _load_cache(cache_dir, key)
    if cached is not None:
        return History(cached)
    try:
        log = _git(
            content_path,
            [
                "-c",
                "core.quotePath=false",
                "log",
                "--reverse",
                "--relative",
                "--find-renames",
                "--diff-filter=AR",
                "--name-status",
                f"--format={_COMMIT_MARK}%aI",
                "--",
                *article_paths,
            ],
            timeout,
        )
    except subprocess.TimeoutExpired:
        logger.warning("transparency: git log did not finish within %s s", timeout)
        return History(missing_reason=FAILED)
    if log.returncode != 0:
        logger.warning("transparency: git log failed: %s", log.stderr.strip())
        return History(missing_reason=FAILED)
    first = parse_log(log.stdout)
    _save_cache(cache_dir, key, first)
    return History(first)


def parse_log(output: str) -> dict[str, dt.datetime]:
    """Map each path to the author date of the commit that first added it (oldest first)."""
    first: dict[str, dt.datetime] = {}
    date: dt.datetime | None = None
    # Not splitlines(): it would also split at the commit mark, an ASCII record separator.
    for line in output.split("\n"):
        if line.startswith(_COMMIT_MARK):
            date = dt.datetime.fromisoformat(line[len(_COMMIT_MARK) :].strip())
            continue
        parts = line.split("\t")
        if date is None or len(parts) < 2:
            continue
        status = parts[0]
        if status.startswith("A"):
            first.setdefault(parts[1], date)
        elif status.startswith("R") and len(parts) == 3:
            # A moved file keeps the date it was first added under its old name.
            first.setdefault(parts[2], first.pop(parts[1], date))
    return first


def _git(cwd: str, args: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", cwd, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        check=False,
    )


def _load_cache(cache_dir: str | None, key: dict[str, object]) -> dict[str, dt.datetime] | None:
    if not cache_dir:
        return None
    try:
        with open(os.path.join(cache_dir, CACHE_FILE), encoding="utf-8") as cache:
            data = json.load(cache)
        if data.get("key") != key:
            return None
        return {path: dt.datetime.fromisoformat(day) for path, day in data["first"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _save_cache(
    cache_dir: str | None, key: dict[str, object], first: dict[str, dt.datetime]
) -> None:
    if not cache_dir:
        return
    try:
        os.makedirs(cache_dir, exist_ok=True)
        path = os.path.join(cache_dir, CACHE_FILE)
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as cache:
            json.dump(
                {"key": key, "first": {p: d.isoformat() for p, d in sorted(first.items())}}, cache
            )
        os.replace(temporary, path)
    except OSError as error:
        logger.info("transparency: cannot write the history cache in %s (%s)", cache_dir, error)
