"""`invoke check`: every problem of the site in one run, as text, GitHub or GitLab output."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from ..config import settings_or_report
from .checker import check_site
from .hints import site_hints
from .report import as_github, as_gitlab, as_text, hints_github, hints_text

FORMATS = ("text", "github", "gitlab")
# Where GitLab's Code Quality job artifact is written unless --output says otherwise.
GITLAB_REPORT = "gl-code-quality-report.json"
_UNKNOWN_FORMAT = {
    "de": "--format {value}: dieses Format gibt es nicht. Wählen Sie text, github oder gitlab, "
    "z. B. --format github.",
    "en": "--format {value}: there is no such format. Choose text, github or gitlab, "
    "e.g. --format github.",
}


def run_check(
    settings_file: str,
    output_format: str = "text",
    output: str = "",
    strict: bool = False,
    stdout: TextIO = sys.stdout,
    hints: bool = False,
) -> int:
    """Check all content and report in the format; the exit code is 1 on errors.

    With `hints`, writing hints follow the text report (GitHub: as notices; the GitLab report
    stays errors and warnings only); they never change the exit code.
    """
    settings = settings_or_report(settings_file)
    if settings is None:
        return 2
    lang = settings["MESSAGES_LANG"]
    if output_format not in FORMATS:
        text = _UNKNOWN_FORMAT["en" if lang == "en" else "de"]
        print(text.format(value=output_format), file=sys.stderr)
        return 2
    result = check_site(settings)
    if output_format == "github":
        commands, summary = as_github(result, lang)
        if hints:
            commands += hints_github(site_hints(settings), lang)
        _write(commands, output, stdout)
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_path:
            with open(summary_path, "a", encoding="utf-8") as out:
                out.write(summary)
    elif output_format == "gitlab":
        # The report is for GitLab; people reading the job log get the text as well.
        Path(output or GITLAB_REPORT).write_text(as_gitlab(result), encoding="utf-8")
        stdout.write(as_text(result, lang))
    else:
        report = as_text(result, lang)
        if hints:
            report += hints_text(site_hints(settings), lang)
        _write(report, output, stdout)
    return result.exit_code(strict)


def _write(text: str, output: str, stdout: TextIO) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        stdout.write(text)
