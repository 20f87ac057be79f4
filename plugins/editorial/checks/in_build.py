"""Run the rules only `invoke check` had (images, links, reviewers, poll ids) in every build."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

from content_checks import read_in_this_build
from faces_common.problems import ERROR

from .checker import CheckResult, check_site

logger = logging.getLogger(__name__)


class _Reported(logging.Handler):
    """Remember every problem the build has logged, so that none is reported twice."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.add(record.getMessage())


_reported = _Reported()
# The check of the current build's sources, from the review page (written before the build
# ends) to the check after the build, which takes it: one pass where there were two.
_this_build: dict[str, CheckResult] = {}


def check_this_build(settings: Mapping[str, Any]) -> CheckResult:
    """check_site over the sources of the build under way, run once for the whole build."""
    if "result" not in _this_build:
        # The texts the readers read already; only files Pelican took from its cache are read.
        _this_build["result"] = check_site(settings, read_in_this_build())
    return _this_build["result"]


def start_recording(pelican: Any) -> None:
    """Begin a build: record what the plugins report from now on (no generator is returned)."""
    _reported.messages.clear()
    _this_build.clear()
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
    result = check_this_build(pelican.settings)
    _this_build.clear()  # nothing after the build may take this build's check for its own
    for problem in result.problems:
        shown = problem.format()
        if shown not in _reported.messages:
            (logger.error if problem.severity == ERROR else logger.warning)("%s", shown)
    logger.debug(
        "editorial: checked %d files after the build in %.2f s",
        result.files,
        time.perf_counter() - started,
    )
