"""The writer each process sees: Pelican's, rendering only the pages of its own share."""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

import pelican.writers
from faces_common.claims import FORKED, Claims
from faces_common.content_lists import PAGE_LISTS, all_articles
from pelican.utils import sanitised_join


@dataclass(frozen=True)
class WriteCall:
    """One write_file call left to another process, kept to announce it once written."""

    number: int
    name: str
    template: Any
    context: Any
    args: tuple[Any, ...]
    kwargs: dict[str, Any]

    def content(self) -> Any:
        """The post or page the call writes, if it writes one."""
        return self.kwargs.get("article") or self.kwargs.get("page")


def owner(name: str, processes: int, listing: bool) -> int:
    """Which process renders the write_file call for this output name (the same in all)."""
    # Listings (home, tags, categories, archives) stay in the build process: they show a card
    # of nearly every post, which the fragment cache keeps there for the listings the other
    # plugins write afterwards (author pages, each language's home). Single posts and pages go
    # to the other processes, by a hash of the name.
    if listing or processes == 1:
        return 0
    return 1 + zlib.crc32(name.encode("utf-8")) % (processes - 1)


class SharedWriter:
    """Pelican's writer for one process: it renders its own share and skips the others'.

    Until the processes are forked, every call is this process's own.
    """

    def __init__(
        self,
        writer: Any,
        before_call: Callable[[SharedWriter], None],
        on_skip: Callable[[WriteCall], None] | None,
        claims: Claims,
    ) -> None:
        self._writer, self._before_call, self._on_skip = writer, before_call, on_skip
        self._claims = claims
        self.rank, self._processes = 0, 1
        self.calls = 0
        # The call being rendered, so a failure can name it.
        self.current: WriteCall | None = None
        self.rendered: list[str] = []

    def share(self, rank: int, processes: int, on_skip: Callable[[WriteCall], None] | None) -> None:
        """From the next call on, render only the share of this rank among the processes."""
        self.rank, self._processes, self._on_skip = rank, processes, on_skip
        self.rendered = []

    def write_file(self, name: Any, template: Any, context: Any, *args: Any, **kwargs: Any) -> Any:
        """Render and write the page if it is this process's share; else note the call."""
        if not name or not isinstance(name, str):
            return self._writer.write_file(name, template, context, *args, **kwargs)
        self._before_call(self)
        self.calls += 1
        call = WriteCall(self.calls, name, template, context, args, kwargs)
        listing = "article" not in kwargs and "page" not in kwargs
        if owner(name, self._processes, listing) != self.rank or (
            # A single page the build process has taken back, once done with its own.
            self.rank and not self._claims.take(call.number, FORKED)
        ):
            if self._on_skip is not None:
                self._on_skip(call)
            return None
        self.current = call
        written = self._writer.write_file(name, template, context, *args, **kwargs)
        self.rendered.append(name)
        self.current = None
        return written

    def write_feed(self, *args: Any, **kwargs: Any) -> Any:
        """Feeds are written by the build process alone."""
        if self.rank != 0:
            return None
        return self._writer.write_feed(*args, **kwargs)

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._writer, attribute)


class WrittenElsewhere:
    """A template whose page another process has written: rendering reads that page back.

    Going through the build's own writer with it gives every page the writer's bookkeeping,
    its log line and the content_written signal in this process, as if it had rendered it.
    """

    def __init__(self, output_path: str) -> None:
        self._output_path = output_path

    def render(self, context: dict[str, Any]) -> str:
        """The page as the other process wrote it, character for character."""
        path = sanitised_join(self._output_path, context["output_file"])
        with open(path, encoding="utf-8", newline="") as page:
            return page.read()


class AlreadyWritten:
    """A template for a page another process has written: it renders nothing."""

    def render(self, context: dict[str, Any]) -> str:
        """Nothing: the page is on disk already and is not written again."""
        return ""


@contextlib.contextmanager
def announcing(writer: Any) -> Iterator[AlreadyWritten | WrittenElsewhere]:
    """A template that passes pages other processes wrote through writer without rewriting them.

    Pelican's writer still does its overwrite bookkeeping, logs the page and sends
    content_written; only the file it opens is the null device, instead of the page read back
    and written again (at 10,000 posts that was most of the take-in's time). A writer whose
    opening differs from Pelican's gets the page read back and written, as before.
    """
    module = pelican.writers
    if type(writer)._open_w is not module.Writer._open_w or "open" in vars(module):
        yield WrittenElsewhere(writer.output_path)
        return
    # The writer's module looks open up in its globals before the builtins: shadowed there
    # while the pages are announced, so its _open_w opens the null device.
    module.open = _null_device
    try:
        yield AlreadyWritten()
    finally:
        del module.open


def _null_device(path: str, mode: str, encoding: str | None = None) -> IO[Any]:
    return open(os.devnull, mode, encoding=encoding)


def links_with_attach(articles: Any, pages: Any) -> bool:
    """Whether a post or page links a file with {attach}, placed by the first page written."""
    everything = [*all_articles(articles), *(p for n in PAGE_LISTS for p in getattr(pages, n, ()))]
    markers = ("{attach}", "|attach|")
    return any(
        any(m in (getattr(item, "_content", "") or "") for m in markers) for item in everything
    )
