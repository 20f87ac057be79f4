"""A forked process's log records, carried to the build process and logged there."""

from __future__ import annotations

import contextlib
import logging
import pickle
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from pelican.log import FilteredMessage

# The writer's own "Writing …" lines: the build process logs them as it announces each page.
_WRITER_LOGGER = "pelican.writers"


class ForwardingHandler(logging.Handler):
    """Sends every record to the build process, which counts and shows it."""

    def __init__(self, connection: Connection) -> None:
        super().__init__()
        self._connection = connection

    def emit(self, record: logging.LogRecord) -> None:
        """Send the record as plain values."""
        if record.name == _WRITER_LOGGER and record.levelno < logging.WARNING:
            return
        self._connection.send(("log", portable(record)))


def forward_to(connection: Connection) -> None:
    """In a writing process: every record goes to the build process instead of the terminal."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(ForwardingHandler(connection))


def capture_before_filters(keep: Callable[[dict[str, Any]], None]) -> None:
    """In a forked process: hand each record to keep before any logger's filters see it.

    The build process then logs it through its own loggers, whose filters (Pelican's
    repeated-message limit, the content checks' filters) see it once, as if it were made there.
    """

    def handle(logger: logging.Logger, record: logging.LogRecord) -> None:
        if not logger.disabled:
            keep(portable(record, keep_args=True))

    logging.Logger.handle = handle  # type: ignore[method-assign,assignment]


def portable(record: logging.LogRecord, keep_args: bool = False) -> dict[str, Any]:
    """The record's fields that survive pickling; its message formatted unless keep_args.

    keep_args keeps the message and its arguments apart where both pickle, for the filters
    that look at the message as written (Pelican's 'Could not process %s').
    """
    fields = dict(record.__dict__)
    if not (keep_args and _pickles((fields["msg"], fields["args"]))):
        fields["msg"], fields["args"] = record.getMessage(), None
    if record.exc_info:
        fields["exc_text"] = logging.Formatter().formatException(record.exc_info)
    fields["exc_info"] = None
    return {
        # an extra value of a plugin's own kind: its text will do
        key: value if key in ("msg", "args") or _pickles(value) else repr(value)
        for key, value in fields.items()
    }


def _pickles(value: Any) -> bool:
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True


def log_here(fields: dict[str, Any]) -> None:
    """Log a record a forked process sent, through this process's loggers and handlers."""
    record = logging.makeLogRecord(fields)
    # Pelican's logger raises this when its filter drops a repeated message.
    with contextlib.suppress(FilteredMessage):
        logging.getLogger(record.name).handle(record)
