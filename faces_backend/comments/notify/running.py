"""The notifier as the running backend has it: started after the store, closed before it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Iterator

from faces_backend.comments.notify.notifier import CommentNotifier
from faces_backend.comments.notify.settings import NotifySettings
from faces_backend.comments.notify.store import StoreJobs
from faces_backend.store import Store

OpenThreads = Callable[[], Collection[str] | None]


def notifier_factory(
    settings: NotifySettings,
) -> Callable[[Store, OpenThreads], contextlib.AbstractContextManager[CommentNotifier]]:
    """Return what the lifespan calls with the open store to run a notifier with `settings`."""

    @contextlib.contextmanager
    def running(store: Store, open_threads: OpenThreads) -> Iterator[CommentNotifier]:
        notifier = CommentNotifier(settings, StoreJobs(store), open_threads=open_threads)
        notifier.start()
        try:
            yield notifier
        finally:
            # Its queued database work still needs the write path: closed before the store.
            notifier.close()

    return running
