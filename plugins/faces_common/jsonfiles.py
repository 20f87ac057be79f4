"""JSON data files in the repository: read, and replace atomically under a lock.

Every pull from the backend (poll results, pending suggestions, view counts) reads the file,
merges, and writes it inside `locked(path)`, so two pulls never interleave, and through
`write_json` (temporary file + `os.replace`), so no reader ever sees half a file.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# Mode of a new data file: readable by the web server and other users, as git checks it out.
NEW_FILE_MODE = 0o644


class JsonFileError(ValueError):
    """A data file exists but cannot be read as JSON; carries the file, line and reason."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


def lock_path(path: Path) -> Path:
    """Return the lock file that guards `path` (a hidden file next to it)."""
    return path.with_name(f".{path.name}.lock")


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the exclusive lock of `path` (blocking until other holders let go)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # The lock file is never removed: removing it would let a waiter lock a deleted inode
    # while a newcomer locks a fresh file, and both would write at once.
    fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, NEW_FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def read_json(path: Path) -> Any | None:
    """Return the parsed content of `path`, or None when it does not exist."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as error:
        raise JsonFileError(path, 1, f"not UTF-8 text ({error.reason})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonFileError(path, error.lineno, error.msg) from None


def read_orders(path: Path) -> dict[str, Any]:
    """The orders a build left in `path` (file name -> order); empty when unreadable or absent."""
    # An orders file is the build's own output: one it cannot read means nothing was ordered.
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def ordered_paths(output: Path, orders_file: str) -> set[str]:
    """The output paths (relative, with /) named by every `orders_file` under `output`."""
    ordered: set[str] = set()
    for orders in output.rglob(orders_file):
        folder = orders.parent.relative_to(output).as_posix()
        prefix = "" if folder == "." else f"{folder}/"
        ordered.update(f"{prefix}{name}" for name in read_orders(orders))
    return ordered


def write_orders_files(
    by_folder: Mapping[str, Mapping[str, Any]], folders: Iterable[str], output: Path, name: str
) -> None:
    """Replace each folder's orders file `name` by its orders, or remove it where there are none."""
    for folder in sorted(set(folders) | set(by_folder)):
        target = output / folder / name
        orders = by_folder.get(folder)
        if orders:
            # Replaced whole (atomically): the preview server may be reading the last one.
            write_json(target, orders)
        else:
            target.unlink(missing_ok=True)


def write_json(path: Path, data: Any, *, sort_keys: bool = True, durable: bool = True) -> None:
    """Replace `path` with `data` as indented JSON, atomically (a reader sees old or new).

    durable=False skips the fsync, for files a lost write only makes the program compute again.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else NEW_FILE_MODE
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump(data, file, ensure_ascii=False, indent=2, sort_keys=sort_keys)
            file.write("\n")
            file.flush()
            if durable:
                os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
