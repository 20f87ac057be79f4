"""What the build, preview and link-check tasks run, with their messages and exit codes."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from typing import Any

from faces_common.messages import messages_lang
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
    """The language of the site's own problem reports (MESSAGES_LANG), for the tasks' messages."""
    from pelican.settings import read_settings

    return messages_lang(read_settings(settings_file))


def preview(
    settings_file: str, output_path: str, watch: Sequence[str], host: str, port: int, debug: bool
) -> int:
    """Serve the preview until stopped; exit code 2 with one line when the port is taken."""
    from devserver.editor_proxy import stop_editor_proxy
    from devserver.port import PortInUseError, ensure_port_free
    from devserver.server import serve_preview

    try:
        # The port first: a preview already running is said in one line, before anything starts.
        ensure_port_free(host, port)
        proxy = start_editor(settings_file, host, port)
    except PortInUseError as error:
        print(error.message(report_language(settings_file)), file=sys.stderr)
        return 2
    try:
        serve_preview(settings_file, output_path, watch, host, port, debug)
    except PortInUseError as error:
        print(error.message(report_language(settings_file)), file=sys.stderr)
        return 2
    finally:
        if proxy is not None:
            stop_editor_proxy(proxy)
    return 0


def start_editor(settings_file: str, host: str, port: int) -> subprocess.Popen[bytes] | None:
    """The web editor's local proxy when the site has the editor and no code host; else None."""
    from editorial.config import SettingsFileError, load_settings
    from web_editor import repository_root

    from devserver.editor_proxy import ProxyError, start_editor_proxy

    try:
        site = load_settings(settings_file)
    except SettingsFileError:
        return None  # the build says what is wrong with the settings, once
    if not site.get("WEB_EDITOR_ENABLED") or site.get("WEB_EDITOR_BACKEND") is not None:
        return None
    _install_editor(PROJECT_ROOT)
    try:
        proxy = start_editor_proxy(
            repository_root(site),
            site["WEB_EDITOR_PROXY_PORT"],
            site["MESSAGES_LANG"],
            mode=site["WEB_EDITOR_PROXY_MODE"],
            branch=site.get("EDITORIAL_REPOSITORY_BRANCH") or "main",
        )
    except ProxyError as error:
        print(error, file=sys.stderr)
        return None
    print(f"Editor: http://{host}:{port}/{site['WEB_EDITOR_PATH'].strip('/')}/", file=sys.stderr)
    return proxy


# The project's own folder: package.json and node_modules are here, whatever site is previewed.
PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _install_editor(root: str) -> None:
    """On a fresh clone, install the editor's npm packages from the lock file, if npm is there."""
    # Without npm the proxy's own message says what is missing, and the preview runs on.
    editor = os.path.join(root, "node_modules", "decap-cms", "dist", "decap-cms.js")
    has_lock = os.path.exists(os.path.join(root, "package-lock.json"))
    if os.path.exists(editor) or not has_lock or shutil.which("npm") is None:
        return
    print("Installing the web editor from package-lock.json (npm ci) …", file=sys.stderr)
    command = ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"]
    subprocess.run(command, cwd=root, check=False, stdout=subprocess.DEVNULL)


def check_links(settings_file: str, output_path: str) -> int:
    """Check the internal links and images of a built site; the exit code (2: bad settings)."""
    from editorial.config import settings_or_report
    from editorial.review import run_linkcheck

    site = settings_or_report(settings_file)
    if site is None:
        return 2
    return run_linkcheck(
        output_path,
        site["SITEURL"],
        site["EDITORIAL_LINKCHECK_IGNORE"],
        site["MESSAGES_LANG"],
    )


def reach_report(data: str, manifest: str, lang: str, *, days: int, top: int, few: int) -> int:
    """Print the report of `invoke reach-report` (few < 0: the lowest quarter); the exit code."""
    from reach import ReportError, editors_report

    try:
        report = editors_report(
            data, manifest, lang, days=days, top=top, few=None if few < 0 else few
        )
    except ReportError as error:
        print(f"reach-report: {error}", file=sys.stderr)
        return 1
    print(report, end="")
    return 0
