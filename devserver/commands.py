"""What the build, preview and link-check tasks run, with their messages and exit codes."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from typing import Any

from faces_common.site_address import missing_address


def build_site(
    settings_file: str, *, strict: bool, debug: bool, overrides: dict[str, Any] | None = None
) -> int:
    """Build with the settings file, print the summary of what went wrong; return the exit code."""
    from pelican.log import init as init_logging

    from devserver.build import build, plain_handler, summary

    init_logging(level=logging.DEBUG if debug else logging.WARNING, handler=plain_handler())
    result = build(settings_file, overrides, debug=debug)
    report = summary(result, strict)
    if report:
        print(report, file=sys.stderr)
    return result.exit_code(strict)


def refuse_without_address(settings_file: str, task_name: str) -> int:
    """Exit code 2 with one line when the settings give the site no address to link to, else 0."""
    refusal = missing_address(settings_file, task_name)
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    return 0


def report_language(settings_file: str) -> str:
    """The language of the site's own problem reports (CHECKS_LANGUAGE), for the tasks' messages."""
    from pelican.settings import read_settings

    settings = read_settings(settings_file)
    language = settings.get("CHECKS_LANGUAGE") or settings.get("DEFAULT_LANG")
    return "en" if language == "en" else "de"


def preview(
    settings_file: str, output_path: str, watch: Sequence[str], host: str, port: int, debug: bool
) -> int:
    """Serve the preview until stopped; exit code 2 with one line when the port is taken."""
    from devserver.port import PortInUseError
    from devserver.server import serve_preview

    try:
        serve_preview(
            settings_file=settings_file,
            output_path=output_path,
            watch=watch,
            host=host,
            port=port,
            debug=debug,
        )
    except PortInUseError as error:
        print(error.message(report_language(settings_file)), file=sys.stderr)
        return 2
    return 0


def check_links(settings_file: str, output_path: str) -> int:
    """Check the internal links and images of a built site; the exit code (2: bad settings)."""
    from editorial.config import SettingsFileError, load_settings
    from editorial.linkcheck import run_linkcheck

    try:
        site = load_settings(settings_file)
    except SettingsFileError as error:
        print(error, file=sys.stderr)
        return 2
    return run_linkcheck(
        output_path,
        site["SITEURL"],
        site["EDITORIAL_LINKCHECK_IGNORE"],
        site["CHECKS_LANGUAGE"],
    )
