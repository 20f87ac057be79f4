"""Run a Pelican build in-process, counting content problems for strict mode."""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger("content_checks")


class PlainFormatter(logging.Formatter):
    """One problem per paragraph, in words; no columns that wrap in a narrow terminal."""

    def format(self, record: logging.LogRecord) -> str:
        """Problem reports stand as they are; anything else gets its level in front."""
        message = super().format(record)
        if ": error: " in message or ": warning: " in message or record.levelno < logging.WARNING:
            return message
        return f"{record.levelname.lower()}: {message}"


def plain_handler() -> logging.Handler:
    """A stderr handler with the plain format, for pelican.log.init(handler=...)."""
    handler = logging.StreamHandler()
    handler.setFormatter(PlainFormatter("%(message)s"))
    return handler


class ProblemCounter(logging.Handler):
    """Count log records at WARNING and above while a build runs."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass(frozen=True)
class BuildResult:
    """How a build went: problems logged, whether it crashed, how long it took."""

    problems: int
    failed: bool
    seconds: float
    # The settings file is missing or does not load: a usage error, exit code 2.
    bad_settings: bool = False

    def exit_code(self, strict: bool) -> int:
        """0 if acceptable; 1 on errors (strict: on any problem); 2 for a bad settings file."""
        if self.bad_settings:
            return 2
        return 1 if self.failed or (strict and self.problems) else 0


def build(
    settings_file: str,
    overrides: dict[str, Any] | None = None,
    *,
    debug: bool = False,
) -> BuildResult:
    """Build the site once; errors are reported in one line unless debug is set."""
    from pelican.log import LimitFilter

    from .settings_file import SettingsFileError, load_pelican

    # Pelican drops a warning it has already shown in this process; a preview that
    # rebuilds in-process must show it again on every build until it is fixed.
    LimitFilter._raised_messages.clear()
    counter = ProblemCounter()
    root = logging.getLogger()
    root.addHandler(counter)
    started = time.perf_counter()
    failed = bad_settings = False
    try:
        load_pelican(settings_file, overrides).run()
    except SettingsFileError as error:
        failed = bad_settings = True
        if debug:
            logger.exception("%s", error)
        else:
            logger.critical("%s", error)
    except Exception as error:
        failed = True
        where = content_being_built(error)
        if debug:
            logger.exception("The build stopped%s", f" at {where}" if where else "")
        elif where:
            logger.critical(
                "%s: The build stopped on this file: %s: %s (run with --debug for the full "
                "traceback; 'uv run invoke check' names most mistakes with their line)",
                where,
                type(error).__name__,
                error,
            )
        else:
            logger.critical(
                "The build stopped: %s (run with --debug for the full traceback)", error
            )
    finally:
        root.removeHandler(counter)
    return BuildResult(counter.count, failed, time.perf_counter() - started, bad_settings)


def content_being_built(error: BaseException) -> str | None:
    """The post or page the build was working on when it stopped, named from the current folder."""
    from pelican.contents import Content

    frames = []
    traceback = error.__traceback__
    while traceback is not None:
        frames.append(traceback.tb_frame)
        traceback = traceback.tb_next
    # The innermost frame that holds a post or page is the one that failed on it.
    for frame in reversed(frames):
        for value in frame.f_locals.values():
            if isinstance(value, Content) and getattr(value, "source_path", None):
                return os.path.relpath(value.source_path)
    return None


def summary(result: BuildResult, strict: bool) -> str:
    """One line that says whether the build passed and why not ('' when that line is said)."""
    if result.bad_settings:
        return ""
    if result.failed:
        return "Build failed."
    if result.problems and strict:
        return (
            f"Build failed in strict mode: {result.problems} problem(s) reported above. "
            "Fix them, or build without --strict for a preview."
        )
    if result.problems:
        return f"Built in {result.seconds:.1f} s with {result.problems} problem(s) reported above."
    return f"Built in {result.seconds:.1f} s without problems."
