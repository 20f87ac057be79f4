"""Every content rule over every source in one pass: `invoke check`, and the same rules in a build.

Entry points: `run_check` (the task), `check_site` (one pass, a `CheckResult` sorted by file
and line), `site_hints` (writing hints: suggestions, never errors; `hints/`), and `register`,
which connects the build's handlers: `start_recording`, `check_what_was_built` (sharing
`check_this_build`, one pass per build, with the review page) and `drop_internal_images`
(images only internal posts show stay out of the public build).
"""

from pelican import signals

from .checker import CheckResult, check_site
from .command import run_check
from .hints import site_hints
from .in_build import check_this_build, check_what_was_built, start_recording
from .internal import drop_internal_images
from .report import summary_line

__all__ = [
    "CheckResult",
    "check_site",
    "check_this_build",
    "check_what_was_built",
    "drop_internal_images",
    "register",
    "run_check",
    "site_hints",
    "start_recording",
    "summary_line",
]


def register() -> None:
    """Connect the checks to a build: record what plugins report, then check what was built."""
    # Sent when a build starts (not when `invoke check` merely loads the settings).
    signals.get_generators.connect(start_recording)
    signals.static_generator_finalized.connect(drop_internal_images)
    signals.finalized.connect(check_what_was_built)
