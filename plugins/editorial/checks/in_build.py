"""Run the rules only `invoke check` had (images, links, reviewers, poll ids) in every build."""

from __future__ import annotations

import logging
import time
from typing import Any

from content_checks import read_in_this_build
from faces_common.problems import ERROR

from .checker import check_site

logger = logging.getLogger(__name__)


class _Reported(logging.Handler):
    """Remember every problem the build has logged, so that none is reported twice."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.add(record.getMessage())


_reported = _Reported()


def start_recording(pelican: Any) -> None:
    """Begin a build: record what the plugins report from now on (no generator is returned)."""
    _reported.messages.clear()
    root = logging.getLogger()
    if _reported not in root.handlers:
        root.addHandler(_reported)


def check_what_was_built(pelican: Any) -> None:
    """Report what `invoke check` finds and the build has not reported yet: one rule set."""
    root = logging.getLogger()
    root.removeHandler(_reported)
    if "CHECKS_FIELDS" not in pelican.settings:
        return
    started = time.perf_counter()
    # The texts the readers read already; only files Pelican took from its cache are read again.
    result = check_site(pelican.settings, read_in_this_build())
    for problem in result.problems:
        shown = problem.format()
        if shown not in _reported.messages:
            (logger.error if problem.severity == ERROR else logger.warning)("%s", shown)
    logger.debug(
        "editorial: checked %d files after the build in %.2f s",
        result.files,
        time.perf_counter() - started,
    )
