"""Source digests remembered by (path, size, mtime), so a rebuild reads no unchanged file again."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any


def file_stamp(path: str) -> tuple[int, int] | None:
    """A regular file's size and modification time (ns); None for a folder or a missing file."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns) if stat.S_ISREG(found.st_mode) else None


def read_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class DigestMemo:
    """The digest of each source file, read again only when its size or mtime changed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.changed = False
        try:
            known = json.loads(path.read_text(encoding="utf-8"))
            self.known: dict[str, list[Any]] = known if isinstance(known, dict) else {}
        except (OSError, ValueError):
            self.known = {}

    def digest(self, source: Path) -> str:
        """The file's SHA-256; raises OSError when it cannot be read."""
        found = source.stat()
        stamp = [found.st_size, found.st_mtime_ns]
        name = str(source.resolve())
        entry = self.known.get(name)
        if isinstance(entry, list) and entry[:2] == stamp and len(entry) == 3:
            return str(entry[2])
        digest = read_digest(source)
        self.known[name] = [*stamp, digest]
        self.changed = True
        return digest

    def save(self) -> None:
        """Write the memo back if it learnt anything (atomically; a failure only costs time)."""
        if not self.changed:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(suffix=".tmp", dir=self.path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(self.known, out)
            os.replace(temporary, self.path)
        except OSError:
            pass
