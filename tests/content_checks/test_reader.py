"""Pelican's own 'Could not process' message: dropped when explained, given file and words else."""

from __future__ import annotations

import logging
import os

import pytest
from content_checks.reader import ContentError, ReportedOnce


def _log_failure(error: Exception, caplog: pytest.LogCaptureFixture) -> list[str]:
    logger = logging.getLogger("test.generators")
    logger.addFilter(ReportedOnce("content", "de"))
    try:
        with caplog.at_level(logging.WARNING, logger="test.generators"):
            try:
                raise error
            except Exception:
                # What Pelican's generators do when a reader raises (exc_info only with DEBUG).
                logger.exception("Could not process %s", "posts/x.md", exc_info=False)
    finally:
        logger.filters.clear()
    return [record.getMessage() for record in caplog.records]


def test_a_file_the_rules_explained_is_not_reported_again(caplog: pytest.LogCaptureFixture) -> None:
    assert _log_failure(ContentError("content/posts/x.md: skipped"), caplog) == []


def test_any_other_failure_names_the_file_and_the_error(caplog: pytest.LogCaptureFixture) -> None:
    [message] = _log_failure(AttributeError("'Article' object has no attribute 'x'"), caplog)
    path = os.path.join("content", "posts", "x.md")
    assert message.startswith(
        f"{path}:1:1: error: Die Datei konnte nicht gelesen werden "
        "(AttributeError: 'Article' object has no attribute 'x').\n    → Prüfen Sie"
    )
    assert "Traceback" not in message


def test_pelicans_duplicate_warnings_give_way_to_the_rule(
    caplog: pytest.LogCaptureFixture,
) -> None:
    logger = logging.getLogger("test.utils")
    logger.addFilter(ReportedOnce("content", "de"))
    with caplog.at_level(logging.WARNING, logger="test.utils"):
        logger.warning('There are %s items "%s" with lang %s: \n%s\n%s', 2, "x", "de", "a", "b")
        logger.warning("Something else")
    logger.filters.clear()
    assert [r.getMessage() for r in caplog.records] == ["Something else"]
