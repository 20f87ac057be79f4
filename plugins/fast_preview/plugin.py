"""A writer that, when asked, renders only the pages whose source files changed."""

from __future__ import annotations

import os
from typing import Any

from blinker import signal
from faces_common.settings import merge_defaults
from pelican import signals
from pelican.writers import Writer

DEFAULTS: dict[str, Any] = {
    # None: write everything (every normal build). A list of source file paths: write only
    # the pages made from those files; the preview follows up with a full build.
    "FAST_PREVIEW_SOURCES": None,
}

# Sent once for each page a selective build writes. Sender: the absolute output folder, so a
# listener hears only its own build; `page`: the page's path inside that folder. The preview
# listens while its quick step runs, to know what to reload without walking the output.
page_written = signal("fast_preview.page_written")


class SelectiveWriter(Writer):
    """Pelican's writer, skipping every page not made from a selected source file."""

    def write_file(self, name: Any, template: Any, context: Any, *args: Any, **kwargs: Any) -> Any:
        """Render and write the page unless a selection excludes it."""
        sources = self.settings.get("FAST_PREVIEW_SOURCES")
        if sources is not None:
            item = kwargs.get("article") or kwargs.get("page")
            source = getattr(item, "source_path", None)
            if source is None or os.path.abspath(source) not in sources:
                return None
        written = super().write_file(name, template, context, *args, **kwargs)
        if sources is not None and name:
            page_written.send(os.path.abspath(self.output_path), page=name)
        return written

    def write_feed(self, *args: Any, **kwargs: Any) -> Any:
        """Feeds list many posts: leave them to the full build that follows."""
        if self.settings.get("FAST_PREVIEW_SOURCES") is not None:
            return None
        return super().write_feed(*args, **kwargs)


def apply_defaults(pelican: Any) -> None:
    """Merge DEFAULTS once; normalise a selection to absolute paths."""
    merge_defaults(pelican.settings, DEFAULTS)
    sources = pelican.settings["FAST_PREVIEW_SOURCES"]
    if sources is not None:
        if isinstance(sources, str) or not all(isinstance(s, str) for s in sources):
            raise ValueError(
                f"FAST_PREVIEW_SOURCES has value {sources!r}. Expected None or a list of paths."
            )
        pelican.settings["FAST_PREVIEW_SOURCES"] = {os.path.abspath(s) for s in sources}


def selective_writer(pelican: Any) -> type[Writer]:
    """Offer the selective writer to Pelican."""
    return SelectiveWriter


def register() -> None:
    """Connect the plugin to Pelican."""
    signals.initialized.connect(apply_defaults)
    signals.get_writer.connect(selective_writer)
