"""What the view handlers need at run time: the shared services and, if views count, the counter."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from starlette.requests import Request

from faces_backend.http.documents import DocumentSource
from faces_backend.http.services import Services
from faces_backend.views.counter import ViewCounter, ViewCounting
from faces_backend.views.manifest import parse_view_manifest
from faces_backend.views.shared_window import SharedViewWindow
from faces_backend.views.window import ViewWindow


@dataclass
class Views:
    """The views feature of a running app."""

    services: Services
    counting: ViewCounting | None  # None: FACES_VIEWS_MANIFEST unset, views are not counted


async def open_views(services: Services, stack: contextlib.AsyncExitStack) -> Views:
    """Load the reach manifest and start the counter (both ended with `stack`), if configured."""
    settings = services.settings
    if not settings.views_manifest:
        return Views(services, None)
    paths = DocumentSource(settings.views_manifest, parse_view_manifest, "reach manifest")
    await paths.open()
    stack.push_async_callback(paths.close)
    counter = ViewCounter(services.store)
    # Entered after the store opened: its last flush runs before the writer stops.
    await stack.enter_async_context(counter.running())
    window: ViewWindow | SharedViewWindow
    if services.store.dialect == "postgresql":
        # Several instances may serve one reader: the decision is kept in the database.
        reader = services.store.reader
        window = SharedViewWindow(reader, settings.views_window, settings.views_rate_limit)
    else:
        window = ViewWindow(settings.views_window, settings.views_rate_limit)
    return Views(services, ViewCounting(paths, window, counter))


def views_of(request: Request) -> Views:
    """Return the views feature of the app serving this request."""
    views: Views = request.app.state.views
    return views
