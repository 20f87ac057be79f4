"""Local preview: the built site and the backend on one origin, rebuilt on every change.

Only for editors and authors on their own machine: it injects a tiny live-reload script
into the HTML it serves, so the built files themselves stay free of it.

An edited post is rebuilt in two steps: first only that post's page (so the browser
showing it reloads quickly), then the whole site in the background; browsers reload only
when the page they show has really changed.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import os
import sys
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

logger = logging.getLogger("faces_backend.preview")

RELOAD_SCRIPT = (
    "<script>(function(){var s=new EventSource('/__reload');s.onmessage=function(e){"
    "var d=JSON.parse(e.data),p=location.pathname;"
    "if(d.paths.indexOf(p)>=0||d.paths.indexOf(p+'index.html')>=0){location.reload();}};})();"
    "</script>"
)


class ReloadHub:
    """Tells connected browsers which pages a finished build changed."""

    def __init__(self) -> None:
        self.version = 0
        self.paths: list[str] = []
        self._changed = asyncio.Event()

    def announce(self, paths: list[str]) -> None:
        """Announce changed URL paths (call from the event loop)."""
        if not paths:
            return
        self.version += 1
        self.paths = paths
        self._changed.set()
        self._changed = asyncio.Event()

    async def stream(self) -> AsyncIterator[str]:
        """Server-sent events: one message per build that changed something."""
        seen = self.version
        while True:
            waiter = self._changed
            try:
                await asyncio.wait_for(waiter.wait(), timeout=15)
            except TimeoutError:
                yield ": keep-alive\n\n"
                continue
            if self.version != seen:
                seen = self.version
                yield f"data: {json.dumps({'version': seen, 'paths': self.paths})}\n\n"


class PreviewFiles(StaticFiles):
    """Static files with the live-reload script added to every HTML page."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        """Serve the file; HTML gets the reload script before </body>."""
        response = await super().get_response(path, scope)
        file_path = str(getattr(response, "path", ""))
        if file_path.endswith(".html"):
            with open(file_path, encoding="utf-8") as page:
                html = page.read().replace("</body>", f"{RELOAD_SCRIPT}</body>", 1)
            return HTMLResponse(
                html, status_code=response.status_code, headers={"Cache-Control": "no-store"}
            )
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


class OutputState:
    """Digests of the written pages, to tell which ones a build really changed."""

    def __init__(self, output_path: str) -> None:
        self.output_path = output_path
        self.digests: dict[str, str] = {}

    def changed(self, relatives: Iterable[str] | None = None) -> list[str]:
        """URL paths of pages whose content differs from the last look (all, or the given)."""
        if relatives is None:
            pages: Iterable[tuple[str, str]] = self._pages()
        else:
            pages = [(r, os.path.join(self.output_path, r)) for r in relatives]
        changed = []
        for relative, full in pages:
            try:
                with open(full, "rb") as page:
                    digest = hashlib.blake2b(page.read(), digest_size=16).hexdigest()
            except OSError:
                continue
            if self.digests.get(relative) != digest:
                self.digests[relative] = digest
                changed.append("/" + relative)
        return changed

    def _pages(self) -> Iterable[tuple[str, str]]:
        for folder, _, files in os.walk(self.output_path):
            for name in files:
                if name.endswith(".html"):
                    full = os.path.join(folder, name)
                    yield os.path.relpath(full, self.output_path).replace(os.sep, "/"), full


def quick_sources(changed: Iterable[str]) -> list[str] | None:
    """The edited posts/pages when only those changed, else None (a full build is needed)."""
    sources = []
    for path in changed:
        if not (path.endswith(".md") and os.path.exists(path)):
            return None
        parts = os.path.abspath(path).split(os.sep)
        if "posts" not in parts and "pages" not in parts:
            return None
        sources.append(os.path.abspath(path))
    return sources or None


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
    state = OutputState(output_path)

    def rebuild(sources: list[str] | None = None) -> list[str]:
        overrides: dict[str, Any] = {"OUTPUT_PATH": output_path}
        written: list[str] = []
        if sources:
            # The quick step writes only the edited pages and leaves saving the content
            # cache to the full build that follows it.
            overrides.update(
                FAST_PREVIEW_SOURCES=sources, FAST_PREVIEW_WRITTEN=written, CACHE_CONTENT=False
            )
        with lock:
            result = build(settings_file, overrides, debug=debug)
            changed = state.changed(written if sources else None)
        if not sources:
            print(summary(result, strict=False), file=sys.stderr)
        return changed

    rebuild()
    hub = ReloadHub()
    backend = _preview_backend(output_path, host, port)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async def watch_and_rebuild() -> None:
            paths = [p for p in watch if os.path.exists(p)]
            async for changes in watchfiles.awatch(*paths, debounce=50, step=20):
                names = sorted({path for _, path in changes})
                shown = ", ".join(os.path.relpath(n) for n in names[:5])
                print(f"Changed: {shown}{' …' if len(names) > 5 else ''}", file=sys.stderr)
                sources = quick_sources(names)
                if sources:
                    hub.announce(await asyncio.to_thread(rebuild, sources))
                hub.announce(await asyncio.to_thread(rebuild))

        async with contextlib.AsyncExitStack() as stack:
            if backend is not None:
                # A mounted app's lifespan does not run by itself: open the backend here.
                await stack.enter_async_context(backend.router.lifespan_context(backend))
            watcher = asyncio.create_task(watch_and_rebuild())
            stack.callback(watcher.cancel)
            print(f"Preview: http://{host}:{port}/  (Ctrl+C stops)", file=sys.stderr)
            yield

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
    manifest = os.path.join(output_path, "polls", "manifest.json")
    if not os.path.exists(manifest):
        # A site without polls writes no manifest; the backend still needs one to start.
        os.makedirs(os.path.dirname(manifest), exist_ok=True)
        with open(manifest, "w", encoding="utf-8") as empty:
            json.dump({"version": 1, "generated": None, "polls": []}, empty)
    pages = os.path.join(output_path, "reach", "manifest.json")
    if not os.path.exists(pages):
        # Written by the reach plugin when REACH_ENDPOINT is set; until then nothing counts.
        os.makedirs(os.path.dirname(pages), exist_ok=True)
        with open(pages, "w", encoding="utf-8") as empty:
            json.dump({"version": 1, "generated": None, "pages": []}, empty)
    environ = {
        "FACES_DEV": "1",
        "FACES_DB": os.path.join(".cache", "preview-polls.sqlite3"),
        "FACES_MANIFEST": manifest,
        "FACES_VIEWS_MANIFEST": pages,
        "FACES_ALLOWED_ORIGINS": f"http://{host}:{port},http://localhost:{port}",
        **{k: v for k, v in os.environ.items() if k.startswith("FACES_")},
    }
    return create_app(Settings.from_env(environ))
