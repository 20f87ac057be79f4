"""A writing process's log records, carried to the build process and logged there."""

from __future__ import annotations

import logging
import pickle
from multiprocessing.connection import Connection
from typing import Any

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


def portable(record: logging.LogRecord) -> dict[str, Any]:
    """The record's fields that survive pickling, its message already formatted."""
    fields = dict(record.__dict__)
    fields["msg"], fields["args"] = record.getMessage(), None
    if record.exc_info:
        fields["exc_text"] = logging.Formatter().formatException(record.exc_info)
    fields["exc_info"] = None
    portable_fields = {}
    for key, value in fields.items():
        try:
            pickle.dumps(value)
        except Exception:  # an extra value of a plugin's own kind: its text will do
            value = repr(value)
        portable_fields[key] = value
    return portable_fields


def log_here(fields: dict[str, Any]) -> None:
    """Log a record a writing process sent, through this process's loggers and handlers."""
    record = logging.makeLogRecord(fields)
    logging.getLogger(record.name).handle(record)
