"""A process of its own that makes one full build and then keeps it, for the preview.

The preview server hands each full build to a fresh worker process, so the build runs on the
other core and never holds up the server or the next edit. A worker whose build succeeded
stays: it keeps that build in memory (`KeptSite`) and renders an edited post's page on request
in a tenth of a second, until a newer build's worker replaces it.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import threading
import weakref
from multiprocessing.connection import Connection
from typing import Any

from devserver.build import BuildResult, build, plain_handler
from devserver.kept_site import KeptSite, ReadSnapshot, snapshot_of

# Source path -> the pages written from it, and the errors of the build that still stand; None
# when the kept build cannot render the edit.
Rendered = tuple[dict[str, list[str]], tuple[Any, ...]] | None
# Spawned, not forked: the server runs threads (uvicorn, the file watcher) a fork would copy
# in the middle of their work.
_PROCESSES = multiprocessing.get_context("spawn")


def build_and_keep(
    settings_file: str, overrides: dict[str, Any], debug: bool = False
) -> tuple[BuildResult, KeptSite | None]:
    """Build once; keep the build's generators unless it failed."""
    from pelican import signals
    from pelican.contents import Article, Page

    read: dict[str, ReadSnapshot] = {}
    kept: dict[str, Any] = {}

    def note_read(content: Any) -> None:
        if isinstance(content, Article | Page):
            read[os.path.abspath(content.source_path)] = snapshot_of(content)

    def listen(pelican: Any) -> None:
        # Connected once the plugins are, so each snapshot holds what their receivers did.
        signals.content_object_init.connect(note_read, weak=False)

    def keep_generators(generators: list[Any]) -> None:
        kept["generators"] = generators

    def keep_writer(pelican: Any) -> None:
        classes = [w for _, w in signals.get_writer.send(pelican) if isinstance(w, type)]
        kept["writer"] = classes[0] if classes else None
        kept["settings"] = pelican.settings

    receivers = (
        (signals.initialized, listen),
        (signals.all_generators_finalized, keep_generators),
        (signals.finalized, keep_writer),
    )
    for sent, receiver in receivers:
        sent.connect(receiver, weak=False)
    try:
        result = build(settings_file, overrides, debug=debug, pages=True)
    finally:
        for sent, receiver in receivers:
            sent.disconnect(receiver)
        signals.content_object_init.disconnect(note_read)
    if result.failed or "writer" not in kept:
        return result, None
    from pelican.writers import Writer

    site = KeptSite(kept["settings"], kept["generators"], kept["writer"] or Writer, read)
    # Part of the background build, so that the first edit after it does not pay for it.
    site.warm()
    return result, site


def serve(connection: Connection, settings_file: str, debug: bool) -> None:
    """The worker's loop: build when told, then render edited pages, until told to stop."""
    from pelican.log import init as init_logging

    init_logging(level=logging.DEBUG if debug else logging.WARNING, handler=plain_handler())
    threading.Thread(target=_end_with_the_server, daemon=True).start()
    site: KeptSite | None = None
    errors: tuple[Any, ...] = ()
    try:
        while True:
            try:
                request, argument = connection.recv()
            except EOFError:
                return
            if request == "build":
                result, site = build_and_keep(settings_file, argument, debug)
                errors = result.errors
                connection.send(result)
            elif request == "render":
                sources, output = argument
                connection.send(None if site is None else _render(site, sources, output, errors))
            elif request == "render_viewed":
                paths, output = argument
                connection.send([] if site is None else _render_viewed(site, paths, output))
            else:
                return
    except KeyboardInterrupt:  # Ctrl+C reaches the whole process group; the server says it
        return


def _end_with_the_server() -> None:
    """End this worker when the server is gone (killed before it could say stop)."""
    server = multiprocessing.parent_process()
    if server is not None:
        multiprocessing.connection.wait([server.sentinel])
        os._exit(1)


def _render(site: KeptSite, sources: list[str], output: str, errors: tuple[Any, ...]) -> Rendered:
    """Each source's pages from the kept build, with the build's other errors; None: fall back."""
    pages: dict[str, list[str]] = {}
    for source in sources:
        try:
            written = site.render(source, output)
        except Exception as error:  # the full build that follows reports it with its place
            logging.getLogger(__name__).debug("kept build: %s: %s", source, error, exc_info=True)
            return None
        if written is None:
            return None
        pages[source] = written
    # The edited files read without a problem now; the build's other errors still stand.
    return pages, tuple(e for e in errors if os.path.abspath(e.path) not in pages)


def _render_viewed(site: KeptSite, paths: list[str], output: str) -> list[str]:
    """The pages at these URL paths with the changed templates; none if a template fails."""
    try:
        return site.render_viewed(paths, output)
    except Exception as error:  # a template error: the full build reports it with its line
        logging.getLogger(__name__).debug("kept build: templates: %s", error, exc_info=True)
        return []


# Workers not yet stopped; stopped when the server exits, before multiprocessing waits for them.
_running: weakref.WeakSet[BuildWorker] = weakref.WeakSet()


def _stop_running() -> None:
    for worker in list(_running):
        worker.stop()


class BuildWorker:
    """The server's handle on one worker process."""

    def __init__(self, settings_file: str, debug: bool = False) -> None:
        self.connection, theirs = _PROCESSES.Pipe()
        # Not a daemon: a build makes photos and cards in processes of its own.
        self.process = _PROCESSES.Process(
            target=serve, args=(theirs, settings_file, debug), name="preview-build"
        )
        self.process.start()
        theirs.close()
        self.kept = False
        _running.add(self)
        # After multiprocessing's own exit handler, so it runs first: that one waits for
        # every child, and a worker ends only when told.
        atexit.unregister(_stop_running)
        atexit.register(_stop_running)

    def build(self, overrides: dict[str, Any]) -> BuildResult:
        """Make a full build in the worker; it keeps the build if it succeeded."""
        result: BuildResult = self._ask("build", overrides)
        self.kept = not result.failed
        return result

    def render(self, sources: list[str], output: str) -> Rendered:
        """The pages of the edited sources written into output from the kept build, or None."""
        if not self.kept:
            return None
        answer: Rendered = self._ask("render", (sources, output))
        return answer

    def render_viewed(self, url_paths: list[str], output: str) -> list[str]:
        """After a template change: the pages at these URL paths written again, if kept."""
        if not self.kept or not url_paths:
            return []
        written: list[str] = self._ask("render_viewed", (url_paths, output))
        return written

    def stop(self) -> None:
        """End the worker process."""
        _running.discard(self)
        with contextlib.suppress(OSError):
            self.connection.send(("stop", None))
        self.connection.close()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()

    def _ask(self, request: str, argument: Any) -> Any:
        try:
            self.connection.send((request, argument))
            return self.connection.recv()
        except (EOFError, OSError) as error:
            raise RuntimeError(
                f"the build process stopped (exit code {self.process.exitcode})"
            ) from error
