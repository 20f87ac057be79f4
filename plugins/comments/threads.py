"""A post's stable thread id and whether its thread takes new comments."""

from __future__ import annotations

import os
import re
from typing import Any

# Letters, digits and '-', 3 to 64 characters (the comments contract, point 1).
ID_PATTERN = re.compile(r"[A-Za-z0-9-]{3,64}")
OFF_VALUES = frozenset({"off", "aus", "no", "nein"})
_HEADER_LINE = re.compile(r"^\s*:?id\s*:", re.IGNORECASE)


def declared_id(content: Any) -> str | None:
    """The post's `Id:` header as written (stripped), or None without one."""
    value = content.metadata.get("id")
    if value is None:
        return None
    return str(value).strip()


def path_id(source_path: str, content_root: str) -> str:
    """The thread id from the source file: its path under the content folder, no extension."""
    relative = os.path.relpath(source_path, content_root)
    return os.path.splitext(relative)[0].replace(os.sep, "/")


def thread_id(content: Any, content_root: str | None = None) -> str:
    """The post's thread id: a valid `Id:` header, else its source path without extension."""
    declared = declared_id(content)
    if declared is not None and ID_PATTERN.fullmatch(declared):
        return declared
    root = content_root if content_root is not None else content.settings["PATH"]
    return path_id(content.source_path, root)


def thread_file_name(thread: str) -> str:
    """The data file of a thread: its id with '/' replaced by '--', plus '.json'."""
    return thread.replace("/", "--") + ".json"


def comments_switched_off(content: Any) -> bool:
    """True if the post says `Comments: off` (or aus, no, nein; any case)."""
    return str(content.metadata.get("comments", "")).strip().lower() in OFF_VALUES


def id_line(source_path: str) -> int:
    """The line of the `Id:` header in the source file (1 if it cannot be found)."""
    try:
        with open(source_path, encoding="utf-8-sig") as source:
            for number, line in enumerate(source, start=1):
                if _HEADER_LINE.match(line):
                    return number
                if number > 200:
                    break
    except OSError:
        pass
    return 1
