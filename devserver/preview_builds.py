"""The preview's builds: an edited page at once from the kept build, the whole site behind it.

Each full build runs in a worker process of its own (build_worker.py) into a fresh folder that
then replaces the served one (output.py); the worker then keeps that build. An edited post or
page is rendered from the kept build in a tenth of a second; what the kept build cannot do
safely (a new file, a changed header, a reported problem: kept_site.py) falls back to the
selective Pelican pass of fast_preview (`quick_build`). Either way the full build follows in
the background; a save during a full build is rendered at once too, and one more full build
follows when the running one is done, so no save waits for a full build.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence

from faces_common.problems import Problem
from fast_preview import page_written

from devserver.build import BuildResult, build, summary
from devserver.build_worker import BuildWorker
from devserver.output import (
    OutputState,
    ensure_backend_manifests,
    fresh_folder,
    publish,
    staging_folder,
)
from devserver.problems import not_published

# Tells the browsers what a finished build changed (URL paths) and its result; `full` is False
# for a quick step.
Announce = Callable[[list[str], BuildResult, bool], None]
# Tells the browsers that a rebuild failed outside Pelican.
Failure = Callable[[Exception], None]


def edited_texts(changed: Sequence[str]) -> list[str] | None:
    """The saved Markdown files when only those changed (posts, pages, profiles), else None."""
    texts = [os.path.abspath(p) for p in changed if p.endswith(".md") and os.path.exists(p)]
    return texts if texts and len(texts) == len(changed) else None


def quick_sources(changed: Iterable[str]) -> list[str] | None:
    """The edited posts/pages when only those changed, else None (a full build is needed)."""
    sources = []
    for path in changed:
        if not (path.endswith(".md") and os.path.exists(path)):
            return None
        parts = os.path.abspath(path).split(os.sep)
        if "posts" not in parts and "pages" not in parts:
            return None
        sources.append(os.path.abspath(path))
    return sources or None


def quick_build(
    settings_file: str, output_path: str, sources: list[str], debug: bool = False
) -> tuple[BuildResult, list[str]]:
    """Write only the pages of the given sources into output_path; return them with the result."""
    written: list[str] = []

    def note_page(sender: str, page: str) -> None:
        written.append(page)

    # Straight into the served folder; saving the content cache is left to the full build
    # that follows.
    overrides = {
        "OUTPUT_PATH": output_path,
        "FAST_PREVIEW_SOURCES": sources,
        "CACHE_CONTENT": False,
    }
    with page_written.connected_to(note_page, sender=os.path.abspath(output_path)):
        result = build(settings_file, overrides, debug=debug, pages=True)
    return result, written


# How a quick step made its pages, as the preview's log says.
FROM_KEPT_BUILD = "from the kept build"
PELICAN_PASS = "by a Pelican pass (the kept build cannot take this edit)"


def _is_template(path: str) -> bool:
    """Whether the saved file is a theme template (an .html file in a templates folder)."""
    return path.endswith(".html") and "templates" in os.path.abspath(path).split(os.sep)


class PreviewBuilds:
    """Runs the preview's quick steps and full builds and says what each one changed."""

    def __init__(
        self,
        settings_file: str,
        output_path: str,
        announce: Announce,
        failure: Failure,
        debug: bool = False,
    ) -> None:
        self.settings_file = settings_file
        self.output_path = output_path
        self.announce = announce
        self.failure = failure
        self.debug = debug
        self.state = OutputState(output_path)
        self.staging = staging_folder(output_path)
        # One writer at a time into the served folder: a quick step or a finished full build.
        self.lock = threading.Lock()
        self.keeper: BuildWorker | None = None  # the worker holding the served build
        self.spare: BuildWorker | None = None  # started ahead, so its imports are done
        self.edited: set[str] = set()  # sources saved since the running full build began
        self.language = "de"
        self.errors: tuple[Problem, ...] = ()  # of the latest full build
        # The URL paths browsers show, the most recent first (the server's reload hub).
        self.viewed: Callable[[], list[str]] = list
        self._full: asyncio.Task[None] | None = None
        self._again = False

    def first_build(self) -> None:
        """The first full build, before the server answers."""
        changed, result = self._full_build()
        self.announce(changed, result, True)

    async def changed(self, names: list[str]) -> None:
        """React to saved files: edited pages at once, then a full build in the background."""
        texts = edited_texts(names)
        if all(_is_template(name) for name in names):
            quick = await asyncio.to_thread(self._quick_templates, self.viewed())
            if quick is not None:
                self.announce(*quick, False)
        elif texts:
            self.edited.update(texts)
            quick = await asyncio.to_thread(self._quick, texts)
            if quick is not None:
                self.announce(*quick, False)
        self.request_full_build()

    def request_full_build(self) -> None:
        """Start a full build, or one more after the running one."""
        if self._full is not None and not self._full.done():
            self._again = True
            return
        self._full = asyncio.create_task(self._full_builds())

    def close(self) -> None:
        """Stop the worker processes."""
        if self._full is not None:
            self._full.cancel()
        for worker in (self.keeper, self.spare):
            if worker is not None:
                worker.stop()

    async def _full_builds(self) -> None:
        self._again = True
        while self._again:
            self._again = False
            try:
                changed, result = await asyncio.to_thread(self._full_build)
            except Exception as error:
                self.failure(error)
                continue
            self.announce(changed, result, True)

    def _quick(self, texts: list[str]) -> tuple[list[str], BuildResult] | None:
        started = time.perf_counter()
        with self.lock:
            keeper = self.keeper
            rendered = None if keeper is None else keeper.render(texts, self.output_path)
            if rendered is None:
                # Only posts and pages have a Pelican pass of their own; the rest waits for
                # the full build.
                sources = quick_sources(texts)
                if sources is None:
                    return None
                result, written = quick_build(
                    self.settings_file, self.output_path, sources, self.debug
                )
                how = PELICAN_PASS
            else:
                pages, errors = rendered
                written = [page for source_pages in pages.values() for page in source_pages]
                result = BuildResult(
                    len(errors),
                    False,
                    time.perf_counter() - started,
                    errors=errors,
                    language=self.language,
                    pages={source: tuple(p) for source, p in pages.items()},
                )
                how = FROM_KEPT_BUILD
            changed = self.state.changed(written)
        if written:
            self._say(how, started, written)
        return changed, result

    def _quick_templates(self, viewed: list[str]) -> tuple[list[str], BuildResult] | None:
        started = time.perf_counter()
        with self.lock:
            keeper = self.keeper
            written = [] if keeper is None else keeper.render_viewed(viewed, self.output_path)
            if not written:
                return None
            changed = self.state.changed(written)
        self._say(FROM_KEPT_BUILD, started, written)
        result = BuildResult(
            len(self.errors), False, time.perf_counter() - started, self.errors, self.language
        )
        return changed, result

    def _say(self, how: str, started: float, written: list[str]) -> None:
        shown = ", ".join(written[:3]) + (" …" if len(written) > 3 else "")
        seconds = time.perf_counter() - started
        print(f"Quick step {how} in {seconds:.2f} s: {shown}", file=sys.stderr)

    def _full_build(self) -> tuple[list[str], BuildResult]:
        worker, self.spare = self.spare or BuildWorker(self.settings_file, self.debug), None
        self.edited = set()
        fresh_folder(self.staging)
        try:
            result = worker.build({"OUTPUT_PATH": self.staging})
        except Exception:
            worker.stop()
            raise
        self.language, self.errors = result.language, result.errors
        retired: BuildWorker | None = worker
        if not result.failed:
            with self.lock:
                # Saves made while it built: their quick pages must not be replaced by older ones.
                if self.edited:
                    worker.render(sorted(self.edited), self.staging)
                try:
                    ensure_backend_manifests(self.staging)
                    publish(self.staging, self.output_path)
                    retired, self.keeper = self.keeper, worker
                except OSError as error:
                    # A build that stopped half-way is not served; the last good one stays.
                    result = not_published(result, self.output_path, error)
                    print(result.errors[-1].message, file=sys.stderr)
                changed = self.state.changed()
        else:
            changed = self.state.changed()
        if retired is not None:
            retired.stop()
        self.spare = BuildWorker(self.settings_file, self.debug)
        # A bad settings file has said all there is in its own line; the summary is empty then.
        if line := summary(result, strict=False):
            print(line, file=sys.stderr)
        return changed, result
