"""Local preview: the built site and the backend on one origin, rebuilt on every change.

Only for editors and authors on their own machine: it injects a tiny live-reload script
into the HTML it serves, so the built files themselves stay free of it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import threading
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

logger = logging.getLogger("faces_backend.preview")

RELOAD_SCRIPT = (
    "<script>(function(){var s=new EventSource('/__reload');var v=null;"
    "s.onmessage=function(e){if(v!==null&&e.data!==v){location.reload();}v=e.data;};})();"
    "</script>"
)


class ReloadHub:
    """Tells connected browsers the current build number; a new number means reload."""

    def __init__(self) -> None:
        self.version = 0
        self._changed = asyncio.Event()

    def bump(self) -> None:
        """Announce a finished build (call from the event loop)."""
        self.version += 1
        self._changed.set()
        self._changed = asyncio.Event()

    async def stream(self) -> AsyncIterator[str]:
        """Server-sent events: the version now and after each build."""
        while True:
            yield f"data: {self.version}\n\n"
            waiter = self._changed
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(waiter.wait(), timeout=15)


class PreviewFiles(StaticFiles):
    """Static files with the live-reload script added to every HTML page."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        """Serve the file; HTML gets the reload script before </body>."""
        response = await super().get_response(path, scope)
        file_path = getattr(response, "path", "")
        if str(file_path).endswith(".html"):
            with open(file_path, encoding="utf-8") as page:
                html = page.read().replace("</body>", f"{RELOAD_SCRIPT}</body>", 1)
            return HTMLResponse(html, status_code=response.status_code)
        return response


def create_preview_app(
    output_path: str,
    backend: Starlette | None,
    hub: ReloadHub,
    lifespan: Callable[[Starlette], Any] | None = None,
) -> Starlette:
    """The preview app: /__reload, the backend under /api, the site everywhere else."""

    async def reload_events(request: Request) -> StreamingResponse:
        return StreamingResponse(
            hub.stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
        )

    routes: list[Any] = [Route("/__reload", reload_events)]
    if backend is not None:
        routes.append(Mount("/api", app=backend))
    os.makedirs(output_path, exist_ok=True)
    routes.append(Mount("/", app=PreviewFiles(directory=output_path, html=True)))
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
    import uvicorn
    import watchfiles
    from content_checks.build import build, plain_handler, summary
    from pelican.log import init as init_logging

    init_logging(level=logging.DEBUG if debug else logging.WARNING, handler=plain_handler())
    lock = threading.Lock()

    def rebuild() -> None:
        with lock:
            result = build(settings_file, {"OUTPUT_PATH": output_path}, debug=debug)
        print(summary(result, strict=False), file=sys.stderr)

    rebuild()
    hub = ReloadHub()
    backend = _preview_backend(output_path, host, port)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async def watch_and_rebuild() -> None:
            async for changes in watchfiles.awatch(*[p for p in watch if os.path.exists(p)]):
                names = sorted({os.path.relpath(path) for _, path in changes})
                print(
                    f"Changed: {', '.join(names[:5])}{' …' if len(names) > 5 else ''}",
                    file=sys.stderr,
                )
                await asyncio.to_thread(rebuild)
                hub.bump()

        watcher = asyncio.create_task(watch_and_rebuild())
        print(f"Preview: http://{host}:{port}/  (Ctrl+C stops)", file=sys.stderr)
        try:
            yield
        finally:
            watcher.cancel()

    app = create_preview_app(output_path, backend, hub, lifespan)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=1,
    )


def _preview_backend(output_path: str, host: str, port: int) -> Starlette | None:
    """The poll backend configured for the preview, or None if it is not available."""
    try:
        from faces_backend.app import create_app
        from faces_backend.settings import Settings
    except ImportError:
        logger.warning("preview: the poll backend is not available; polls are read-only")
        return None
    os.makedirs(".cache", exist_ok=True)
    environ = {
        "FACES_DEV": "1",
        "FACES_DB": os.path.join(".cache", "preview-polls.sqlite3"),
        "FACES_MANIFEST": os.path.join(output_path, "polls", "manifest.json"),
        "FACES_ALLOWED_ORIGINS": f"http://{host}:{port},http://localhost:{port}",
        **{k: v for k, v in os.environ.items() if k.startswith("FACES_")},
    }
    return create_app(Settings.from_env(environ))
