"""Digests of what a cache depends on besides its files: settings as plain data, and code.

A cache kept between runs is valid only for the settings and the code that made it. Both the
check's memo (editorial) and Pelican's content cache (content_cache) key their files by these.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Collection, Iterable, Mapping
from types import ModuleType
from typing import Any


def settings_digest(
    settings: Mapping[str, Any], leave_out: Collection[str] = (), *extra: object
) -> str:
    """A digest of the settings (but the keys left out) and of any extra plain data."""
    kept = {key: value for key, value in settings.items() if key not in leave_out}
    described = repr((plain(kept), *extra))
    return hashlib.sha256(described.encode("utf-8", "replace")).hexdigest()


def code_stamps(packages: Iterable[str]) -> list[tuple[str, int, int]]:
    """Path, size and modification time of every .py file of the packages (imported or not)."""
    stamps = []
    for name in packages:
        spec = importlib.util.find_spec(name)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            for directory, folders, files in os.walk(folder):
                folders.sort()
                for file in sorted(files):
                    if file.endswith(".py"):
                        found = os.stat(os.path.join(directory, file))
                        stamps.append(
                            (os.path.join(directory, file), found.st_size, found.st_mtime_ns)
                        )
    return stamps


def plain(value: Any) -> Any:
    """The value as nested plain data; objects by their type alone (their repr holds addresses)."""
    if isinstance(value, str | int | float | bool | type(None)):
        return value
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, Mapping):
        return sorted((str(key), plain(item)) for key, item in value.items())
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted(repr(plain(item)) for item in value)
    if isinstance(value, ModuleType):
        # A plugin Pelican has imported: by its name, as its type says nothing.
        return f"<module {value.__name__}>"
    named = value if hasattr(value, "__qualname__") else type(value)
    return f"<{getattr(named, '__module__', '')}.{named.__qualname__}>"
