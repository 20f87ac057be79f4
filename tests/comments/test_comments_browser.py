"""Comments in real Chromium: hostile text stays inert, newer comments merge in, the form sends
in place, the pending note works without JavaScript, and axe finds nothing."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from tests.browser import PageWatch, axe_violations, launch_chromium
from tests.comments.site import build_comment_site
from tests.servers import free_port, serve_in_thread

pytestmark = pytest.mark.browser
POST = "/2026/ideen-fuer-die-kantine/"
NEWER = [
    {  # already in the page: must not appear twice
        "id": "c-000000000004",
        "parent": None,
        "name": "",
        "profile": None,
        "text": "Ein zweiter Kommentar.",
        "received": "2026-03-16T08:04:00Z",
        "approved": "2026-03-16T09:04:00Z",
    },
    {
        "id": "c-0000000000aa",
        "parent": None,
        "name": '<script>alert("live-name")</script>',
        "profile": None,
        "text": "Neu <img src=x onerror=alert(5)>\n\nMehr: https://example.org/x. "
        "javascript:alert(7)",
        "received": "2026-03-17T10:00:00Z",
        "approved": "2026-03-17T10:30:00Z",
    },
    {
        "id": "c-0000000000bb",
        "parent": "c-000000000001",
        "name": "Miriam Keller",
        "profile": "miriam-keller",
        "text": "Eine neue Antwort.",
        "received": "2026-03-17T11:00:00Z",
        "approved": "2026-03-17T11:05:00Z",
    },
]


@dataclass
class FakeBackend:
    """What the contract-shaped stand-in for the backend was asked."""

    live_queries: list[tuple[str, str]] = field(default_factory=list)
    posted: list[dict[str, Any]] = field(default_factory=list)


def backend_app(output: Path, seen: FakeBackend) -> Starlette:
    """The built site plus the comment endpoints of the contract, answering fixed data."""

    async def stamp(request: Request) -> JSONResponse:
        return JSONResponse({"stamp": "stamp-123"})

    async def submit(request: Request) -> JSONResponse:
        seen.posted.append(await request.json())
        return JSONResponse(
            {"id": "c-0000000000cc", "status": "pending", "withdraw_url": "/api/w/c-cc?token=t"},
            status_code=201,
        )

    async def newer(request: Request) -> JSONResponse:
        thread = request.path_params["thread"]
        seen.live_queries.append((thread, request.query_params.get("since", "")))
        return JSONResponse(
            {"thread": thread, "comments": NEWER if thread == "kantine-2026" else []}
        )

    async def view(request: Request) -> Response:
        return Response(status_code=204)  # the reach beacon of every post

    return Starlette(
        routes=[
            Route("/api/views", view, methods=["POST"]),
            Route("/api/comments/stamp", stamp),
            Route("/api/comments", submit, methods=["POST"]),
            Route("/api/comments/{thread:path}", newer),
            Mount("/", StaticFiles(directory=output, html=True)),
        ]
    )


@dataclass
class Running:
    origin: str
    seen: FakeBackend
    output: Path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    run = build_comment_site(tmp_path_factory.mktemp("comments-browser"))
    assert (run.output / "theme" / "js" / "comments.js").exists(), run.log
    seen = FakeBackend()
    port = free_port()
    running = serve_in_thread(backend_app(run.output, seen), port, "the test backend")
    try:
        yield Running(f"http://127.0.0.1:{port}", seen, run.output)
    finally:
        running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch_chromium()


@contextlib.contextmanager
def opened(browser: Any, site: Running, path: str = POST, **options: Any) -> Iterator[Any]:
    context = browser.new_context(**options)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    watch = PageWatch(site.origin)
    watch.attach(page)
    page.watch = watch
    page.goto(site.origin + path, wait_until="networkidle")
    try:
        yield page
    finally:
        context.close()


def test_newer_comments_merge_in_as_text(browser: Any, site: Running) -> None:
    with opened(browser, site) as page:
        page.wait_for_selector("#c-0000000000aa")
        page.wait_for_selector("#c-000000000001 .comment__replies #c-0000000000bb")
        assert page.locator("#c-000000000004").count() == 1
        assert page.inner_text(".comments__count") == "(6)"
        merged = page.locator("#c-0000000000aa")
        assert (
            merged.locator(".comment__name").inner_text() == '<script>alert("live-name")</script>'
        )
        assert merged.locator(".comment__text p").all_inner_texts() == [
            "Neu <img src=x onerror=alert(5)>",
            "Mehr: https://example.org/x. javascript:alert(7)",
        ]
        links = merged.locator(".comment__text a")
        assert links.count() == 1
        assert links.get_attribute("href") == "https://example.org/x"
        assert links.get_attribute("rel") == "nofollow ugc"
        assert merged.locator("img, script").count() == 0
        assert page.dialogs == []
        assert page.watch.console_errors == [] and page.watch.foreign_requests() == []
    assert ("kantine-2026", "2026-03-16T09:04:00Z") in site.seen.live_queries


def test_hostile_comments_from_the_build_fire_nothing(browser: Any, site: Running) -> None:
    with opened(browser, site) as page:
        page.wait_for_selector("#c-0000000000aa")
        for paragraph in page.locator(".comment__text p").all():
            paragraph.click(position={"x": 2, "y": 2})
        assert (
            page.locator('section.comments :is([href^="javascript"], [src], [onerror])').count()
            == 0
        )
        assert page.dialogs == []


def test_form_is_sent_in_place_with_a_stamp(browser: Any, site: Running) -> None:
    with opened(browser, site) as page:
        page.fill("#kommentar-neu-name", "Lea")
        page.fill("#kommentar-neu-text", "Gute Idee!")
        page.check("#kommentar-neu-notify")
        page.wait_for_function(
            "document.querySelector('#kommentar-neu-name').form.elements.stamp?.value"
        )
        page.click(".comments__write [type=submit]")
        page.wait_for_selector("#kommentar-wartet", state="visible")
        assert page.evaluate("document.activeElement.id") == "kommentar-wartet"
        link = page.locator("#kommentar-wartet a.comments__withdraw")
        assert link.get_attribute("href") == site.origin + "/api/w/c-cc?token=t"
        assert page.input_value("#kommentar-neu-text") == ""
    assert site.seen.posted[-1] == {
        "name": "Lea",
        "email": "",
        "text": "Gute Idee!",
        "notify": "on",
        "_hp": "",
        "thread": "kantine-2026",
        "_next": POST,
        "stamp": "stamp-123",
    }


def test_pending_note_shows_without_javascript_only_when_targeted(
    browser: Any, site: Running
) -> None:
    with opened(browser, site, java_script_enabled=False) as page:
        assert not page.is_visible("#kommentar-wartet")
    with opened(browser, site, POST + "#kommentar-wartet", java_script_enabled=False) as page:
        assert page.is_visible("#kommentar-wartet")
        assert page.inner_text("#kommentar-wartet") == "Ihr Kommentar wartet auf Freigabe"


def test_thread_has_no_accessibility_violations(browser: Any, site: Running) -> None:
    with opened(browser, site) as page:
        page.wait_for_selector("#c-0000000000aa")
        page.click("#c-000000000001 > details.comment__answer > summary")
        page.click("#c-000000000001 > details.comment__report > summary")
        assert axe_violations(page) == []
