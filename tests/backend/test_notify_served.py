"""The opt-in links over real HTTP: uvicorn, the app mounted at /api, settings from FACES_*."""

from __future__ import annotations

import contextlib
import threading
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.routing import Mount

from faces_backend.notify import CommentNotifier, NotifySettings, WriterJobs, subscription_routes
from faces_backend.writer import Writer
from tests.backend import notify_helpers
from tests.backend.notify_helpers import COMMENTER, WAIT, body, reply
from tests.servers import free_port

mailbox = notify_helpers.mailbox


def composed_app(environ: dict[str, str], db_path: Path) -> Starlette:
    """The backend's composition as the integrator wires it: writer, then notifier, then routes."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        writer = Writer(db_path)
        writer.start()
        notifier = CommentNotifier(NotifySettings.from_env(environ), WriterJobs(writer))
        notifier.start()
        app.state.notifier = notifier
        try:
            yield
        finally:
            notifier.close()  # its queued database work needs the writer
            writer.stop()

    api = Starlette(
        routes=subscription_routes(lambda request: request.app.state.notifier), lifespan=lifespan
    )

    @contextlib.asynccontextmanager
    async def site_lifespan(app: Starlette) -> AsyncIterator[None]:
        async with api.router.lifespan_context(api):
            yield

    site = Starlette(routes=[Mount("/api", app=api)], lifespan=site_lifespan)
    site.state.api = api
    return site


@pytest.fixture
def served(mailbox, tmp_path: Path) -> Iterator[tuple[str, CommentNotifier, Any]]:
    """The app under uvicorn on 127.0.0.1; yields its address, its notifier and the mailbox."""
    box, smtp_port = mailbox
    port = free_port()
    environ = {
        "FACES_SMTP_HOST": "127.0.0.1",
        "FACES_SMTP_PORT": str(smtp_port),
        "FACES_SMTP_STARTTLS": "0",
        "FACES_MAIL_FROM": "Blog <blog@seewerk.example>",
        "FACES_PUBLIC_URL": f"http://127.0.0.1:{port}/api",
    }
    app = composed_app(environ, tmp_path / "served.sqlite3")
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", app.state.api.state.notifier, box
    server.should_exit = True
    thread.join(timeout=15)
    assert not thread.is_alive()


def fetch(url: str, *, method: str = "GET", data: bytes | None = None) -> tuple[int, str]:
    """Open a URL with the standard library; return the status and the page."""
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_confirm_then_a_mail_programs_one_click_unsubscribe(served) -> None:
    base, notifier, box = served
    notifier.subscribe("c-0123456789ab", COMMENTER, "de")
    assert notifier.wait_idle(WAIT)
    [confirmation] = box.to(COMMENTER)
    confirm_url = next(line for line in body(confirmation).split() if "/confirm?" in line)
    assert confirm_url.startswith(f"{base}/api/comments/subscription/confirm?token=")
    assert fetch(confirm_url)[0] == 200
    assert fetch(confirm_url)[0] == 409
    # RFC 8058: the mail program POSTs this body to the List-Unsubscribe address.
    stop_url = confirmation["List-Unsubscribe"].strip("<>")
    status, page = fetch(stop_url, method="POST", data=b"List-Unsubscribe=One-Click")
    assert status == 200
    assert "Ihre Adresse ist gelöscht" in page
    notifier.comment_approved(reply("c-0123456789ab"))
    assert notifier.wait_idle(WAIT)
    assert len(box.to(COMMENTER)) == 1  # unsubscribed: no reply mail
    assert fetch(stop_url, method="POST", data=b"List-Unsubscribe=One-Click")[0] == 404
