"""A real SMTP server (aiosmtpd), a real webhook receiver and notifiers wired to them."""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.policy
import json
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field, replace
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from faces_backend.app import app_from_env
from faces_backend.comments.events import CommentEvent
from faces_backend.comments.notify import (
    CommentNotifier,
    NotifySettings,
    SmtpSettings,
    StoreJobs,
)
from faces_backend.store.sqlite import SqliteStore, open_sqlite_store
from tests.backend.comments_support import write_threads
from tests.backend.helpers import write_manifest
from tests.servers import free_port, serve_in_thread

PUBLIC_URL = "https://blog.example.com/api"
EDITOR = "redaktion@seewerk.example"
AUTHOR = "lea.meier@seewerk.example"
COMMENTER = "reader@mail.example"
QUICK_RETRIES = (0.01, 0.02, 0.04)
WAIT = 20.0


@dataclass
class MailBox:
    """What the SMTP server received: one parsed message per recipient envelope."""

    messages: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    refuse_next: int = 0  # answer this many DATA commands with 451 (try again later)
    release: threading.Event | None = None  # if set, DATA waits for it

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        """Record the message (aiosmtpd's handler hook)."""
        if self.release is not None:
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait)
        if self.refuse_next:
            self.refuse_next -= 1
            return "451 4.3.0 try again later"
        content = envelope.original_content or b""
        parsed = email.message_from_bytes(content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(([str(r) for r in envelope.rcpt_tos], parsed))
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        """The messages one recipient got."""
        return [message for recipients, message in self.messages if address in recipients]


def body(message: EmailMessage) -> str:
    """The text of a received mail, with the wire's CRLF line ends as newlines."""
    content = message.get_content()
    assert isinstance(content, str)
    return content.replace("\r\n", "\n")


@pytest.fixture
def refusing_port() -> Iterator[int]:
    """A port on 127.0.0.1 held but not listening: connections are refused, nobody can take it."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield int(held.getsockname()[1])


@pytest.fixture
def mailbox() -> Iterator[tuple[MailBox, int]]:
    """A real SMTP server on 127.0.0.1; yields its mailbox and port."""
    box = MailBox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, port
    controller.stop()


class _Hook(BaseHTTPRequestHandler):
    received: list[dict[str, Any]]

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        self.received.append(
            {
                "path": self.path,
                "type": self.headers["Content-Type"],
                "raw": raw,
                "json": json.loads(raw),
            }
        )
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def webhook() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """A real HTTP receiver on 127.0.0.1; yields its URL and the requests it got."""
    received: list[dict[str, Any]] = []
    handler = type("Hook", (_Hook,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hooks/secret-path", received
    server.shutdown()
    server.server_close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    """The backend's store (its single writer) on a fresh database."""
    with open_sqlite_store(tmp_path / "backend.sqlite3") as opened:
        yield opened


def notify_settings(smtp_port: int, webhook_url: str = "", **changes: Any) -> NotifySettings:
    """Settings pointing at the test servers: one editor, one author with an address."""
    settings = NotifySettings(
        smtp=SmtpSettings(host="127.0.0.1", port=smtp_port, starttls=False),
        mail_from="Seewerk Blog <blog@seewerk.example>",
        editor_emails=(EDITOR,),
        author_emails={"lea-meier": AUTHOR},
        webhook_url=webhook_url,
        public_url=PUBLIC_URL,
        moderation_url=PUBLIC_URL + "/moderation/comments",
    )
    return replace(settings, **changes)


@pytest.fixture
def start_notifier(store: SqliteStore) -> Iterator[Any]:
    """Start notifiers on the test store; each is closed (before the store) at the end."""
    started: list[CommentNotifier] = []

    def start(settings: NotifySettings, **options: Any) -> CommentNotifier:
        options.setdefault("retry_delays", QUICK_RETRIES)
        notifier = CommentNotifier(settings, StoreJobs(store), **options)
        notifier.start()
        started.append(notifier)
        return notifier

    yield start
    for notifier in started:
        notifier.close()


def event(comment_id: str = "c-0123456789ab", **changes: Any) -> CommentEvent:
    """A new top-level comment on Lea Meier's post."""
    values: dict[str, Any] = {
        "comment_id": comment_id,
        "thread": "posts/2026/ideen-fuer-die-kantine",
        "post_title": "Ideen für die Kantine",
        "post_url": "/2026/ideen-fuer-die-kantine/",
        "author_profiles": ("lea-meier",),
        "name": "Jonas",
        "text": "Eine Salatbar wäre schön.\n\nUnd länger offen.",
        "parent": None,
        "profile": None,
        "received": "2026-12-06T05:00:00+00:00",
    }
    values.update(changes)
    return CommentEvent(**values)


def reply(parent: str, comment_id: str = "c-fedcba987654", **changes: Any) -> CommentEvent:
    """Lea Meier's reply to a comment."""
    fields = {"name": "Lea Meier", "text": "Danke, wir prüfen das!", "profile": "lea-meier"}
    return event(comment_id, parent=parent, **{**fields, **changes})


def composed_app(environ: dict[str, str]) -> Starlette:
    """The backend as `serve` builds it from FACES_* variables, at /api beside the theme."""
    api = app_from_env(environ)

    @contextlib.asynccontextmanager
    async def site_lifespan(app: Starlette) -> AsyncIterator[None]:
        async with api.router.lifespan_context(api):
            yield

    # The site's own stylesheets, which the backend's pages link (FACES_STYLESHEETS).
    theme = StaticFiles(directory=Path(__file__).resolve().parents[2] / "theme" / "static")
    site = Starlette(
        routes=[Mount("/api", app=api), Mount("/theme", app=theme)], lifespan=site_lifespan
    )
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
        "FACES_DB": str(tmp_path / "served.sqlite3"),
        "FACES_MANIFEST": str(write_manifest(tmp_path / "polls.json", [])),
        "FACES_COMMENTS_MANIFEST": str(write_threads(tmp_path / "threads.json")),
        "FACES_ALLOWED_ORIGINS": f"http://127.0.0.1:{port}",
        "FACES_SECRET": "served-secret-" + "x" * 32,
        "FACES_EDITOR_EMAILS": EDITOR,
        "FACES_FORM_MIN_SECONDS": "0",
    }
    app = composed_app(environ)
    running = serve_in_thread(app, port, "uvicorn")
    yield f"http://127.0.0.1:{port}", app.state.api.state.comments.notifier, box
    running.stop()
