"""Local preview: the built site and the backend on one origin, rebuilt on every change.

Only for editors and authors on their own machine: it injects a tiny live-reload script
into the HTML it serves, so the built files themselves stay free of it.

An edited post, page, profile or template is rebuilt in two steps (preview_builds.py): first
only the pages it changes, from the last build kept in memory (so the browser showing it
reloads at once), then the whole site in a worker process, into a fresh folder that then
replaces the served one (output.py); browsers reload only when the page they show has really
changed. The errors of each build show on every page and in place of a post they keep out of
the build (problems.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from devserver.build import BuildResult, plain_handler
from devserver.imagery.on_request import make_if_ordered
from devserver.output import ensure_backend_manifests
from devserver.port import ensure_port_free
from devserver.preview_builds import PreviewBuilds
from devserver.problems import BuildProblems
from devserver.search_index import OrderedIndex

logger = logging.getLogger("devserver")

RELOAD_SCRIPT = (
    "<script>" + (Path(__file__).with_name("reload.js")).read_text(encoding="utf-8") + "</script>"
)
# Seconds between keep-alive comments on an idle /__reload stream.
KEEP_ALIVE_SECONDS = 15


class ReloadHub:
    """Tells connected browsers what each finished build changed and which errors it found."""

    def __init__(self) -> None:
        self.version = 0
        self.current: dict[str, Any] = {"version": 0, "full": True, "paths": []}
        self._listeners: set[asyncio.Queue[dict[str, Any]]] = set()
        # The URL path each connected browser shows, by its listener.
        self._pages: dict[asyncio.Queue[dict[str, Any]], str] = {}

    def viewed(self) -> list[str]:
        """The URL paths connected browsers show, the most recently opened first."""
        return list(dict.fromkeys(reversed(self._pages.values())))

    def announce(
        self, paths: list[str], problems: BuildProblems | None = None, full: bool = True
    ) -> None:
        """Announce a finished build: changed URL paths and the errors (call from the loop)."""
        self.version += 1
        self.current = {"version": self.version, "full": full, "paths": paths}
        if problems is not None:
            self.current.update(overlay=problems.overlay, state=problems.state)
        for listener in self._listeners:
            listener.put_nowait(self.current)

    async def stream(self, page: str = "") -> AsyncIterator[str]:
        """Server-sent events: the current state at once, then one message per finished build."""
        listener: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._listeners.add(listener)
        if page.startswith("/"):
            self._pages[listener] = page
        try:
            yield f"data: {json.dumps({**self.current, 'paths': []})}\n\n"
            while True:
                try:
                    message = await asyncio.wait_for(listener.get(), timeout=KEEP_ALIVE_SECONDS)
                except TimeoutError:
                    yield ": keep-alive\n\n"
                    continue
                yield f"data: {json.dumps(message)}\n\n"
        finally:
            self._listeners.discard(listener)
            self._pages.pop(listener, None)


class PreviewFiles(StaticFiles):
    """Static files with the live-reload script (and the build's errors) added to every page."""

    def __init__(
        self,
        *,
        directory: str,
        problems: BuildProblems | None = None,
        index: OrderedIndex | None = None,
    ) -> None:
        super().__init__(directory=directory, html=True)
        self.problems = problems
        self.index = index

    async def get_response(self, path: str, scope: Scope) -> Response:
        """Serve the file, or a broken post's error page; HTML gets the script before </body>."""
        extra = RELOAD_SCRIPT
        if self.problems is not None:
            extra = self.problems.overlay + RELOAD_SCRIPT
            error_page = self.problems.error_page(scope["path"])
            if error_page is not None:
                html = error_page.replace("</body>", f"{extra}</body>", 1)
                return HTMLResponse(html, status_code=500, headers={"Cache-Control": "no-store"})
        if self.index is not None and (held := await self.index.held(path)) is not None:
            return held
        await make_if_ordered(str(self.directory), path)
        response = await super().get_response(path, scope)
        file_path = str(getattr(response, "path", ""))
        if file_path.endswith(".html"):
            with open(file_path, encoding="utf-8") as page:
                html = page.read().replace("</body>", f"{extra}</body>", 1)
            return HTMLResponse(
                html, status_code=response.status_code, headers={"Cache-Control": "no-store"}
            )
        return response


def create_preview_app(
    output_path: str,
    backend: Starlette | None,
    hub: ReloadHub,
    lifespan: Callable[[Starlette], Any] | None = None,
    problems: BuildProblems | None = None,
    index: OrderedIndex | None = None,
) -> Starlette:
    """The preview app: /__reload, the backend under /api, the site everywhere else."""

    async def reload_events(request: Request) -> StreamingResponse:
        return StreamingResponse(
            hub.stream(request.query_params.get("page", "")),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store"},
        )

    routes: list[Any] = [Route("/__reload", reload_events)]
    if backend is not None:
        routes.append(Mount("/api", app=backend))
    os.makedirs(output_path, exist_ok=True)
    files = PreviewFiles(directory=output_path, problems=problems, index=index)
    routes.append(Mount("/", app=files))
    return Starlette(routes=routes, lifespan=lifespan)


def serve_preview(
    settings_file: str,
    output_path: str,
    watch: Sequence[str],
    host: str,
    port: int,
    debug: bool = False,
) -> None:
    """Build once, then serve on host:port and rebuild whenever a watched path changes."""
    # Before the first build, which takes a while and would be wasted.
    ensure_port_free(host, port)
    import uvicorn
    import watchfiles
    from pelican.log import init as init_logging

    init_logging(level=logging.DEBUG if debug else logging.WARNING, handler=plain_handler())
    problems = BuildProblems()
    hub = ReloadHub()
    index = OrderedIndex(output_path, lambda: builds.language)

    def announce(changed: list[str], result: BuildResult, full: bool) -> None:
        changed += problems.update(result)
        hub.announce(sorted(set(changed)), problems, full)
        if full:
            # The served build's search index, if it ordered one, right after it.
            index.start()

    def failure(error: Exception) -> None:
        # The preview keeps watching: the next save may well build again.
        if debug:
            logger.error("preview: the rebuild failed", exc_info=error)
        else:
            logger.error("preview: the rebuild failed: %s (--debug shows more)", error)
        problems.rebuild_failed(error)
        hub.announce([], problems, full=True)

    builds = PreviewBuilds(settings_file, output_path, announce, failure, debug)
    builds.viewed = hub.viewed
    builds.first_build()
    backend = _preview_backend(output_path, host, port)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async def watch_and_rebuild() -> None:
            paths = [p for p in watch if os.path.exists(p)]
            async for changes in watchfiles.awatch(*paths, debounce=50, step=20):
                names = sorted({path for _, path in changes})
                shown = ", ".join(os.path.relpath(n) for n in names[:5])
                print(f"Changed: {shown}{' …' if len(names) > 5 else ''}", file=sys.stderr)
                try:
                    await builds.changed(names)
                except Exception as error:
                    failure(error)

        async with contextlib.AsyncExitStack() as stack:
            if backend is not None:
                # A mounted app's lifespan does not run by itself: open the backend here.
                await stack.enter_async_context(backend.router.lifespan_context(backend))
            watcher = asyncio.create_task(watch_and_rebuild())
            stack.callback(builds.close)
            stack.callback(watcher.cancel)
            print(f"Preview: http://{host}:{port}/  (Ctrl+C stops)", file=sys.stderr)
            yield

    app = create_preview_app(output_path, backend, hub, lifespan, problems, index)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=1,
    )


def _preview_backend(output_path: str, host: str, port: int) -> Starlette | None:
    """The backend (polls, views, comments) configured for the preview, or None if missing."""
    try:
        from faces_backend.app import app_from_env
    except ImportError:
        logger.warning("preview: the poll backend is not available; polls are read-only")
        return None
    os.makedirs(".cache", exist_ok=True)
    # A site without polls, view counts or comments writes no manifest; the backend needs one.
    ensure_backend_manifests(output_path)
    environ = {
        "FACES_DEV": "1",
        "FACES_DB": os.path.join(".cache", "preview-polls.sqlite3"),
        "FACES_MANIFEST": os.path.join(output_path, "polls", "manifest.json"),
        "FACES_VIEWS_MANIFEST": os.path.join(output_path, "reach", "manifest.json"),
        "FACES_COMMENTS_MANIFEST": os.path.join(output_path, "comments", "manifest.json"),
        "FACES_STORIES_MANIFEST": os.path.join(output_path, "stories", "manifest.json"),
        "FACES_ALLOWED_ORIGINS": f"http://{host}:{port},http://localhost:{port}",
        **{k: v for k, v in os.environ.items() if k.startswith("FACES_")},
    }
    return app_from_env(environ)
