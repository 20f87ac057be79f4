"""The article and page generators' output rendered by several processes, forked at writing.

When Pelican starts writing, every context is final. The build process forks; each process
then runs the same sequence of write_file calls over the same (copied) memory and renders only
its own share (writers.owner): the forked writer the single posts and pages, the build process
the listings and feeds, then the generators named in PARALLEL_WRITE_BESIDE (the people's pages,
the review page, ...: one core would idle while the build process alone rendered them), then
the single pages the writer has not started yet (claims.py). A forked process stops after the
page generator, sends its log records and the outcome over a pipe, and ends with os._exit.
The build process, before any generator not named there runs, waits for it and passes each
page it wrote through its own writer without rendering or rewriting it (writers.announcing):
Pelican's overwrite bookkeeping, the "Writing" line and content_written (sitemap) happen here,
as in a build on one core, only later in the log.

Not shared, so the output stays byte for byte what one process writes: a build with threads
running (forking would copy them mid-work), and one whose posts link files with {attach}
(Pelican moves such a file to the first page that renders the link). Known limit: should a
post's or page's address coincide with a listing's (a page 2 of a tag, say), each process would
write it, and Pelican's overwrite rules could not decide between them as they do in one process.

One module past 300 lines: the fork, the shares, the take-back and the taking-in share one state.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, Pipe, wait
from typing import Any

from faces_common.child_logs import forward_to, log_here
from faces_common.claims import BUILD, Claims
from faces_common.processes import describe, exit_status, own_memory_kib

from .messages import failure
from .writers import SharedWriter, WriteCall, announcing, links_with_attach

logger = logging.getLogger(__name__)

Output = Callable[[Any], None]


class SharedWriting:
    """Installed on one build's article and page generators; forks when they start writing."""

    def __init__(
        self, articles: Any, pages: Any, processes: int, lang: str, balance: bool = True
    ) -> None:
        self._articles, self._pages = articles, pages
        self._write_articles: Output = articles.generate_output
        self._write_pages: Output = pages.generate_output
        self._processes, self._lang = processes, lang
        self._children: dict[int, Connection] = {}
        # pid -> what a process said last and how it ended, once it has ended
        self._ended: dict[int, tuple[Any, ...]] = {}
        self._skipped: list[WriteCall] = []
        self._claims = Claims()
        self._balance = balance
        self._shared: SharedWriter | None = None
        self._forked = False
        # perf_counter and process_time when this process started writing and when it forked
        self._started = (0.0, 0.0)
        self._forked_at = (0.0, 0.0)
        # Pelican's writer, kept from the page generator's output until the forked pages are in
        self._writer: Any = None
        self._waits = True

    def install(self, beside: Sequence[Any] = ()) -> None:
        """Take over the generators' generate_output (on the instances, for this build).

        The `beside` generators (those right after the page generator) run while the forked
        writer still renders; the forked pages are taken in after the last of them.
        """
        self._articles.generate_output = self.write_articles
        self._pages.generate_output = self.write_pages
        for number, generator in enumerate(beside, start=1):
            generator.generate_output = self._beside(
                generator.generate_output, last=number == len(beside)
            )
        self._waits = not beside

    def _beside(self, output: Output, last: bool) -> Output:
        def run_beside(writer: Any) -> None:
            with self._abandon_on_error():
                output(writer)
                if last:
                    self.take_in()

        return run_beside

    def take_in(self) -> None:
        """Render what no process has started, wait for the others, announce their pages."""
        if self._writer is None:
            return
        writer, self._writer = self._writer, None
        with self._abandon_on_error():
            self._take_back(writer)
            self._collect(writer)

    def write_articles(self, writer: Any) -> None:
        """Write this process's share of the posts' output (a forked process: and the pages')."""
        reason = self._why_not_shared()
        if reason:
            logger.debug("parallel_write: every page in one process: %s", reason)
            self._write_articles(writer)
            return
        self._started = (time.perf_counter(), time.process_time())
        self._shared = SharedWriter(writer, self._fork_when_alone, self._note_skipped, self._claims)
        self._write_share(self._write_articles, then_pages=True)

    def write_pages(self, writer: Any) -> None:
        """Write this process's share of the pages, then take in the other processes' pages."""
        if self._shared is None:
            self._write_pages(writer)
            return
        self._write_share(self._write_pages, then_pages=False)
        self._writer = writer
        if self._waits:
            self.take_in()

    def _write_share(self, output: Output, then_pages: bool) -> None:
        """Run one generator's output through the shared writer; a forked process ends here."""
        assert self._shared is not None
        try:
            output(self._shared)
            if self._shared.rank and then_pages:
                self._write_pages(self._shared)
        except BaseException as error:  # Ctrl-C too: a forked process ends here, never in Pelican
            if not self._shared.rank:
                self.abandon()
                raise
            self._end_child(error)
        if self._shared.rank:
            self._end_child(None)

    def _why_not_shared(self) -> str:
        if not hasattr(os, "fork"):
            return "this system cannot fork"
        if links_with_attach(self._articles, self._pages):
            return "a post or page links a file with {attach}, placed by the first page written"
        return ""

    def _fork_when_alone(self, shared: SharedWriter) -> None:
        """Before a write_file call: fork, once no other thread runs (output_folders' may)."""
        if self._forked or threading.active_count() > 1:
            return
        self._forked = True
        started = time.perf_counter()
        rank = self._fork()
        if rank is None:
            return
        self._forked_at = (time.perf_counter(), time.process_time())
        if rank:
            forward_to(self._children[0])
        shared.share(rank, self._processes, None if rank else self._note_skipped)
        if not rank:
            logger.debug(
                "parallel_write: forked at call %d, %.2f s after writing started, in %.3f s",
                shared.calls,
                started - self._started[0],
                self._forked_at[0] - started,
            )

    def _fork(self) -> int | None:
        """Start the other processes; this process's rank (0: the build), None: none started."""
        sys.stdout.flush()
        sys.stderr.flush()
        # Objects the collector would walk in a child are frozen, so the child does not copy
        # every page of memory it shares with the build process just by collecting.
        gc.freeze()
        try:
            for rank in range(1, self._processes):
                receiving, sending = Pipe(duplex=False)
                pid = os.fork()
                if pid == 0:
                    receiving.close()
                    for connection in self._children.values():
                        connection.close()
                    self._children = {0: sending}
                    return rank
                sending.close()
                self._children[pid] = receiving
        except OSError as error:
            logger.debug("parallel_write: every page in one process: fork failed: %s", error)
            self.abandon()
            return None
        finally:
            if 0 not in self._children:
                gc.unfreeze()
        return 0

    def _end_child(self, error: BaseException | None) -> None:
        """In a forked process: say how it went and end, whatever happens."""
        assert self._shared is not None
        code = 1
        try:
            connection = self._children[0]
            if error is None:
                wall, cpu = time.perf_counter(), time.process_time()
                spent = (wall - self._forked_at[0], cpu - self._forked_at[1])
                connection.send(("done", self._shared.rendered, own_memory_kib(), *spent))
                code = 0
            else:
                call = self._shared.current
                connection.send(("failed", call.number if call else 0, describe(error)))
        finally:
            os._exit(code)

    def _take_back(self, writer: Any) -> None:
        """Render the single pages no other process has started, from the last one backwards."""
        if not (self._forked and self._balance):
            return
        started = time.perf_counter()
        taken: list[WriteCall] = []
        for call in reversed(self._skipped):
            if not self._claims.take(call.number, BUILD):
                break
            taken.append(call)
            self._receive(block=False)
            writer.write_file(call.name, call.template, call.context, *call.args, **call.kwargs)
        del self._skipped[len(self._skipped) - len(taken) :]
        logger.debug(
            "parallel_write: the build process took back %d single pages in %.2f s",
            len(taken),
            time.perf_counter() - started,
        )

    def _note_skipped(self, call: WriteCall) -> None:
        self._skipped.append(call)
        self._receive(block=False)

    def _receive(self, block: bool) -> None:
        """Log what the processes sent; note their last words once they have ended."""
        while self._children:
            ready = wait(list(self._children.values()), timeout=None if block else 0)
            if not ready:
                return
            for pid, connection in list(self._children.items()):
                if connection not in ready:
                    continue
                try:
                    message = connection.recv()
                except EOFError:
                    message = ("ended",)
                if message[0] == "log":
                    log_here(message[1])
                    continue
                connection.close()
                del self._children[pid]
                self._ended[pid] = (*message, exit_status(pid))

    def _collect(self, writer: Any) -> None:
        """Wait for the other processes; fail as they failed; else announce their pages."""
        if not self._forked:
            threads = [t.name for t in threading.enumerate() if t is not threading.current_thread()]
            logger.debug("parallel_write: every page in one process: threads ran: %s", threads)
        started = time.perf_counter()
        own_cpu = time.process_time() - self._forked_at[1]
        self._receive(block=True)
        waited = time.perf_counter() - started
        for pid, (outcome, *details) in sorted(self._ended.items()):
            if outcome == "done":
                logger.debug(
                    "parallel_write: process %d rendered %d pages' calls in %.2f s (%.2f CPU s; "
                    "peak RSS %.0f MiB, of it its own, not shared with the build process, "
                    "%.0f MiB at its end)",
                    pid,
                    len(details[0]),
                    details[2],
                    details[3],
                    details[-1][1] / 1024,
                    details[1] / 1024,
                )
                continue
            if outcome == "failed":
                number, error = details[0], details[1]
                page = next((c.name for c in self._skipped if c.number == number), "?")
                logger.debug("parallel_write: process %d failed on %s: %s", pid, page, error)
                self._render_here(writer, number)
                raise failure(self._lang, "failed", pid=pid, page=page, error=error)
            raise failure(self._lang, "died", pid=pid, how=details[-1][0])
        if self._shared is not None and self._forked:
            logger.debug(
                "parallel_write: the build process rendered %d pages' calls in %.2f s after the "
                "fork (%.2f CPU s)",
                len(self._shared.rendered),
                started - self._forked_at[0],
                own_cpu,
            )
        started = time.perf_counter()
        with announcing(writer) as written:
            for call in self._skipped:
                writer.write_file(call.name, written, call.context, *call.args, **call.kwargs)
        logger.debug(
            "parallel_write: waited %.2f s for the others, took in their %d calls in %.2f s",
            waited,
            len(self._skipped),
            time.perf_counter() - started,
        )
        self._skipped.clear()

    def _render_here(self, writer: Any, number: int) -> None:
        """Render the call that failed in another process here, so it fails with its place."""
        for call in self._skipped:
            if call.number == number:
                # The post or page, where the build's report looks for what it was writing.
                content = call.content()  # noqa: F841
                writer.write_file(call.name, call.template, call.context, *call.args, **call.kwargs)
                return

    @contextlib.contextmanager
    def _abandon_on_error(self) -> Iterator[None]:
        """End the other processes if this one's writing fails or is interrupted."""
        try:
            yield
        except BaseException:
            self.abandon()
            raise

    def abandon(self) -> None:
        """Stop the other processes at once (the build failed or was interrupted)."""
        for pid, connection in list(self._children.items()):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            connection.close()
            exit_status(pid)
        self._children.clear()
