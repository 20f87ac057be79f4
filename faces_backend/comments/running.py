"""Opening the comment part of the backend in the app's lifespan (composition root)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette

from faces_backend.comments.config import CommentSettings
from faces_backend.comments.events import NoNotifier, Notifier
from faces_backend.comments.moderation_session import Sessions
from faces_backend.comments.threads import CommentManifest, parse_comment_manifest
from faces_backend.comments.wiring import Comments
from faces_backend.form_stamp import FormStamps
from faces_backend.manifest_source import DocumentSource
from faces_backend.settings import Settings


@contextlib.asynccontextmanager
async def comments_running(
    app: Starlette, settings: Settings, config: CommentSettings, notifier: Notifier | None
) -> AsyncIterator[None]:
    """Load the comment manifest (if set) and keep the comment part on `app.state`."""
    threads: DocumentSource[CommentManifest] | None = None
    if config.manifest:
        threads = DocumentSource(config.manifest, parse_comment_manifest, "comment manifest")
        await threads.open()

    def stamps(pow_bits: int) -> FormStamps:
        return FormStamps(
            settings.secret,
            "comments",
            min_seconds=config.min_seconds,
            max_seconds=config.max_seconds,
            pow_bits=pow_bits,
        )

    app.state.comments = Comments(
        settings=config,
        threads=threads,
        stamps=stamps(config.pow_bits),
        page_stamps=stamps(0),
        notifier=notifier if notifier is not None else NoNotifier(),
        sessions=Sessions(settings.secret, config),
    )
    try:
        yield
    finally:
        del app.state.comments
        if threads is not None:
            await threads.close()
