"""Run a Pelican build in-process, collecting content problems for strict mode and the preview."""

from __future__ import annotations

import logging
import os
import re
import time
from dataclasses import dataclass, field
from typing import Any

from faces_common.messages import messages_lang
from faces_common.problems import ERROR, Problem

logger = logging.getLogger("devserver.build")

# Problem.format() as logged by the checks: "path:line:col: severity: message", the fix indented.
REPORTED_PROBLEM = re.compile(
    r"(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): "
    r"(?P<message>.*?)(?:\n\s+→ (?P<fix>.*))?\Z",
    re.DOTALL,
)
# Pelican's own line for a file its reader gave up on; the checks have said why already.
COULD_NOT_PROCESS = "Could not process %s"
# (what is wrong, the fix) for a file Pelican could not read and no check explained.
UNREADABLE = {
    "de": (
        "Die Datei konnte nicht gelesen werden.",
        "Speichern Sie sie als UTF-8-Text; `uv run invoke build --debug` zeigt den genauen Grund.",
    ),
    "en": (
        "The file could not be read.",
        "Save it as UTF-8 text; `uv run invoke build --debug` shows the exact reason.",
    ),
}
# (what happened, where to read more) when the build stops half-way.
STOPPED = {
    "de": ("Der Build wurde abgebrochen", "mit --debug sehen Sie die technischen Einzelheiten"),
    "en": ("The build stopped", "run with --debug for the technical details"),
}
# Lists of the context whose posts and pages get written, translations hanging off each.
WRITTEN_CONTENT = ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages")


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


class ProblemCollector(logging.Handler):
    """Count log records at WARNING and above while a build runs, and keep the errors."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0
        self.errors: list[Problem] = []
        self.unreadable: list[str] = []
        self.pages: dict[str, list[str]] = {}

    def emit(self, record: logging.LogRecord) -> None:
        """Count the record; keep an error as a Problem (parsed back from its report)."""
        if getattr(record, "deprecation", False):
            # An outdated setting name still works; it is said, but fails no strict build.
            return
        self.count += 1
        if record.levelno < logging.ERROR:
            return
        if record.msg == COULD_NOT_PROCESS and isinstance(record.args, tuple) and record.args:
            self.unreadable.append(str(record.args[0]))
            return
        text = record.getMessage()
        reported = REPORTED_PROBLEM.match(text)
        if reported is None:
            self.errors.append(Problem("", 0, text, ""))
        elif reported["severity"] == ERROR:
            self.errors.append(
                Problem(
                    reported["path"],
                    int(reported["line"]),
                    reported["message"],
                    reported["fix"] or "",
                    column=int(reported["column"]),
                )
            )

    def note_pages(self, generators: Any) -> None:
        """Remember which pages each post or page source is written to (absolute paths)."""
        context = generators[0].context if generators else {}
        for name in WRITTEN_CONTENT:
            for item in context.get(name, []):
                for content in (item, *getattr(item, "translations", [])):
                    if content.save_as:
                        source = os.path.abspath(content.source_path)
                        self.pages.setdefault(source, []).append(content.save_as)

    def unreadable_errors(self, content_path: str, language: str) -> list[Problem]:
        """Files Pelican could not read for which no check named the reason."""
        named = {os.path.abspath(p.path) for p in self.errors if p.path}
        message, fix = UNREADABLE[language]
        problems = []
        for relative in self.unreadable:
            source = os.path.join(content_path, relative)
            if os.path.abspath(source) not in named:
                shown = os.path.relpath(source, os.getcwd())
                problems.append(Problem(shown, 1, message, fix))
        return problems


@dataclass(frozen=True)
class BuildResult:
    """How a build went: problems logged, whether it crashed, how long it took."""

    problems: int
    failed: bool
    seconds: float
    # The errors among the problems, each with file, line, message and fix where known.
    errors: tuple[Problem, ...] = ()
    # Language of the problem reports ("de" or "en").
    language: str = "de"
    # Absolute source path -> output paths (relative) of the pages made from it (build with
    # pages=True; empty otherwise).
    pages: dict[str, tuple[str, ...]] = field(default_factory=dict)
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
    pages: bool = False,
) -> BuildResult:
    """Build the site once; errors are reported in one line unless debug is set."""
    from faces_common.settings_file import SettingsFileError, load_pelican
    from pelican import signals
    from pelican.log import LimitFilter

    # Pelican drops a warning it has already shown in this process; a preview that
    # rebuilds in-process must show it again on every build until it is fixed.
    LimitFilter._raised_messages.clear()
    collector = ProblemCollector()
    root = logging.getLogger()
    root.addHandler(collector)
    # Only the preview reads which pages each source made: at 10,000 posts the table is about
    # 3 MiB that `invoke build` would hold through the whole writing.
    if pages:
        signals.all_generators_finalized.connect(collector.note_pages)
    started = time.perf_counter()
    failed = bad_settings = False
    settings: dict[str, Any] = {}
    try:
        pelican = load_pelican(settings_file, overrides)
        settings = pelican.settings
        pelican.run()
    except SettingsFileError as error:
        failed = bad_settings = True
        if debug:
            logger.exception("%s", error)
        else:
            logger.critical("%s", error)
    except Exception as error:
        failed = True
        stopped, hint = STOPPED[_report_language(settings)]
        where = content_being_built(error)
        if debug:
            logger.exception("%s%s", stopped, f" ({where})" if where else "")
        elif (place := _template_place(error)) is not None:
            path, line, message = place
            logger.critical("%s", Problem(path, line, f"{stopped}: {message}", hint).format())
        elif where:
            # Names the post, so that an editor knows which file to look at; check names most
            # mistakes with their line.
            logger.critical(
                "%s: %s: %s: %s (%s)", where, stopped, type(error).__name__, error, hint
            )
        else:
            logger.critical("%s: %s (%s)", stopped, error, hint)
    finally:
        root.removeHandler(collector)
        if pages:
            signals.all_generators_finalized.disconnect(collector.note_pages)
    language = _report_language(settings)
    errors = collector.errors + collector.unreadable_errors(settings.get("PATH", "."), language)
    return BuildResult(
        collector.count,
        failed,
        time.perf_counter() - started,
        errors=tuple(errors),
        language=language,
        pages={source: tuple(pages) for source, pages in collector.pages.items()},
        bad_settings=bad_settings,
    )


def _template_place(error: Exception) -> tuple[str, int, str] | None:
    """File, line and message of a template syntax error, else None."""
    from jinja2 import TemplateSyntaxError

    if isinstance(error, TemplateSyntaxError) and error.filename and error.lineno:
        return os.path.relpath(error.filename, os.getcwd()), error.lineno, str(error.message)
    return None


def _report_language(settings: dict[str, Any]) -> str:
    """The language problems are reported in (MESSAGES_LANG)."""
    return messages_lang(settings)


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
                return os.path.relpath(str(value.source_path))
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
