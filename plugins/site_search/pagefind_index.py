"""Run Pagefind over the written site: the index that the search page reads."""

from __future__ import annotations

import logging
import os
import subprocess
import time
from typing import Any

from faces_common.messages import catalog_text, messages_lang

from .messages import MESSAGES

logger = logging.getLogger(__name__)


def pagefind_command(settings: dict[str, Any]) -> list[str]:
    """The Pagefind command line for the build's output folder."""
    from pagefind_bin import get_executable  # type: ignore[import-untyped]

    command = [
        str(get_executable()),
        "--site",
        os.path.abspath(settings["OUTPUT_PATH"]),
        "--output-subdir",
        settings["SEARCH_INDEX_FOLDER"],
        "--quiet",
    ]
    language = settings["SEARCH_LANGUAGE"]
    if language != "page":
        # One index for the whole site: every post is found from the one search page, in the
        # stemming of the site's language (pages of another language would sit in an index of
        # their own that this search page never reads).
        command += ["--force-language", language or settings.get("DEFAULT_LANG") or "de"]
    return command


def write_index(settings: dict[str, Any]) -> float | None:
    """Index the written site; the seconds it took, or None after logging why it failed."""
    lang = messages_lang(settings)
    started = time.perf_counter()
    try:
        command = pagefind_command(settings)
        completed = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (FileNotFoundError, ImportError):
        # No pagefind-bin package, or a package without its binary.
        message, fix = catalog_text(MESSAGES, lang, "missing-binary")
        _report(message, fix)
        return None
    except (OSError, subprocess.TimeoutExpired) as error:
        message, fix = catalog_text(MESSAGES, lang, "index-failed", reason=error)
        _report(message, fix)
        return None
    if completed.returncode != 0:
        said = (completed.stderr or completed.stdout).strip().splitlines()
        message, fix = catalog_text(
            MESSAGES, lang, "index-failed", reason=said[-1] if said else completed.returncode
        )
        logger.debug("search: pagefind said:\n%s", completed.stdout + completed.stderr)
        _report(message, fix)
        return None
    seconds = time.perf_counter() - started
    logger.info("search: Pagefind index written in %.2f s", seconds)
    return seconds


def _report(message: str, fix: str) -> None:
    # Not a content file's problem: the message names the setting that switches it off.
    logger.error("search: %s\n    → %s", message, fix)
