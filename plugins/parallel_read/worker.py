"""The forked reading process: reads the files it claims from the last one and sends them back.

It runs Pelican's reader for each file (our checking readers and Python-Markdown inside it),
exactly as Readers.read_file does before it asks the cache, and sends what the reader returned,
the file's stamp taken after reading (as Pelican takes it), the log records the reader made
(before any filter saw them) and what the content checks kept of the file. A file whose reader
fails is reported as failed, with nothing else: the build process reads it again itself, so
its error appears there as in a build on one core. The process writes no file and ends with
os._exit, whatever happens, so no handler of the build process runs twice.
"""

from __future__ import annotations

import io
import os
import pickle
import time
from collections.abc import Callable, MutableMapping
from multiprocessing.connection import Connection
from typing import Any, NoReturn

from faces_common.child_logs import capture_before_filters
from faces_common.claims import FORKED, Claims
from pelican.readers import _filter_discardable_metadata
from pelican.utils import file_suffix

# The one object sent by reference: each post's categories, tags and authors point to the
# settings, which the build process has as they were at the fork.
SETTINGS_ID = "settings"


class SettingsPickler(pickle.Pickler):
    """Pickles everything but the settings, which the other process has already."""

    def __init__(self, file: io.BytesIO, settings: dict[str, Any]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._settings = settings

    def persistent_id(self, obj: Any) -> str | None:
        """The settings by name, every other object by value."""
        return SETTINGS_ID if obj is self._settings else None


def dumps(message: tuple[Any, ...], settings: dict[str, Any]) -> bytes:
    """The message pickled, the settings left out."""
    buffer = io.BytesIO()
    SettingsPickler(buffer, settings).dump(message)
    return buffer.getvalue()


def read_from_the_end(
    readers: Any,
    plan: list[str],
    claims: Claims,
    connection: Connection,
    checked: MutableMapping[str, Any] | None,
) -> NoReturn:
    """Read the files of the plan from the last one until the build process has the next."""
    code = 1
    try:
        records: list[dict[str, Any]] = []
        capture_before_filters(records.append)
        started = time.process_time()
        send = _sender(connection, readers.settings)
        read = failed = 0
        for index in reversed(range(len(plan))):
            if not claims.take(index, FORKED):
                break
            records.clear()
            outcome = _read(readers, plan[index], checked)
            if outcome is not None and send(("read", index, *outcome, list(records))):
                read += 1
            else:
                send(("failed", index))
                failed += 1
        send(("done", read, failed, time.process_time() - started))
        code = 0
    finally:
        os._exit(code)


def _read(
    readers: Any, path: str, checked: MutableMapping[str, Any] | None
) -> tuple[Any, ...] | None:
    """What read_file would take from the reader: (stamp, content, metadata, checked entry)."""
    try:
        reader = readers.readers[file_suffix(path)]
        content, metadata = reader.read(path)
        metadata = _filter_discardable_metadata(metadata)
        stamp = readers._get_file_stamp(path)
    except Exception:
        return None  # read again by the build process, where its error is reported
    key = os.path.realpath(path)
    # Taken out: the build process keeps it; this process would only hold every file twice.
    entry = checked.pop(key, None) if checked is not None else None
    return stamp, content, metadata, (key, entry) if entry is not None else None


def _sender(connection: Connection, settings: dict[str, Any]) -> Callable[[tuple[Any, ...]], bool]:
    def send(message: tuple[Any, ...]) -> bool:
        try:
            data = dumps(message, settings)
        except Exception:  # a value of a plugin's own kind that does not pickle
            return False
        connection.send_bytes(data)
        return True

    return send
