"""Run Pagefind over the written site: the index that the search page reads."""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import time
from pathlib import Path
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


def site_digest(settings: dict[str, Any], command: list[str]) -> str:
    """A digest of every page Pagefind reads and of the command that reads them."""
    output = Path(settings["OUTPUT_PATH"])
    index = output / settings["SEARCH_INDEX_FOLDER"]
    executable = os.stat(command[0])
    digest = hashlib.blake2b(repr((command, executable.st_size, executable.st_mtime_ns)).encode())
    for path in sorted(output.rglob("*.html")):
        if index not in path.parents:
            digest.update(path.relative_to(output).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _digest_file(settings: dict[str, Any]) -> Path:
    output = os.path.abspath(settings["OUTPUT_PATH"])
    name = hashlib.blake2b(output.encode(), digest_size=8).hexdigest()
    return Path(settings.get("CACHE_PATH") or "cache", "site_search", f"{name}.digest")


def _unchanged(settings: dict[str, Any], digest: str) -> bool:
    index = Path(settings["OUTPUT_PATH"], settings["SEARCH_INDEX_FOLDER"], "pagefind.js")
    try:
        return index.is_file() and _digest_file(settings).read_text(encoding="ascii") == digest
    except OSError:
        return False


def _remember(settings: dict[str, Any], digest: str | None) -> None:
    remembered = _digest_file(settings)
    try:
        if digest is None:
            remembered.unlink(missing_ok=True)
        else:
            remembered.parent.mkdir(parents=True, exist_ok=True)
            remembered.write_text(digest, encoding="ascii")
    except OSError:
        pass  # costs only a second Pagefind run next time


def write_index(settings: dict[str, Any]) -> float | None:
    """Index the written site; the seconds it took, or None after logging why it failed."""
    lang = messages_lang(settings)
    started = time.perf_counter()
    try:
        command = pagefind_command(settings)
        # Pelican writes the same bytes when nothing changed: then the index still fits.
        digest = site_digest(settings, command)
        if _unchanged(settings, digest):
            logger.info("search: no page changed, the Pagefind index stays")
            return time.perf_counter() - started
        _remember(settings, None)
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
    _remember(settings, digest)
    seconds = time.perf_counter() - started
    logger.info("search: Pagefind index written in %.2f s", seconds)
    return seconds


def _report(message: str, fix: str) -> None:
    # Not a content file's problem: the message names the setting that switches it off.
    logger.error("search: %s\n    → %s", message, fix)
