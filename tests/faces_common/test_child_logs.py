"""faces_common.child_logs: a forked process's records logged by the build as if made there."""

from __future__ import annotations

import logging
import os
import pickle

import pytest
from faces_common.child_logs import capture_before_filters, log_here, portable


def _record(msg: str, args: tuple[object, ...]) -> logging.LogRecord:
    return logging.LogRecord("pelican.generators", logging.WARNING, "x.py", 1, msg, args, None)


def test_kept_arguments_reach_the_filters_as_written() -> None:
    fields = portable(_record("Could not process %s", ("posts/a.md",)), keep_args=True)
    assert (fields["msg"], fields["args"]) == ("Could not process %s", ("posts/a.md",))
    assert pickle.loads(pickle.dumps(fields))["args"] == ("posts/a.md",)


def test_arguments_that_do_not_pickle_are_formatted_into_the_message() -> None:
    lock = os.fdopen(os.dup(0))  # an open file does not pickle
    fields = portable(_record("%s", (lock,)), keep_args=True)
    lock.close()
    assert fields["args"] is None and fields["msg"].startswith("<_io.TextIOWrapper")


def test_a_repeated_message_pelicans_filter_drops_is_dropped_quietly(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fields = portable(_record("Zweimal dasselbe: %s", ("a",)), keep_args=True)
    with caplog.at_level(logging.WARNING):
        log_here(fields)
        log_here(fields)  # Pelican's logger raises FilteredMessage for the second
    assert [r.getMessage() for r in caplog.records] == ["Zweimal dasselbe: a"]


def test_records_are_captured_before_any_filter_in_a_forked_process() -> None:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        kept: list[dict[str, object]] = []
        capture_before_filters(kept.append)
        logger = logging.getLogger("pelican.readers")
        logger.addFilter(lambda record: False)  # would drop it, were it not taken first
        logger.warning("Im Kind %s", "gelesen")
        os.write(write, pickle.dumps(kept))
        os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    with os.fdopen(read, "rb") as pipe:
        kept = pickle.loads(pipe.read())
    assert [(k["msg"], k["args"], k["levelno"]) for k in kept] == [
        ("Im Kind %s", ("gelesen",), logging.WARNING)
    ]
