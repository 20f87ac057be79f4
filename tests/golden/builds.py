"""Build the sample site for the golden pages, public and preview, at one fixed instant."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.sites import ROOT, BuildRun, run_command

# The instant both builds believe it is: after the last 2026 post, before the post scheduled for
# 2027, at noon in the site's time zone so no date sits on a day boundary.
FROZEN_INSTANT = "2026-11-25T12:00:00+01:00"
SITE_URL = "https://blog.seewerk.example/blog"
# Variables the settings read; the golden builds must not pick them up from the developer's shell.
SETTINGS_VARIABLES = (
    "SITEURL",
    "FACES_LOCALE",
    "POLLS_ENDPOINT",
    "POLLS_RESULTS_ENDPOINT",
    "REACH_ENDPOINT",
    "EDITORIAL_REPOSITORY_URL",
    "EDITORIAL_EDIT_URL",
    "EDITORIAL_REPOSITORY_BRANCH",
)
PUBLIC = "public"
PREVIEW = "preview"


def build_at_frozen_instant(output: Path, task: str, env: dict[str, str]) -> BuildRun:
    """Run `invoke build|publish` as run_build does, with the clock set to FROZEN_INSTANT."""
    command = [sys.executable, "-m", "tests.golden.frozen_clock", FROZEN_INSTANT]
    command += ["-r", str(ROOT), task, "--output", str(output)]
    if task == "build":
        command.append("--no-cache")
    clean = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    return run_command(output, command, {**clean, "TZ": "UTC", "COLUMNS": "200", **env})
