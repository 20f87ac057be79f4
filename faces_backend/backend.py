"""The running backend's parts, opened and closed together by the app's lifespan."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import partial

from starlette.applications import Starlette
from starlette.requests import Request

from faces_backend.ballots import daily_salt
from faces_backend.comments.config import CommentSettings
from faces_backend.comments.events import Notifier
from faces_backend.database import connect
from faces_backend.identity import VoterIdentity
from faces_backend.manifest_source import DocumentSource, ManifestSource
from faces_backend.origins import OriginPolicy
from faces_backend.ratelimit import RateLimiter
from faces_backend.settings import Settings
from faces_backend.view_counter import ViewCounter, ViewCounting
from faces_backend.view_manifest import parse_view_manifest
from faces_backend.view_window import ViewWindow
from faces_backend.writer import Writer


@dataclass
class Backend:
    """Everything a request handler needs, created once per app start."""

    settings: Settings
    manifest: ManifestSource
    writer: Writer
    reader: sqlite3.Connection  # used only from the event loop thread, never for writes
    identity: VoterIdentity
    limiter: RateLimiter
    origins: OriginPolicy
    views: ViewCounting | None = None  # None: FACES_VIEWS_MANIFEST unset, views not counted


def backend_of(request: Request) -> Backend:
    """Return the Backend of the app serving this request."""
    backend: Backend = request.app.state.backend
    return backend


@contextlib.asynccontextmanager
async def lifespan(
    settings: Settings,
    app: Starlette,
    *,
    comments: CommentSettings | None = None,
    notifier: Notifier | None = None,
) -> AsyncIterator[None]:
    """Open the manifests, the writer, the view counter and the reader; close them at shutdown.

    The Backend is kept on `app.state`, so the app also works mounted under a parent app,
    as long as the parent runs this app's `router.lifespan_context` in its own lifespan.
    """
    async with contextlib.AsyncExitStack() as stack:
        manifest = ManifestSource(settings.manifest)
        await manifest.open()
        stack.push_async_callback(manifest.close)
        writer = Writer(settings.db_path)
        writer.start()
        stack.callback(writer.stop)
        reader = connect(settings.db_path, readonly=True)
        stack.callback(reader.close)

        async def salt_of_day(day: str) -> bytes:
            return await writer.run(partial(daily_salt, day=day))

        views = None
        if settings.views_manifest:
            paths = DocumentSource(settings.views_manifest, parse_view_manifest, "reach manifest")
            await paths.open()
            stack.push_async_callback(paths.close)
            counter = ViewCounter(writer)
            # Entered after the writer: its last flush runs before the writer stops.
            await stack.enter_async_context(counter.running())
            views = ViewCounting(
                paths, ViewWindow(settings.views_window, settings.views_rate_limit), counter
            )

        app.state.backend = Backend(
            settings=settings,
            manifest=manifest,
            writer=writer,
            reader=reader,
            identity=VoterIdentity(settings, salt_of_day),
            limiter=RateLimiter(settings.rate_limit),
            origins=OriginPolicy(
                settings.allowed_origins, allow_missing=settings.allow_missing_origin
            ),
            views=views,
        )
        stack.callback(delattr, app.state, "backend")
        # Comments (issue 15): their manifest, stamps and notifier, on app.state.comments.
        from faces_backend.comments.running import comments_running

        config = comments if comments is not None else CommentSettings()
        await stack.enter_async_context(comments_running(app, settings, config, notifier))
        yield
