"""What the comment handlers need at run time: services, threads, stamps, notifier, sessions."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection
from dataclasses import dataclass

from starlette.requests import Request

from faces_backend.comments.config import CommentSettings
from faces_backend.comments.events import NoNotifier, Notifier
from faces_backend.comments.threads import EMPTY, CommentManifest, parse_comment_manifest
from faces_backend.http.documents import DocumentSource
from faces_backend.http.form_stamp import FormStamps
from faces_backend.http.moderation_session import Sessions
from faces_backend.http.services import Services
from faces_backend.store import Store

OpenThreads = Callable[[], Collection[str] | None]
# Makes the notifier once the store is open; the context ends it before the store closes.
NotifierFactory = Callable[[Store, OpenThreads], contextlib.AbstractContextManager[Notifier]]


@dataclass
class Comments:
    """The comments feature of a running app."""

    services: Services
    settings: CommentSettings
    threads: DocumentSource[CommentManifest] | None  # None: FACES_COMMENTS_MANIFEST unset
    stamps: FormStamps  # for script forms (with proof of work, if set)
    page_stamps: FormStamps  # for the no-script preview page (never proof of work)
    notifier: Notifier
    sessions: Sessions  # the moderation page's logins

    def manifest(self) -> CommentManifest:
        """Return the current thread manifest (empty while comments are off)."""
        return self.threads.current() if self.threads is not None else EMPTY

    def open_threads(self) -> Collection[str] | None:
        """Return the ids of the threads open now, or None while no manifest is set."""
        if self.threads is None:
            return None
        return {thread.id for thread in self.manifest().threads.values() if thread.open}


async def open_comments(
    services: Services,
    stack: contextlib.AsyncExitStack,
    config: CommentSettings,
    notifier: NotifierFactory | None = None,
) -> Comments:
    """Load the comment manifest and start the notifier (both ended with `stack`)."""
    threads: DocumentSource[CommentManifest] | None = None
    if config.manifest:
        threads = DocumentSource(config.manifest, parse_comment_manifest, "comment manifest")
        await threads.open()
        stack.push_async_callback(threads.close)
    secret = services.settings.secret

    def stamps(pow_bits: int) -> FormStamps:
        return FormStamps(
            secret,
            "comments",
            min_seconds=config.min_seconds,
            max_seconds=config.max_seconds,
            pow_bits=pow_bits,
        )

    comments = Comments(
        services=services,
        settings=config,
        threads=threads,
        stamps=stamps(config.pow_bits),
        page_stamps=stamps(0),
        notifier=NoNotifier(),
        sessions=Sessions(secret, config.moderation_token, config.moderators),
    )
    factory = notifier
    if factory is not None:
        comments.notifier = stack.enter_context(factory(services.store, comments.open_threads))
    return comments


def comments_of(request: Request) -> Comments:
    """Return the comments feature of the app serving this request."""
    comments: Comments = request.app.state.comments
    return comments
