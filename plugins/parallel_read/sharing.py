"""The files of one generator read by two processes: the build from the first, a fork from the last.

When the generator asks for its file list (generate_context calls get_files), the build
process notes which files Pelican's content cache does not hold and, if they are enough,
forks a reading process (worker.py). The build process then goes through the files as Pelican
does; Readers.read_file asks the cache first (get_cached_data), and there this plugin answers
for the files the forked process read: it logs the records the reader made there, puts the
reader's result into the cache (stamped as the forked process stamped it, so the content cache
plugin saves it as usual) and hands it to read_file, which goes on as after a cache hit. The
rest of read_file (the path's metadata, signals, the content object) runs in the build process,
so the posts, their order and the log are those of a build on one core.

Each file is claimed once (faces_common.claims): the build process claims the file it is about
to read unless the forked process has it, and then waits for it. A file the reader failed on
is read again by the build process, so its error is reported with file and line as always. If
the forked process dies, the build reads what it had claimed and not sent, and says so once.
Not forked: a build with threads running (the fork would copy them mid-work), a system that
cannot fork, or fewer files to read than PARALLEL_READ_MIN_FILES. Known limit: Pelican's
preread signal is sent by the build process as it reaches each file, so a plugin that sets up
per-file state for the reader there would not see it in the forked reader (none of ours does).
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import io
import logging
import os
import pickle
import signal
import sys
import threading
from multiprocessing.connection import Connection, Pipe
from typing import Any

from faces_common.child_logs import log_here
from faces_common.claims import BUILD, Claims
from faces_common.processes import exit_status
from pelican.utils import file_suffix

from .messages import died
from .worker import SETTINGS_ID, read_from_the_end

logger = logging.getLogger(__name__)
# Room for many posts in the pipe, so the forked process goes on while the build is busy.
_PIPE_BYTES = 1 << 20


class SharedReading:
    """Installed on one generator for one build; forks when the generator lists its files."""

    def __init__(
        self, generator: Any, wanted: tuple[list[str], list[str]], min_files: int, lang: str
    ) -> None:
        self._generator = generator
        self._readers = generator.readers
        self._wanted, self._min_files, self._lang = wanted, min_files, lang
        # Pelican's get_files and get_cached_data (or what wraps them), taken at install()
        self._get_files: Any = None
        self._get_cached_data: Any = None
        # absolute path -> its number in the plan, for the files the build has not asked for
        self._waiting: dict[str, int] = {}
        self._results: dict[int, tuple[Any, ...] | None] = {}
        self._claims: Claims | None = None
        self._connection: Connection | None = None
        self._pid = 0
        self._checked: dict[str, Any] | None = None

    def install(self) -> None:
        """Watch for the generator's file list."""
        # Taken now, not at the generator's start: another plugin may have wrapped them since.
        self._get_files = self._generator.get_files
        self._get_cached_data = self._readers.get_cached_data
        self._generator.get_files = self._plan_files

    def _plan_files(
        self, paths: Any, exclude: list[str] | None = None, extensions: Any = None
    ) -> set[str]:
        """Pelican's get_files; the article or page list starts the second process."""
        files: set[str] = self._get_files(paths, exclude=exclude, extensions=extensions)
        if (paths, exclude) == self._wanted and extensions is None:
            self._generator.get_files = self._get_files
            self._start(files)
        return files

    def _start(self, files: set[str]) -> None:
        plan = self._to_read(files)
        reason = self._why_not(len(plan))
        if reason:
            logger.debug("parallel_read: %d files read in one process: %s", len(plan), reason)
            return
        self._checked = _checked_sources(self._readers.settings)
        self._claims = Claims()
        receiving, sending = Pipe(duplex=False)
        with contextlib.suppress(OSError, AttributeError):  # Linux only; the default is 64 KiB
            fcntl.fcntl(sending.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
        sys.stdout.flush()
        sys.stderr.flush()
        # Objects the collector would walk in the child are frozen, so it does not copy every
        # page of memory it shares with the build process just by collecting.
        gc.freeze()
        try:
            pid = os.fork()
        except OSError as error:
            gc.unfreeze()
            logger.debug("parallel_read: files read in one process: fork failed: %s", error)
            sending.close()
            receiving.close()
            return
        if pid == 0:
            receiving.close()
            read_from_the_end(self._readers, plan, self._claims, sending, self._checked)
        gc.unfreeze()
        sending.close()
        self._pid, self._connection = pid, receiving
        self._waiting = {path: index for index, path in enumerate(plan)}
        self._readers.get_cached_data = self._cached_or_read_there
        logger.debug("parallel_read: process %d reads %d files from the last", pid, len(plan))

    def _to_read(self, files: set[str]) -> list[str]:
        """The files Pelican will read (no cache holds them), in the order it reads them."""
        generator, readers = self._generator, self._readers
        cached: dict[str, Any] = getattr(readers, "_cache", {})
        plan = []
        for name in files:
            path = os.path.abspath(os.path.join(generator.path, name))
            if file_suffix(path) not in readers.readers:
                continue
            if generator.get_cached_data(name, None) is not None:
                continue  # the generator's own cache (CONTENT_CACHING_LAYER = "generator")
            if path in cached and readers.get_cached_data(path, (None, None))[0] is not None:
                continue
            plan.append(path)
        return plan

    def _why_not(self, files: int) -> str:
        if files < self._min_files:
            return f"fewer than PARALLEL_READ_MIN_FILES = {self._min_files}"
        if not hasattr(os, "fork"):
            return "this system cannot fork"
        if threading.active_count() > 1:
            return "threads run: " + ", ".join(t.name for t in threading.enumerate())
        return ""

    def _cached_or_read_there(self, path: str, default: Any = None) -> Any:
        """Readers.get_cached_data: what the forked process read, or (None, None) to read here."""
        index = self._waiting.pop(path, None)
        if index is None:
            return self._get_cached_data(path, default)
        self._receive(until=None)
        if index not in self._results and self._connection is not None:
            assert self._claims is not None
            if not self._claims.take(index, BUILD, gone=self._has_ended):
                self._receive(until=index)
        message = self._results.pop(index, None)
        if message is None:
            return default  # the build process reads it
        stamp, content, metadata, checked, records = message
        for record in records:
            log_here(record)
        if checked is not None and self._checked is not None:
            self._checked[checked[0]] = checked[1]
        self._readers.cache_data(path, (content, metadata))
        cache = getattr(self._readers, "_cache", None)
        if cache is not None and path in cache:
            cache[path] = (stamp, cache[path][1])  # as stamped after reading, not now
        return content, metadata

    def _has_ended(self) -> bool:
        self._receive(until=None)
        return self._connection is None

    def _receive(self, until: int | None) -> None:
        """Take in what the forked process sent; with until, wait for that file or its end."""
        while self._connection is not None:
            if until is not None and until in self._results:
                return
            if not self._connection.poll(None if until is not None else 0):
                return
            try:
                data = self._connection.recv_bytes()
            except (EOFError, OSError):
                self._ended(done=None)
                return
            message = _Unpickler(io.BytesIO(data), self._readers.settings).load()
            if message[0] == "read":
                self._results[message[1]] = message[2:]
            elif message[0] == "failed":
                self._results[message[1]] = None
            else:
                self._ended(done=message[1:])

    def _ended(self, done: tuple[Any, ...] | None) -> None:
        """The forked process has said it is done, or its pipe closed without a word."""
        assert self._connection is not None
        self._connection.close()
        self._connection = None
        how, peak_kib = exit_status(self._pid)
        if done is None:
            left = sum(index not in self._results for index in self._waiting.values())
            logger.warning(died(self._lang, pid=self._pid, how=how, left=left))
            return
        logger.debug(
            "parallel_read: process %d read %d files, failed on %d (read again here), "
            "in %.2f CPU s (peak RSS %.0f MiB)",
            self._pid,
            *done,
            peak_kib / 1024,
        )

    def finish(self) -> None:
        """After the generator's reading: wait for the forked process, or stop it if it failed."""
        self._generator.get_files = self._get_files
        self._readers.get_cached_data = self._get_cached_data
        if self._connection is None:
            return
        if self._waiting:
            # The generator failed before it asked for every file: nothing waits for the rest.
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            self._connection.close()
            self._connection = None
            exit_status(self._pid)
            return
        while self._connection is not None:
            self._receive(until=-1)
        if self._claims is not None:
            self._claims.close()


def _checked_sources(settings: dict[str, Any]) -> dict[str, Any] | None:
    """What the content checks keep of each file read, when the plugin is on."""
    if "content_checks" not in settings.get("PLUGINS", ()):
        return None
    from content_checks import read_in_this_build  # only with the plugin on

    return read_in_this_build()


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, settings: dict[str, Any]) -> None:
        super().__init__(file)
        self._settings = settings

    def persistent_load(self, pid: Any) -> Any:
        if pid == SETTINGS_ID:
            return self._settings
        raise pickle.UnpicklingError(f"unknown reference {pid!r}")
